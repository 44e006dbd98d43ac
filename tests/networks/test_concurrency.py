"""Simultaneous requests on PostgreSQL: row locks and constraints, not prior checks."""

import os
import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from networks import services
from networks.models import Assessment, Commitment, PolicyArea
from tests.factories import UserFactory
from tests.networks.factories import FollowUpActionFactory, area

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


def test_a_follow_up_converted_at_once_by_many_becomes_one_commitment():
    staff = UserFactory(staff=True)
    followup = FollowUpActionFactory()
    lingua = area("lingua")

    def convert(_):
        return services.event_followup_to_commitment(
            followup=followup, owner=staff, due_date=date(2030, 1, 1), area=lingua, actor=staff
        )

    results, errors = _run_at_once(convert)
    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, ValidationError) for error in errors)
    assert Commitment.objects.count() == 1


def test_one_assessment_per_year_under_simultaneous_saves():
    staff = UserFactory(staff=True)
    first = PolicyArea.objects.first()

    def save(index):
        return services.assessment_create(year=2026, actor=staff, scores={first: {"score": index}})

    results, errors = _run_at_once(save)
    assert len(results) == 1, errors
    assert all(isinstance(error, ValidationError) for error in errors)
    assert Assessment.objects.filter(year=2026).count() == 1
