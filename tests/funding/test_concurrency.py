"""Simultaneous moves on PostgreSQL: row locks and constraints, not prior checks, decide."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from funding import services
from funding.models import Proposal, Review, Score
from mondinsieme.models import ActivityLog
from tests.concurrency import run_at_once
from tests.factories import UserFactory
from tests.funding.factories import CriterionFactory, ProposalFactory, ReviewFactory

THREADS = 8

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgresql_only"),
]


def test_two_staff_moving_the_same_proposal_at_once_move_it_once():
    proposal = ProposalFactory(screening=True)
    staff = [UserFactory(staff=True) for _ in range(THREADS)]
    results, errors = run_at_once(
        lambda i: services.proposal_transition(
            proposal=Proposal.objects.get(pk=proposal.pk), actor=staff[i], to="concept_note"
        ),
        count=THREADS,
    )
    assert len(results) == 1
    assert len(errors) == THREADS - 1 and all(isinstance(e, ValidationError) for e in errors)
    assert ActivityLog.objects.for_object(proposal).filter(to_status="concept_note").count() == 1


def test_assigning_the_same_reviewer_at_once_keeps_one_review():
    proposal = ProposalFactory(evaluation=True)
    reviewer, staff = UserFactory(), UserFactory(staff=True)
    results, errors = run_at_once(
        lambda _i: services.review_assign(
            proposal=proposal, reviewer=reviewer, actor=staff, due_date=date(2030, 1, 1)
        ),
        count=THREADS,
    )
    assert len(results) == 1 and Review.objects.count() == 1
    assert all(isinstance(e, ValidationError) for e in errors)


def test_a_reviewer_submitting_twice_at_once_submits_once():
    review = ReviewFactory(scoring=True)
    criterion = CriterionFactory(call=review.proposal.call, max_points=10)
    results, errors = run_at_once(
        lambda i: services.review_score(
            review=review,
            actor=review.reviewer,
            scores={criterion.pk: (str(i % 10), "")},
            recommendation="fund",
            submit=True,
        ),
        count=4,
    )
    assert len(results) == 1 and Score.objects.count() == 1
    assert all(isinstance(e, ValidationError) for e in errors)
    assert ActivityLog.objects.for_object(review).filter(to_status="submitted").count() == 1
