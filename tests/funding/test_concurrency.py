"""Simultaneous moves on PostgreSQL: row locks and constraints, not prior checks, decide."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from funding import services
from funding.models import Proposal, Review, Score
from mondinsieme.models import ActivityLog
from tests.factories import UserFactory
from tests.funding.factories import CriterionFactory, ProposalFactory, ReviewFactory

THREADS = 8

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        reason = (
            "concurrency needs PostgreSQL row locks and parallel connections "
            f"(running on {connection.vendor}); set DATABASE_URL=postgres://..."
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the concurrency tests: {reason}")
        pytest.skip(reason)


def _run_at_once(work: Callable[[int], object], count: int = THREADS) -> tuple[list, list]:
    barrier = threading.Barrier(count)
    results, errors = [], []
    lock = threading.Lock()

    def target(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            result = work(index)
            with lock:
                results.append(result)
        except Exception as error:  # collected and asserted on in the main thread
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results, errors


def test_two_staff_moving_the_same_proposal_at_once_move_it_once():
    proposal = ProposalFactory(screening=True)
    staff = [UserFactory(staff=True) for _ in range(THREADS)]
    results, errors = _run_at_once(
        lambda i: services.proposal_transition(
            proposal=Proposal.objects.get(pk=proposal.pk), actor=staff[i], to="concept_note"
        )
    )
    assert len(results) == 1
    assert len(errors) == THREADS - 1 and all(isinstance(e, ValidationError) for e in errors)
    assert ActivityLog.objects.for_object(proposal).filter(to_status="concept_note").count() == 1


def test_assigning_the_same_reviewer_at_once_keeps_one_review():
    proposal = ProposalFactory(evaluation=True)
    reviewer, staff = UserFactory(), UserFactory(staff=True)
    results, errors = _run_at_once(
        lambda _i: services.review_assign(
            proposal=proposal, reviewer=reviewer, actor=staff, due_date=date(2030, 1, 1)
        )
    )
    assert len(results) == 1 and Review.objects.count() == 1
    assert all(isinstance(e, ValidationError) for e in errors)


def test_a_reviewer_submitting_twice_at_once_submits_once():
    review = ReviewFactory(scoring=True)
    criterion = CriterionFactory(call=review.proposal.call, max_points=10)
    results, errors = _run_at_once(
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
