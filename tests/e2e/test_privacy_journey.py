"""A person downloads their data and deletes their account, in the browser (axe on each page)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from mondinsieme.models import OutgoingEmail, User
from tests.e2e.accounts import log_in
from tests.e2e.axe import serious_violations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _check(page) -> None:
    assert serious_violations(page) == []
    assert page.csp_errors == []


@pytest.mark.parametrize("path", ["/privacy/", "/privacy/signatures/", "/en/privacy/"])
def test_the_notices_have_no_serious_accessibility_violations(page, live_server, path):
    page.goto(f"{live_server.url}{path}")
    _check(page)


def test_a_person_downloads_their_data_and_deletes_the_account(page, live_server):
    UserFactory(email="awa@example.org", full_name="Awa Diop")
    log_in(page, live_server.url, "awa@example.org", "password-123!")

    page.goto(f"{live_server.url}/privacy/i-miei-dati/")
    expect(page).to_have_title(re.compile("I miei dati e consensi"))
    _check(page)
    page.get_by_role("button", name="Chiedi una copia dei miei dati").click()
    page.get_by_text("Abbiamo ricevuto la richiesta").wait_for()

    body = OutgoingEmail.objects.get(template="privacy/export_ready").body_text
    link = re.search(r"/privacy/i-miei-dati/copia/[^\s]+", body).group(0)
    download = page.request.get(f"{live_server.url}{link}")
    assert download.ok
    archive = zipfile.ZipFile(io.BytesIO(download.body()))
    assert "awa@example.org" in archive.read("mondinsieme.json").decode()

    page.get_by_role("link", name=re.compile("Cosa succede se elimini")).click()
    expect(page).to_have_title(re.compile("Elimina l'account"))
    _check(page)
    page.get_by_label("Ho capito: voglio eliminare il mio account").check(force=True)
    page.get_by_role("button", name="Elimina il mio account").click()
    # The portal asks for the password again, then carries on with the deletion.
    if "/account/reauthenticate/" in page.url:
        page.get_by_label("Password", exact=True).fill("password-123!")
        page.get_by_role("button", name=re.compile("Conferma|Confirm", re.I)).click()
    expect(page).to_have_title(re.compile("Account eliminato"))
    _check(page)

    assert not User.objects.filter(email="awa@example.org").exists()
    page.goto(f"{live_server.url}/privacy/i-miei-dati/")
    assert "/account/login/" in page.url
