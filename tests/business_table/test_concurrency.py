"""Simultaneous staff actions on PostgreSQL: one transition wins, one reminder goes out."""

import os
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from business_table import services
from business_table.models import Opportunity
from mondinsieme.models import ActivityLog, OutgoingEmail
from tests.business_table.factories import ActionFactory, OpportunityFactory
from tests.factories import UserFactory

THREADS = 8
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        reason = f"concurrency needs PostgreSQL row locks (running on {connection.vendor})"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the concurrency tests: {reason}")
        pytest.skip(reason)


def _at_once(work) -> tuple[list, list]:
    barrier = threading.Barrier(THREADS)
    results, errors, lock = [], [], threading.Lock()

    def target(index):
        try:
            barrier.wait(timeout=30)
            result = work(index)
            with lock:
                results.append(result)
        except Exception as error:  # asserted on in the main thread
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results, errors


def test_two_staff_concluding_at_once_log_one_transition():
    staff = UserFactory(staff=True)
    opportunity = OpportunityFactory(active=True)

    def conclude(index):
        return services.opportunity_set_status(
            opportunity=Opportunity.objects.get(pk=opportunity.pk),
            to=Opportunity.Status.CONCLUDED,
            actor=staff,
            outcome=f"esito {index}",
        )

    results, errors = _at_once(conclude)
    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, ValidationError) for error in errors)
    assert ActivityLog.objects.for_object(opportunity).filter(to_status="concluded").count() == 1


def test_reminders_sent_from_many_workers_at_once_go_out_once():
    action = ActionFactory(overdue=True)
    results, errors = _at_once(lambda i: services.action_send_overdue_reminder(action_id=action.pk))
    assert errors == []
    assert sorted(results) == [False] * (THREADS - 1) + [True]
    assert OutgoingEmail.objects.filter(key=f"business-action-overdue-{action.pk}").count() == 1
