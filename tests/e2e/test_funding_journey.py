"""A proposal's journey: a leader writes it and answers staff's questions, two reviewers score it,
staff record the submission and the award. Plus axe-core on the public call pages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from allauth.mfa.models import Authenticator

from funding.models import Proposal, Review
from tests.e2e.accounts import log_in
from tests.e2e.axe import serious_violations
from tests.factories import AssociationFactory, MembershipFactory, UserFactory
from tests.funding.factories import CallFactory, CriterionFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Una-password-lunga-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
EMAIL_LABEL = re.compile(r"^E-?mail$", re.I)


def _user(email: str, **extra):
    user = UserFactory(email=email, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def _session(browser, live_server, email: str, totp=None):
    """A separate browser context logged in as ``email`` (with the TOTP step for staff)."""
    context = browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, email, PASSWORD, totp(TOTP_SECRET) if totp else None)
    return page


def _move(page, label: str) -> None:
    page.get_by_role("button", name=label).click()
    page.get_by_text("Fatto: la proposta ora è").wait_for()


def _review(browser, live_server, email: str, proposal: Proposal, points: tuple[str, str]):
    page = _session(browser, live_server, email)
    page.goto(f"{live_server.url}/bandi/valutazioni/")
    page.get_by_role("link", name=proposal.title).click()
    page.get_by_text("No, posso valutarla").click()
    page.get_by_role("button", name="Conferma").click()
    page.get_by_label(re.compile(r"^Pertinenza: punti")).fill(points[0])
    page.get_by_label(re.compile(r"^Disegno: punti")).fill(points[1])
    page.get_by_label(re.compile("^Raccomandazione")).select_option("fund")
    page.get_by_role("button", name="Invia la valutazione").click()
    page.get_by_text("Valutazione inviata. Grazie!").wait_for()
    page.context.close()


def test_a_proposal_from_idea_to_award(page, browser, live_server, totp_code):
    association = AssociationFactory(name="Associazione Teranga Reggio")
    leader = _user("leader@example.org", full_name="Awa Diop")
    MembershipFactory(association=association, user=leader, leader=True)
    staff = _user("staff@example.org", full_name="Paola Staff", is_staff=True, is_superuser=True)
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    _user("rev1@example.org", full_name="Giulia Revisora")
    _user("rev2@example.org", full_name="Samuel Revisore")
    call = CallFactory(title="NDICI società civile", eligible_countries=["SN"])
    CriterionFactory(call=call, name="Pertinenza", max_points=30, order=1)
    CriterionFactory(call=call, name="Disegno", max_points=20, order=2)

    # The leader writes the proposal and sends it for screening.
    leader_page = _session(browser, live_server, "leader@example.org")
    leader_page.goto(f"{live_server.url}/bandi/proposte/nuova/")
    leader_page.get_by_label("Associazione capofila").select_option(label=association.name)
    leader_page.get_by_label(re.compile("^Titolo")).fill("Orti scolastici a Thiès")
    leader_page.get_by_label(re.compile("^Sintesi")).fill("Orti in tre scuole di Thiès.")
    leader_page.get_by_label(re.compile("^Bando")).select_option(label=call.title)
    leader_page.get_by_label(re.compile("^Paesi di intervento")).select_option(["SN"])
    leader_page.get_by_label(re.compile("^Budget totale")).fill("50000")
    leader_page.get_by_label(re.compile("^Contributo richiesto")).fill("40000")
    leader_page.get_by_label(re.compile("^Cofinanziamento")).fill("10000")
    leader_page.get_by_label(re.compile("^Durata")).fill("12")
    leader_page.get_by_role("button", name="Salva").click()
    leader_page.get_by_text("Proposta salvata come idea").wait_for()
    proposal = Proposal.objects.get(title="Orti scolastici a Thiès")
    _move(leader_page, "Invia per la prima verifica")
    assert leader_page.get_by_role("button", name="Chiedi la concept note").count() == 0

    # Staff ask for more information.
    staff_page = _session(browser, live_server, "staff@example.org", totp=totp_code)
    staff_page.goto(f"{live_server.url}/bandi/gestione/")
    staff_page.get_by_role("link", name="Orti scolastici a Thiès").click()
    staff_page.get_by_label("Domande per l'associazione").fill("Quali scuole? Chi è il partner?")
    staff_page.get_by_role("button", name="Chiedi più informazioni").click()
    staff_page.get_by_text("Fatto: la proposta ora è").wait_for()

    # The leader answers, and the proposal goes back to screening.
    leader_page.reload()
    leader_page.get_by_text("Quali scuole? Chi è il partner?").first.wait_for()
    leader_page.get_by_label("La vostra risposta").fill("Tre scuole primarie; il Comune di Thiès.")
    leader_page.get_by_role("button", name="Invia le risposte").click()
    leader_page.get_by_text("Fatto: la proposta ora è").wait_for()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SCREENING

    # Staff take it to internal evaluation and assign two reviewers.
    staff_page.reload()
    _move(staff_page, "Chiedi la concept note")
    _move(staff_page, "Chiedi la proposta completa")
    _move(staff_page, "Avvia la valutazione interna")
    for email in ("rev1@example.org", "rev2@example.org"):
        staff_page.get_by_label(re.compile("^E-mail del revisore")).fill(email)
        staff_page.get_by_role("button", name="Assegna la valutazione").click()
        staff_page.get_by_text("Valutazione assegnata a").wait_for()

    # The two reviewers declare no conflict and score.
    _review(browser, live_server, "rev1@example.org", proposal, ("25", "15"))
    _review(browser, live_server, "rev2@example.org", proposal, ("21", "13"))
    assert Review.objects.filter(proposal=proposal, status="submitted").count() == 2

    # Staff see the ranking, then record the submission and the award.
    staff_page.goto(f"{live_server.url}/bandi/gestione/bando/{call.slug}/graduatoria/")
    staff_page.get_by_role("cell", name="37").wait_for()  # (25 + 21) / 2 + (15 + 13) / 2
    staff_page.go_back()
    _move(staff_page, "Registra la presentazione al finanziatore")
    staff_page.get_by_label("Contributo assegnato (€)").fill("38000")
    _move(staff_page, "Registra il finanziamento")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.AWARDED
    assert proposal.awarded_amount == Decimal("38000")

    # Both sides see the whole story.
    leader_page.reload()
    assert "Tre scuole primarie" in leader_page.content()
    assert "finanziata" in leader_page.content()
    for session in (leader_page, staff_page):
        session.context.close()


@pytest.mark.parametrize("path", ["/bandi/", "/bandi/bando/{slug}/", "/en/bandi/"])
def test_public_call_pages_have_no_serious_accessibility_violations(page, live_server, path):
    call = CallFactory(title="CERV Gemellaggio tra città")
    CriterionFactory(call=call, name="Pertinenza", max_points=30)
    CallFactory(title="AICS enti territoriali", closed=True)
    page.goto(f"{live_server.url}{path.format(slug=call.slug)}")
    assert serious_violations(page) == []
    assert page.csp_errors == []
