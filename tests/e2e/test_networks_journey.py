"""Staff record a network event, turn a follow-up into a commitment, complete it, and enter a
yearly ICC assessment that shows in the trend; the trend and public pages pass axe-core."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from networks.models import Commitment, NetworkEvent, PolicyArea
from networks.reference import ensure_reference_data
from tests.e2e.accounts import log_in
from tests.e2e.axe import serious_violations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Una-password-lunga-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def _staff_logs_in(page, live_server, totp_code):
    log_in(page, live_server.url, "coordinatrice@example.org", PASSWORD, totp_code(TOTP_SECRET))


def test_staff_turn_an_event_follow_up_into_a_done_commitment_and_add_a_year(
    page, live_server, totp_code
):
    from networks import services

    ensure_reference_data()
    staff = UserFactory(email="coordinatrice@example.org", full_name="Giulia Ferrari", staff=True)
    staff.is_superuser = True
    staff.set_password(PASSWORD)
    staff.save()
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    areas = list(PolicyArea.objects.filter(optional=False))
    services.assessment_create(
        year=2024, actor=staff, scores={area: {"score": 50} for area in areas}
    )
    _staff_logs_in(page, live_server, totp_code)

    # Record an event.
    page.goto(f"{live_server.url}/reti/gestione/eventi/nuovo/")
    page.get_by_label("Rete", exact=True).select_option(label="ICC")
    page.get_by_label("Tipo", exact=True).select_option("coordinators_meeting")
    page.get_by_label("Titolo", exact=True).fill("Riunione dei coordinatori a Strasburgo")
    page.get_by_label("Data di inizio").fill("2026-10-14")
    page.get_by_label("Luogo").fill("Strasburgo")
    page.get_by_label("Resoconto").fill("Presentato il piano d'azione della città.")
    # Bootstrap Italia draws the box over the input: people (and we) click the label.
    page.locator("label[for=id_is_public]").click()
    expect(page.get_by_label("Pubblico", exact=True)).to_be_checked()
    giulia = page.get_by_label("Giulia Ferrari")
    page.locator(f"label[for={giulia.get_attribute('id')}]").click()
    expect(giulia).to_be_checked()
    page.get_by_role("button", name="Salva l'evento").click()
    page.get_by_text("Evento salvato.").wait_for()
    event = NetworkEvent.objects.get(title="Riunione dei coordinatori a Strasburgo")
    assert list(event.staff_participants.all()) == [staff]

    # Note a follow-up and turn it into a commitment.
    page.get_by_label("Azione da seguire").fill("Tradurre la guida di benvenuto in arabo")
    page.get_by_role("button", name="Aggiungi", exact=True).click()
    page.get_by_text("Azione da seguire aggiunta.").wait_for()
    page.get_by_label("Responsabile").select_option(label="Giulia Ferrari")
    page.get_by_label("Scadenza").fill((date.today() + timedelta(days=60)).isoformat())
    page.get_by_label("Area ICC").select_option(label="Lingua")
    page.get_by_role("button", name=re.compile("^Crea l'impegno")).click()
    page.get_by_text("L'azione è ora un impegno del piano d'azione.").wait_for()
    commitment = Commitment.objects.get()
    assert commitment.title == "Tradurre la guida di benvenuto in arabo"
    assert commitment.followup.event == event

    # Add evidence, then complete it.
    page.get_by_label("Che cosa dimostra").fill("La guida pubblicata")
    page.get_by_label("Link").fill("https://example.org/guida-ar.pdf")
    page.get_by_role("button", name="Aggiungi la prova").click()
    page.get_by_text("Prova aggiunta.").wait_for()
    page.get_by_label("Nuovo stato").select_option("completed")
    page.get_by_role("button", name="Cambia lo stato").click()
    page.get_by_text("Impegno ora «completato».").wait_for()
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.COMPLETED

    # Enter the new yearly assessment; it shows in the trend.
    page.goto(f"{live_server.url}/reti/gestione/indice-icc/nuova/")
    page.get_by_label("Anno").fill("2025")
    for area in areas:
        page.get_by_label(f"{area.name}: punteggio (0–100)").fill("70")
    page.get_by_label("Partecipazione: punteggio (0–100)").fill("40")
    page.get_by_role("button", name="Salva l'autovalutazione").click()
    page.get_by_text("Autovalutazione 2025 salvata.").wait_for()
    assert "/reti/indice-icc/" in page.url
    # (15 × 70 + 40) / 16 = 68.125 → 68.1 in 2025, after 50.0 in 2024.
    table = page.get_by_role("table", name=re.compile("Punteggio complessivo per anno"))
    assert table.get_by_role("row", name=re.compile("2025")).inner_text().split()[-1] == "68,1"
    assert page.locator("svg[role=img]").count() == 1 + 16
    assert serious_violations(page) == []
    assert page.csp_errors == []


def test_public_network_pages_have_no_serious_accessibility_violations(page, live_server):
    from networks import demo

    ensure_reference_data()
    UserFactory(email="staff@demo.example.org", staff=True)
    demo.seed(scale=1)
    for path in ("/reti/", "/reti/indice-icc/", "/reti/eventi/", "/en/reti/indice-icc/"):
        page.goto(f"{live_server.url}{path}")
        assert serious_violations(page) == [], path
        assert page.csp_errors == [], path
    assert page.locator("svg[role=img]").count() == 18
