"""Staff take a twinning file from proposal to active in the admin, through a refused step;
the public pages of the agreement pass axe-core."""

from __future__ import annotations

import re
from datetime import date

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model

from tests.e2e.accounts import log_in
from tests.e2e.axe import serious_violations
from tests.factories import CityFactory, UserFactory
from tests.twinning.factories import ActivityFactory, TwinningFileFactory
from twinning.models import TwinningFile

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Una-password-lunga-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
EMAIL_LABEL = re.compile(r"^E-?mail$", re.I)


def _log_in_staff(page, live_server, totp_code):
    staff = UserFactory(email="staff@example.org", staff=True, is_superuser=True)
    staff.set_password(PASSWORD)
    staff.save()
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    log_in(page, live_server.url, "staff@example.org", PASSWORD, totp_code(TOTP_SECRET))


def _step(page, label):
    page.get_by_role("link", name=f"Passa a «{label}»").click()


def test_staff_take_a_file_from_proposal_to_active(page, live_server, totp_code, tmp_path):
    city = CityFactory(name="Dakar", slug="dakar", country="SN")
    file = TwinningFileFactory(partner_city=city, slug="dakar")
    change_url = f"{live_server.url}/gestione/twinning/twinningfile/{file.pk}/change/"
    _log_in_staff(page, live_server, totp_code)

    page.goto(change_url)
    _step(page, "in valutazione")
    page.get_by_role("button", name="Conferma il passaggio").click()
    page.get_by_text("Pratica passata a «in valutazione».").wait_for()
    _step(page, "in negoziazione")
    page.get_by_role("button", name="Conferma il passaggio").click()
    page.get_by_text("Pratica passata a «in negoziazione».").wait_for()

    # The resolution without its votes and text is refused, with the reason.
    _step(page, "approvata dal Consiglio comunale")
    page.get_by_label("Numero della delibera").fill("45")
    page.get_by_label("Data della delibera").fill("2025-11-03")
    page.get_by_role("button", name="Conferma il passaggio").click()
    page.get_by_text(re.compile("Mancano: voti favorevoli")).wait_for()
    assert TwinningFile.objects.get(pk=file.pk).status == "negotiation"

    page.get_by_label("Numero della delibera").fill("45")
    page.get_by_label("Data della delibera").fill("2025-11-03")
    page.get_by_label("Voti favorevoli").fill("19")
    page.get_by_label("Voti contrari").fill("0")
    page.get_by_label("Astenuti").fill("7")
    page.get_by_label("Testo approvato").fill("Il Consiglio approva il patto di amicizia.")
    page.get_by_role("button", name="Conferma il passaggio").click()
    page.get_by_text("Pratica passata a «approvata dal Consiglio comunale».").wait_for()

    # The notice to Regione, DAR and Foreign Ministry, in the change form.
    for field in ("notice_regione_on", "notice_dar_on", "notice_maeci_on"):
        page.locator(f"#id_{field}").fill("10/11/2025")
    page.get_by_role("button", name=re.compile("Salva e continua", re.I)).click()
    page.get_by_text("Silenzio-assenso dal 19/11/2025; firma possibile dal 10/12/2025.").wait_for()

    # Signing too early is refused; on the first allowed day it goes through.
    signed = tmp_path / "firmato.pdf"
    signed.write_bytes(b"%PDF-1.4\n%firmato\n")
    _step(page, "firmata dal Comune")
    page.get_by_label("Data della firma").fill("2025-12-09")
    page.get_by_label("Luogo della firma").fill("Sala del Tricolore")
    page.get_by_label("Documento firmato").set_input_files(str(signed))
    page.get_by_role("button", name="Conferma il passaggio").click()
    page.get_by_text(re.compile("si può firmare solo dopo 30 giorni")).wait_for()
    page.get_by_label("Data della firma").fill("2025-12-10")
    page.get_by_label("Luogo della firma").fill("Sala del Tricolore")
    page.get_by_label("Documento firmato").set_input_files(str(signed))
    page.get_by_role("button", name="Conferma il passaggio").click()
    page.get_by_text("Pratica passata a «firmata dal Comune».").wait_for()

    _step(page, "controfirmata")
    page.get_by_label("Data della controfirma").fill("2026-01-20")
    page.get_by_role("button", name="Conferma il passaggio").click()
    page.get_by_text("Pratica passata a «controfirmata».").wait_for()

    _step(page, "attiva")
    page.get_by_label("Durata in anni").fill("3")
    page.get_by_role("button", name="Conferma il passaggio").click()
    page.get_by_text("Pratica passata a «attiva».").wait_for()

    # The timeline on the file lists the steps with who took them.
    timeline = page.locator(".field-activity_log")
    assert "controfirmata → attiva" in timeline.inner_text()
    staff = get_user_model().objects.get(email="staff@example.org")
    assert str(staff) in timeline.inner_text()

    file = TwinningFile.objects.get(pk=file.pk)
    assert file.status == "active"
    assert file.expires_on == date(2029, 1, 20)
    assert file.signed_document.name.startswith("twinning/signed/")
    assert page.csp_errors == []

    # The public pages of the agreement: readable and accessible, no internal data.
    ActivityFactory(file=file, title="Scambio tra scuole")
    for path in ("/gemellaggi/", "/gemellaggi/dakar/"):
        page.goto(f"{live_server.url}{path}")
        assert "Dakar" in page.content()
        assert "Mario Riservato" not in page.content()
        assert serious_violations(page) == []
    assert page.csp_errors == []
