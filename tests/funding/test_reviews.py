"""Reviews: conflict of interest first, scores in range, others' reviews after one's own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse

from funding import services
from funding.forms import ScoreForm
from funding.models import Review, Score
from tests.factories import UserFactory
from tests.funding.factories import (
    CriterionFactory,
    ProposalFactory,
    ReviewFactory,
    ScoreFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid():
    proposal = ProposalFactory(evaluation=True)
    relevance = CriterionFactory(call=proposal.call, name="Pertinenza", max_points=30, weight=2)
    design = CriterionFactory(call=proposal.call, name="Disegno", max_points=20)
    return proposal, relevance, design


def test_staff_assign_a_reviewer(grid, staff, django_capture_on_commit_callbacks):
    proposal, *_ = grid
    reviewer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        review = services.review_assign(
            proposal=proposal, reviewer=reviewer, actor=staff, due_date=date(2030, 1, 1)
        )
    assert review.status == Review.Status.ASSIGNED
    from mondinsieme.models import OutgoingEmail

    assert OutgoingEmail.objects.filter(to=reviewer.email).count() == 1
    with pytest.raises(ValidationError, match="valuta già"):
        services.review_assign(
            proposal=proposal, reviewer=reviewer, actor=staff, due_date=date(2030, 1, 1)
        )


def test_only_staff_assign_reviewers(grid, leader):
    proposal, *_ = grid
    with pytest.raises(PermissionDenied):
        services.review_assign(
            proposal=proposal, reviewer=UserFactory(), actor=leader, due_date=date(2030, 1, 1)
        )


def test_a_leader_of_the_applicant_cannot_review_it(grid, staff):
    from tests.factories import MembershipFactory

    proposal, *_ = grid
    insider = MembershipFactory(association=proposal.association, leader=True).user
    with pytest.raises(ValidationError, match="non può valutarla"):
        services.review_assign(
            proposal=proposal, reviewer=insider, actor=staff, due_date=date(2030, 1, 1)
        )


def test_a_reviewer_with_a_conflict_cannot_score(grid):
    proposal, relevance, _design = grid
    review = ReviewFactory(proposal=proposal)
    services.review_declare(
        review=review, actor=review.reviewer, conflict=True, note="Sono socio dell'associazione."
    )
    review.refresh_from_db()
    assert review.status == Review.Status.CONFLICT
    with pytest.raises(ValidationError, match="conflitto di interessi"):
        services.review_score(review=review, actor=review.reviewer, scores={relevance.pk: (20, "")})
    assert not Score.objects.exists()
    # Nor can they change their mind once declared.
    with pytest.raises(ValidationError):
        services.review_declare(review=review, actor=review.reviewer, conflict=False)


def test_a_conflict_must_be_explained(grid):
    review = ReviewFactory(proposal=grid[0])
    with pytest.raises(ValidationError, match="Descrivi"):
        services.review_declare(review=review, actor=review.reviewer, conflict=True, note=" ")


def test_scoring_needs_the_declaration_first(grid):
    proposal, relevance, _ = grid
    review = ReviewFactory(proposal=proposal)
    with pytest.raises(ValidationError, match="Prima dichiara"):
        services.review_score(review=review, actor=review.reviewer, scores={relevance.pk: (1, "")})


def test_someone_else_cannot_score_or_declare(grid):
    proposal, relevance, _ = grid
    review = ReviewFactory(proposal=proposal, scoring=True)
    intruder = UserFactory()
    with pytest.raises(PermissionDenied):
        services.review_score(review=review, actor=intruder, scores={relevance.pk: (1, "")})
    with pytest.raises(PermissionDenied):
        services.review_declare(
            review=ReviewFactory(proposal=proposal), actor=intruder, conflict=False
        )


@pytest.mark.parametrize("points", ["-1", "30.01", "abc", "NaN"])
def test_scores_outside_the_range_are_refused(grid, points):
    proposal, relevance, _ = grid
    review = ReviewFactory(proposal=proposal, scoring=True)
    with pytest.raises(ValidationError):
        services.review_score(
            review=review, actor=review.reviewer, scores={relevance.pk: (points, "")}
        )
    assert not Score.objects.exists()


@pytest.mark.parametrize("points", [Decimal("-0.5"), Decimal("21")])
def test_the_database_refuses_scores_outside_the_range(grid, points):
    proposal, _relevance, design = grid
    review = ReviewFactory(proposal=proposal, scoring=True)
    with pytest.raises(IntegrityError):
        ScoreFactory(review=review, criterion=design, points=points)


def test_the_form_refuses_scores_outside_the_range(grid):
    proposal, relevance, design = grid
    review = ReviewFactory(proposal=proposal, scoring=True)
    form = ScoreForm(
        {f"points_{relevance.pk}": "31", f"points_{design.pk}": "-2"},
        criteria=[relevance, design],
        review=review,
    )
    assert not form.is_valid()
    assert set(form.errors) == {f"points_{relevance.pk}", f"points_{design.pk}"}


def test_a_review_is_submitted_only_when_complete(grid):
    proposal, relevance, design = grid
    review = ReviewFactory(proposal=proposal, scoring=True)
    with pytest.raises(ValidationError, match="Disegno"):
        services.review_score(
            review=review,
            actor=review.reviewer,
            scores={relevance.pk: ("25", "Buona")},
            recommendation="fund",
            submit=True,
        )
    services.review_score(
        review=review,
        actor=review.reviewer,
        scores={relevance.pk: ("25", "Buona"), design.pk: ("15.5", "")},
        recommendation="fund",
        comments="Da finanziare.",
        submit=True,
    )
    review.refresh_from_db()
    assert review.status == Review.Status.SUBMITTED
    assert review.submitted_at is not None
    assert sorted(review.scores.values_list("points", flat=True)) == [Decimal("15.5"), 25]
    with pytest.raises(ValidationError, match="già stata inviata"):
        services.review_score(review=review, actor=review.reviewer, scores={})


def test_others_reviews_are_visible_only_after_submitting_ones_own(client, grid):
    proposal, relevance, design = grid
    other = ReviewFactory(proposal=proposal, submitted=True, comments="Commento segreto di Anna")
    ScoreFactory(review=other, criterion=relevance, points=12)
    mine = ReviewFactory(proposal=proposal, scoring=True)
    client.force_login(mine.reviewer)
    url = reverse("funding:review-detail", args=[mine.pk])
    assert "Commento segreto di Anna" not in client.get(url).content.decode()
    response = client.post(
        url,
        {
            f"points_{relevance.pk}": "20",
            f"points_{design.pk}": "10",
            "recommendation": "revise",
            "submit": "1",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert "Commento segreto di Anna" in client.get(url).content.decode()


def test_the_review_page_declares_and_scores(client, grid):
    proposal, relevance, _design = grid
    review = ReviewFactory(proposal=proposal)
    client.force_login(review.reviewer)
    url = reverse("funding:review-detail", args=[review.pk])
    client.post(url, {"conflict": "no"})
    review.refresh_from_db()
    assert review.status == Review.Status.SCORING
    response = client.post(url, {f"points_{relevance.pk}": "99", "save": "1"})
    assert response.status_code == HTTPStatus.OK
    assert "Controlla i dati inseriti" in response.content.decode()
    assert not Score.objects.exists()


def test_a_review_page_is_private_to_its_reviewer(client, grid, staff):
    review = ReviewFactory(proposal=grid[0])
    client.force_login(UserFactory())
    assert client.get(reverse("funding:review-detail", args=[review.pk])).status_code == 404
    client.force_login(staff)
    assert client.get(reverse("funding:review-detail", args=[review.pk])).status_code == 404


def test_scoring_a_proposal_left_without_a_call_is_a_message_not_an_error(client, grid):
    from funding.models import Proposal

    proposal = grid[0]
    review = ReviewFactory(proposal=proposal, scoring=True)
    Proposal.objects.filter(pk=proposal.pk).update(call=None)  # e.g. changed in the admin
    with pytest.raises(ValidationError, match="non è legata a un bando"):
        services.review_score(review=review, actor=review.reviewer, scores={})
    client.force_login(review.reviewer)
    url = reverse("funding:review-detail", args=[review.pk])
    assert client.get(url).status_code == HTTPStatus.OK
    response = client.post(url, {"recommendation": "fund", "submit": "1"}, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "non è legata a un bando" in response.content.decode()


def test_a_conflicted_reviewer_never_sees_the_others_reviews(client, grid):
    proposal, relevance, _ = grid
    other = ReviewFactory(proposal=proposal, submitted=True, comments="Giudizio riservato")
    ScoreFactory(review=other, criterion=relevance, points=10)
    mine = ReviewFactory(proposal=proposal)
    client.force_login(mine.reviewer)
    url = reverse("funding:review-detail", args=[mine.pk])
    client.post(url, {"conflict": "yes", "note": "Sono nel direttivo."})
    page = client.get(url).content.decode()
    assert "conflitto di interessi" in page and "Giudizio riservato" not in page
    assert "Invia la valutazione" not in page
