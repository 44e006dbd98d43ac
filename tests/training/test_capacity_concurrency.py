"""Capacity and the waiting list under simultaneous requests (PostgreSQL row locks).

These exercise mondinsieme.capacity through training's services, as the Forum will.
"""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from mondinsieme.models import OutgoingEmail
from tests.concurrency import run_at_once
from tests.factories import AssociationFactory, MembershipFactory
from training import services
from training.models import Enrolment

from .factories import CourseFactory, EnrolmentFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgresql_only"),
]


def test_fifty_simultaneous_enrolments_fill_ten_seats_and_queue_forty():
    course = CourseFactory(capacity=10)
    association = AssociationFactory()
    leader = MembershipFactory(association=association, leader=True).user
    members = [MembershipFactory(association=association).user for _ in range(50)]

    results, errors = run_at_once(
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

    results, errors = run_at_once(post, count=50)

    assert errors == []
    assert results == [HTTPStatus.FOUND] * 50
    assert Enrolment.objects.filter(course=course, status="confirmed").count() == 10
    assert Enrolment.objects.filter(course=course, status="waitlisted").count() == 40


def test_the_same_person_enrolled_twice_at_once_gets_one_enrolment():
    course = CourseFactory(capacity=10)
    association = AssociationFactory()
    leader = MembershipFactory(association=association, leader=True).user
    member = MembershipFactory(association=association).user

    results, errors = run_at_once(
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

    results, errors = run_at_once(
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

    results, errors = run_at_once(
        lambda _i: services.enrolment_cancel(enrolment=seat, actor=leader), count=2
    )

    assert len(results) == 1 and len(errors) == 1
    assert results[0][1][0].pk == first.pk
    second.refresh_from_db()
    assert second.status == Enrolment.Status.WAITLISTED
    assert OutgoingEmail.objects.filter(template="training/enrolment_promoted").count() == 1
