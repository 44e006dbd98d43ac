"""Capacity and the waiting list under simultaneous requests (PostgreSQL row locks).

These exercise mondinsieme.capacity through training's services, as the Forum will.
"""

import os
import threading
from collections.abc import Callable
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from mondinsieme.models import OutgoingEmail
from tests.factories import AssociationFactory, MembershipFactory
from training import services
from training.models import Enrolment

from .factories import CourseFactory, EnrolmentFactory

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


def _run_at_once(work: Callable[[int], object], count: int) -> tuple[list, list]:
    """Run ``work(i)`` in ``count`` threads released together; return results and errors."""
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
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results, errors


def test_fifty_simultaneous_enrolments_fill_ten_seats_and_queue_forty():
    course = CourseFactory(capacity=10)
    association = AssociationFactory()
    leader = MembershipFactory(association=association, leader=True).user
    members = [MembershipFactory(association=association).user for _ in range(50)]

    results, errors = _run_at_once(
        lambda i: services.enrolment_create(
            course=course, participant=members[i], association=association, actor=leader
        ),
        count=50,
    )

    assert errors == []
    assert len(results) == 50
    enrolments = Enrolment.objects.filter(course=course)
    assert enrolments.count() == 50
    assert enrolments.filter(status=Enrolment.Status.CONFIRMED).count() == 10
    waiting = enrolments.filter(status=Enrolment.Status.WAITLISTED)
    assert waiting.count() == 40
    assert sorted(waiting.values_list("waitlist_position", flat=True)) == list(range(1, 41))
    assert OutgoingEmail.objects.filter(template="training/enrolment_confirmed").count() == 10
    assert OutgoingEmail.objects.filter(template="training/enrolment_waitlisted").count() == 40


def test_fifty_simultaneous_enrol_requests_through_the_page_never_fail():
    course = CourseFactory(capacity=10)
    association = AssociationFactory()
    leader = MembershipFactory(association=association, leader=True).user
    members = [MembershipFactory(association=association).user for _ in range(50)]
    url = reverse("training:enrol", args=[course.slug])

    def post(index: int) -> int:
        client = Client()
        client.force_login(leader)
        return client.post(
            url, {"association": association.pk, "participant": members[index].pk}
        ).status_code

    results, errors = _run_at_once(post, count=50)

    assert errors == []
    assert results == [HTTPStatus.FOUND] * 50
    assert Enrolment.objects.filter(course=course, status="confirmed").count() == 10
    assert Enrolment.objects.filter(course=course, status="waitlisted").count() == 40


def test_the_same_person_enrolled_twice_at_once_gets_one_enrolment():
    course = CourseFactory(capacity=10)
    association = AssociationFactory()
    leader = MembershipFactory(association=association, leader=True).user
    member = MembershipFactory(association=association).user

    results, errors = _run_at_once(
        lambda _i: services.enrolment_create(
            course=course, participant=member, association=association, actor=leader
        ),
        count=10,
    )

    assert len(results) == 1
    assert len(errors) == 9
    assert {error.code for error in errors} == {"already_enrolled"}
    assert Enrolment.objects.filter(course=course, participant=member).count() == 1


def test_two_racing_cancellations_promote_one_waiting_person_each_exactly_once():
    course = CourseFactory(capacity=2)
    association = AssociationFactory()
    leader = MembershipFactory(association=association, leader=True).user
    confirmed = [EnrolmentFactory(course=course, association=association) for _ in range(2)]
    waiting = [
        EnrolmentFactory(
            course=course, association=association, waitlisted=True, waitlist_position=i + 1
        )
        for i in range(3)
    ]

    results, errors = _run_at_once(
        lambda i: services.enrolment_cancel(enrolment=confirmed[i], actor=leader), count=2
    )

    assert errors == []
    promoted = [enrolment.pk for _cancelled, batch in results for enrolment in batch]
    assert sorted(promoted) == sorted([waiting[0].pk, waiting[1].pk])
    assert [len(batch) for _cancelled, batch in results] == [1, 1]
    statuses = dict(Enrolment.objects.filter(course=course).values_list("pk", "status"))
    assert statuses[waiting[0].pk] == Enrolment.Status.CONFIRMED
    assert statuses[waiting[1].pk] == Enrolment.Status.CONFIRMED
    assert statuses[waiting[2].pk] == Enrolment.Status.WAITLISTED
    assert Enrolment.objects.filter(course=course, status="confirmed").count() == 2
    assert OutgoingEmail.objects.filter(template="training/enrolment_promoted").count() == 2


def test_the_same_cancellation_twice_at_once_promotes_one_person_once():
    course = CourseFactory(capacity=1)
    association = AssociationFactory()
    leader = MembershipFactory(association=association, leader=True).user
    seat = EnrolmentFactory(course=course, association=association)
    first, second = (
        EnrolmentFactory(
            course=course, association=association, waitlisted=True, waitlist_position=i
        )
        for i in (1, 2)
    )

    results, errors = _run_at_once(
        lambda _i: services.enrolment_cancel(enrolment=seat, actor=leader), count=2
    )

    assert len(results) == 1 and len(errors) == 1
    assert results[0][1][0].pk == first.pk
    second.refresh_from_db()
    assert second.status == Enrolment.Status.WAITLISTED
    assert OutgoingEmail.objects.filter(template="training/enrolment_promoted").count() == 1
