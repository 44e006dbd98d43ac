"""Staff run the business table: a meeting with minutes → an opportunity → an action → results."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from business_table.models import Action, Meeting, Opportunity
from mondinsieme.models import ActivityLog
from tests.business_table.factories import MeetingFactory, TradeAssociationFactory
from tests.e2e.accounts import log_in
from tests.e2e.axe import serious_violations
from tests.factories import AssociationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Una-password-lunga-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
EMAIL_LABEL = re.compile(r"^E-?mail$", re.I)


def test_staff_record_a_meeting_and_follow_an_opportunity_to_its_conclusion(
    page, live_server, totp_code
):
    staff = UserFactory(email="staff@example.org", full_name="Giulia Staff", staff=True,
                        is_superuser=True)  # fmt: skip
    staff.set_password(PASSWORD)
    staff.save()
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    TradeAssociationFactory(name="Associazione artigiani (demo)")
    connector = AssociationFactory(name="Associazione Ponti sul Mediterraneo")

    # Staff log in with their second factor.
    log_in(page, live_server.url, "staff@example.org", PASSWORD, totp_code(TOTP_SECRET))

    # Record a meeting held yesterday, with its minutes.
    start = timezone.localtime() - timedelta(days=1)
    page.goto(f"{live_server.url}/tavolo-economico/riunioni/nuova/")
    page.get_by_label("Titolo").fill("Tavolo sul Marocco")
    page.get_by_label("Inizio").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Fine").fill((start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Luogo").fill("Sala del Tricolore")
    page.get_by_text("Associazione artigiani (demo)", exact=True).click()
    page.get_by_label(re.compile("^Verbale")).fill("## Discussione\nExport di macchine agricole.")
    page.get_by_role("button", name="Salva la riunione").click()
    page.get_by_text("Riunione salvata.").wait_for()
    page.get_by_role("heading", name="Discussione").wait_for()
    meeting = Meeting.objects.get(title="Tavolo sul Marocco")

    # Create an opportunity from the meeting, with a connector association.
    page.get_by_role("link", name="Registra un'opportunità da questa riunione").click()
    page.get_by_label("Titolo").fill("Macchine agricole a Béni Mellal")
    page.get_by_label("Tipo").select_option("export")
    page.get_by_label("Paese", exact=True).select_option("MA")
    page.get_by_label(re.compile("^Settore")).fill("28.30")
    page.get_by_label("Descrizione").fill("Un distretto agricolo cerca macchine.")
    page.get_by_label("Associazioni che fanno da ponte").select_option(label=connector.name)
    page.get_by_label("Prossimo passo").fill("Incontro con tre imprese")
    page.get_by_label("Responsabile").select_option(label="Giulia Staff")
    page.get_by_role("button", name="Salva l'opportunità").click()
    page.get_by_text("Opportunità salvata.").wait_for()
    opportunity = Opportunity.objects.get()
    assert opportunity.source_meeting == meeting
    assert list(opportunity.connector_associations.all()) == [connector]

    # Assign an action and complete it with its result.
    page.get_by_label("Azione da fare").fill("Organizzare l'incontro")
    page.get_by_label("Responsabile").select_option(label="Giulia Staff")
    page.get_by_label("Entro il").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Assegna l'azione").click()
    page.get_by_text("Azione assegnata.").wait_for()
    page.get_by_label("Nuovo stato di «Organizzare l'incontro»").select_option("done")
    page.get_by_label("Risultato di «Organizzare l'incontro»").fill("Tre imprese interessate")
    page.get_by_role("button", name="Aggiorna «Organizzare l'incontro»").click()
    page.get_by_text("Azione aggiornata").wait_for()
    action = Action.objects.get()
    assert (action.status, action.meeting, action.outcome) == (
        "done", meeting, "Tre imprese interessate"
    )  # fmt: skip

    # Move the opportunity along; a refused move says why, then it is concluded.
    for status in ("assessing", "active"):
        page.get_by_label("Nuovo stato").select_option(status)
        page.get_by_role("button", name="Cambia lo stato").click()
        page.get_by_text("Stato aggiornato").wait_for()
    page.get_by_label("Nuovo stato").select_option("concluded")
    page.get_by_role("button", name="Cambia lo stato").click()
    page.get_by_text("Scrivi l'esito prima di concludere l'opportunità.").wait_for()
    page.get_by_label("Nuovo stato").select_option("concluded")
    page.get_by_label(re.compile("^Esito")).fill("Primo ordine firmato")
    page.get_by_role("button", name="Cambia lo stato").click()
    page.get_by_text("Stato aggiornato: conclusa.").wait_for()
    opportunity.refresh_from_db()
    assert opportunity.status == "concluded"
    assert list(
        ActivityLog.objects.for_object(opportunity)
        .filter(action="transition")
        .order_by("pk")
        .values_list("to_status", flat=True)
    ) == ["assessing", "active", "concluded"]

    # The chain meeting → action → result shows on the meeting page.
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_text("Tre imprese interessate").wait_for()
    page.get_by_role("table").get_by_role("link", name="Macchine agricole a Béni Mellal").wait_for()
    assert serious_violations(page) == []
    for path in (opportunity.get_absolute_url(), "/tavolo-economico/paesi/MA/"):
        page.goto(f"{live_server.url}{path}")
        assert serious_violations(page) == [], path
    assert page.csp_errors == []


def test_the_public_page_is_accessible(page, live_server):
    MeetingFactory(published=True, public_summary="Il tavolo ha lavorato su **Marocco**.")
    page.goto(f"{live_server.url}/tavolo-economico/")
    page.get_by_text("Il tavolo ha lavorato su").wait_for()
    assert serious_violations(page) == []
    assert page.csp_errors == []
