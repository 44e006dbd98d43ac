"""The staff board: columns, filters, stuck flags, totals per funder, exports, report PDF."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from funding import services
from funding.selectors import FINAL_COLUMN_SIZE, board_proposals, totals_per_funder
from tests.factories import AssociationFactory
from tests.funding.factories import (
    AttachmentFactory,
    CallFactory,
    CriterionFactory,
    FunderFactory,
    ProposalFactory,
    ReviewFactory,
    ScoreFactory,
)

pytestmark = pytest.mark.django_db


def test_totals_requested_and_awarded_per_funder():
    eu = FunderFactory(name="Commissione europea", slug="ue")
    aics = FunderFactory(name="AICS", slug="aics")
    cerv = CallFactory(funder=eu)
    ProposalFactory(call=cerv, requested_amount=Decimal(30000), budget=40000, cofinancing=0)
    ProposalFactory(
        call=cerv, awarded=True, requested_amount=Decimal(20000), budget=40000, cofinancing=0
    )
    ProposalFactory(
        call=cerv, status="withdrawn", requested_amount=Decimal(99), budget=100, cofinancing=0
    )
    ProposalFactory(
        call=CallFactory(funder=aics), requested_amount=Decimal(10000), budget=40000, cofinancing=0
    )
    totals = {row["call__funder__name"]: row for row in totals_per_funder(board_proposals())}
    assert totals["Commissione europea"]["requested"] == Decimal(50000)
    assert totals["Commissione europea"]["awarded"] == Decimal(20000)
    assert totals["AICS"]["awarded"] is None


def test_filters_by_call_country_and_association(staff_client):
    call = CallFactory()
    wanted = ProposalFactory(call=call, countries=["MA"], title="Voluto")
    ProposalFactory(call=call, countries=["SN"], title="Progetto Thiès")
    ProposalFactory(countries=["MA"], title="Progetto fuori bando")
    ProposalFactory(
        call=call, countries=["MA"], association=AssociationFactory(), title="Progetto di altri"
    )
    response = staff_client.get(
        reverse("funding:board"),
        {"call": call.pk, "country": "MA", "association": wanted.association_id},
    )
    page = response.content.decode()
    assert "Voluto" in page
    assert "Progetto Thiès" not in page
    assert "Progetto fuori bando" not in page and "Progetto di altri" not in page


def test_stuck_proposals_are_flagged(staff_client, settings):
    settings.FUNDING_STUCK_AFTER_DAYS = 10
    ProposalFactory(screening=True, status_changed_at=timezone.now() - timedelta(days=11))
    ProposalFactory(screening=True, status_changed_at=timezone.now() - timedelta(days=9))
    ProposalFactory(awarded=True, status_changed_at=timezone.now() - timedelta(days=99))
    page = staff_client.get(reverse("funding:board")).content.decode()
    assert page.count("ferma da") == 1 and "ferma da 11 giorni" in page


@pytest.mark.parametrize(("fmt", "content_type"), [("csv", "text/csv"), ("xlsx", "spreadsheetml")])
def test_exports(staff_client, fmt, content_type):
    ProposalFactory(title='=HYPERLINK("x")')
    response = staff_client.get(reverse("funding:board"), {"format": fmt})
    assert response.status_code == HTTPStatus.OK
    assert content_type in response["Content-Type"]
    if fmt == "csv":
        assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


def test_admin_pages_and_export_action(staff_client):
    proposal = ProposalFactory()
    for url in (
        reverse("admin:funding_proposal_changelist"),
        reverse("admin:funding_proposal_change", args=[proposal.pk]),
        reverse("admin:funding_call_changelist"),
        reverse("admin:funding_review_changelist"),
    ):
        assert staff_client.get(url).status_code == HTTPStatus.OK
    response = staff_client.post(
        reverse("admin:funding_proposal_changelist"),
        {"action": "export_csv", "_selected_action": [proposal.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")


def test_admin_action_opens_a_call_through_the_workflow(staff_client):
    call = CallFactory(draft=True)
    staff_client.post(
        reverse("admin:funding_call_changelist"),
        {"action": "open_calls", "_selected_action": [call.pk]},
    )
    call.refresh_from_db()
    assert call.status == "draft"  # no criteria yet: refused with a message
    CriterionFactory(call=call)
    staff_client.post(
        reverse("admin:funding_call_changelist"),
        {"action": "open_calls", "_selected_action": [call.pk]},
    )
    call.refresh_from_db()
    assert call.status == "open"


def test_the_evaluation_report_pdf(staff_client, pdf_text):
    call = CallFactory(title="Reti di città")
    relevance = CriterionFactory(call=call, name="Pertinenza", max_points=30, weight=2)
    proposal = ProposalFactory(call=call, evaluation=True, title="PontiDakar")
    review = ReviewFactory(proposal=proposal, submitted=True)
    ScoreFactory(review=review, criterion=relevance, points=Decimal("22.5"))
    response = staff_client.get(reverse("funding:call-report", args=[call.slug]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Reti di città" in text and "PontiDakar" in text
    assert "22,50" in text and "45" in text  # 22.5 × 2 = 45


def test_totals_count_each_proposal_once_whatever_its_reviews_and_attachments(staff_client):
    call = CallFactory(funder=FunderFactory(name="AICS", slug="aics-totali"))
    proposal = ProposalFactory(
        call=call, evaluation=True, requested_amount=Decimal(30000), budget=40000, cofinancing=0
    )
    for _ in range(3):
        ReviewFactory(proposal=proposal, submitted=True)
    for _ in range(2):
        AttachmentFactory(proposal=proposal)

    totals = {row["call__funder__name"]: row for row in totals_per_funder(board_proposals())}
    assert totals["AICS"]["requested"] == Decimal(30000)
    assert totals["AICS"]["proposals"] == 1

    page = staff_client.get(reverse("funding:board")).content.decode()
    assert "3 valutazioni" in page and "2 allegati" in page
    assert "richiesti € 30.000" in page


def test_a_final_column_shows_its_latest_proposals_and_counts_them_all(staff_client):
    old = timezone.now() - timedelta(days=400)
    for number in range(FINAL_COLUMN_SIZE + 3):
        ProposalFactory(
            awarded=True,
            title=f"Finanziato {number:02d}",
            status_changed_at=old + timedelta(days=number),
            requested_amount=Decimal(1000),
            budget=2000,
            cofinancing=0,
        )
    for number in range(15):
        ProposalFactory(screening=True, title=f"In esame {number:02d}")

    page = staff_client.get(reverse("funding:board")).content.decode()

    assert all(f"In esame {number:02d}" in page for number in range(15))  # live: every one
    newest = [f"Finanziato {n:02d}" for n in range(3, FINAL_COLUMN_SIZE + 3)]
    assert all(title in page for title in newest)
    assert "Finanziato 00" not in page and "Finanziato 02" not in page
    assert "e altre 3 proposte: vedile tutte nell'amministrazione" in page
    assert "?status__exact=awarded" in page
    # The heading counts and sums every awarded proposal, not only those shown.
    assert f'<span class="badge bg-secondary">{FINAL_COLUMN_SIZE + 3}</span>' in page
    assert f"richiesti € {FINAL_COLUMN_SIZE + 3}.000" in page


def test_the_board_is_built_once_and_shows_a_move_at_once(staff_client, staff):
    proposal = ProposalFactory(screening=True, title="Acqua a Thiès")
    url = reverse("funding:board")
    staff_client.get(url)
    with CaptureQueriesContext(connection) as again:
        staff_client.get(url)
    before = again.captured_queries
    assert not [q for q in before if "funding_proposal" in q["sql"] and "GROUP BY" in q["sql"]]

    services.proposal_transition(proposal=proposal, to="concept_note", actor=staff, note="ok")

    page = staff_client.get(url).content.decode()
    column = page.split('id="column-concept_note"')[1].split("</section>")[0]
    assert "Acqua a Thiès" in column


def test_the_link_to_the_rest_of_a_final_column_keeps_the_call_filter(staff_client):
    call = CallFactory()
    for _ in range(FINAL_COLUMN_SIZE + 1):
        ProposalFactory(call=call, status="rejected")
    ProposalFactory(status="rejected")  # another call: not counted, not linked

    page = staff_client.get(reverse("funding:board"), {"call": call.pk}).content.decode()

    assert "e un&#x27;altra proposta" in page or "e un'altra proposta" in page
    assert f"?status__exact=rejected&amp;call__id__exact={call.pk}" in page
