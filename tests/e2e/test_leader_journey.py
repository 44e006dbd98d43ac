"""The main journey of a future association leader, and of the staff member who lets them in."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail

from associations.models import Membership
from tests.e2e.accounts import log_in, log_out, pass_second_factor
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Una-password-lunga-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
EMAIL_LABEL = re.compile(r"^E-?mail$", re.I)


def _log_in(page, live_server, email, password):
    log_in(page, live_server.url, email, password)


def _log_out(page, live_server):
    log_out(page, live_server.url)


def test_sign_up_confirm_join_get_approved_and_edit_the_profile(page, live_server, totp_code):
    association = AssociationFactory(name="Associazione Ponti sul Mediterraneo")
    MembershipFactory(association=association, leader=True)
    staff = UserFactory(email="staff@example.org", staff=True, is_superuser=True)
    staff.set_password(PASSWORD)
    staff.save()
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )

    # Sign up.
    page.goto(f"{live_server.url}/account/signup/")
    page.get_by_label("Nome e cognome").fill("Awa Diop")
    page.get_by_label(EMAIL_LABEL).fill("awa@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("Password \\(di nuovo\\)|Ripeti|Conferma", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("^Registra", re.I)).click()
    page.get_by_text(re.compile("verifica", re.I)).first.wait_for()

    # Confirm the e-mail with the link that arrived.
    confirmation = next(m for m in mail.outbox if "awa@example.org" in m.to)
    link = re.search(r"https?://\S+/account/confirm-email/\S+", confirmation.body).group(0)
    page.goto(
        link.replace("http://testserver", live_server.url).replace(
            "https://testserver", live_server.url
        )
    )
    page.get_by_role("button", name=re.compile("Conferma", re.I)).click()

    # Log in (if the confirmation did not already) and ask to join.
    if "/account/login/" in page.url or page.get_by_role("link", name=re.compile("Accedi")).count():
        _log_in(page, live_server, "awa@example.org", PASSWORD)
    page.goto(f"{live_server.url}{association.get_absolute_url()}")
    page.get_by_role("button", name=re.compile("Chiedi di entrare", re.I)).click()
    page.get_by_text("Richiesta inviata").wait_for()
    membership = Membership.objects.get(user__email="awa@example.org", association=association)
    assert membership.status == Membership.Status.REQUESTED
    _log_out(page, live_server)

    # Staff log in with their second factor and accept the request as a leader.
    _log_in(page, live_server, "staff@example.org", PASSWORD)
    pass_second_factor(page, totp_code(TOTP_SECRET))
    page.goto(f"{live_server.url}/associazioni/{association.slug}/soci/")
    page.get_by_label(re.compile("Ruolo Awa Diop")).select_option("leader")
    page.get_by_role("button", name="Accetta Awa Diop").click()
    page.get_by_text("Awa Diop ora fa parte").wait_for()
    assert any("awa@example.org" in m.to and "Ora fai parte" in m.subject for m in mail.outbox)
    _log_out(page, live_server)

    # The new leader edits the association's profile.
    _log_in(page, live_server, "awa@example.org", PASSWORD)
    page.goto(f"{live_server.url}/associazioni/area-riservata/")
    page.get_by_role("link", name=re.compile("Modifica profilo")).click()
    page.get_by_label("Descrizione").fill("Ponti tra Reggio Emilia e Dakar: scuole e formazione.")
    page.get_by_role("button", name="Salva le modifiche").click()
    page.get_by_text("Profilo aggiornato.").wait_for()
    assert "Dakar" in page.content()
    association.refresh_from_db()
    assert association.description.startswith("Ponti tra Reggio Emilia e Dakar")
    assert page.csp_errors == []
