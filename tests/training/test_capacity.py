"""mondinsieme.capacity on its own: the allocation rule and its misuse guard."""

import pytest
from django.db import transaction

from mondinsieme import capacity
from training.models import Enrolment
from training.services import SEATS

from .factories import CourseFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_run_outside_a_transaction():
    # transaction=True: the ordinary test wrapper would itself be the surrounding transaction.
    course = CourseFactory()

    with pytest.raises(RuntimeError):
        capacity.lock_offer(course)
    with pytest.raises(RuntimeError):
        capacity.allocate(offer=course, bookings=course.enrolments.all(), seats=SEATS)


def test_it_allocates_seats_then_the_next_waiting_position():
    course = CourseFactory(capacity=2)
    EnrolmentFactory(course=course)
    EnrolmentFactory(course=course, cancelled=True)

    with transaction.atomic():
        locked = capacity.lock_offer(course)
        seat = capacity.allocate(offer=locked, bookings=locked.enrolments.all(), seats=SEATS)
    assert seat == capacity.Seat(status="confirmed", waitlist_position=None)
    assert not seat.waitlisted

    EnrolmentFactory(course=course)
    EnrolmentFactory(course=course, waitlisted=True, waitlist_position=7)
    with transaction.atomic():
        seat = capacity.allocate(offer=course, bookings=course.enrolments.all(), seats=SEATS)
    assert seat == capacity.Seat(status="waitlisted", waitlist_position=8)


def test_fill_free_seats_follows_the_queue_and_stops_when_full():
    course = CourseFactory(capacity=3)
    EnrolmentFactory(course=course)
    later = EnrolmentFactory(course=course, waitlisted=True, waitlist_position=5)
    first = EnrolmentFactory(course=course, waitlisted=True, waitlist_position=2)
    last = EnrolmentFactory(course=course, waitlisted=True, waitlist_position=9)

    def promote(booking):
        booking.status, booking.waitlist_position = Enrolment.Status.CONFIRMED, None
        booking.save()
        return booking

    with transaction.atomic():
        promoted = capacity.fill_free_seats(
            offer=course, bookings=course.enrolments.all(), seats=SEATS, promote=promote
        )

    assert [b.pk for b in promoted] == [first.pk, later.pk]
    last.refresh_from_db()
    assert last.status == Enrolment.Status.WAITLISTED


def test_a_capacity_lowered_below_the_confirmed_count_frees_nothing():
    course = CourseFactory(capacity=2)
    EnrolmentFactory(course=course)
    EnrolmentFactory(course=course)
    course.capacity = 1
    course.save()

    assert capacity.free_seats(offer=course, bookings=course.enrolments.all(), seats=SEATS) == 0
