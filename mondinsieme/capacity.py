"""Seats and waiting lists that hold under concurrent requests, for any "offer" with bookings.

An *offer* is a row with a capacity (a course, a Forum edition); its *bookings* are rows with a
status and a waiting-list position (enrolments, registrations). The rule is always the same:
lock the offer row, count the confirmed bookings, then decide. Because every booking and every
cancellation of one offer first takes the same row lock, two requests never see the same free
seat, and a freed seat is given to exactly one waiting person.

Call these functions inside ``transaction.atomic()``; lock the offer *before* locking any of its
bookings (the workflow helper locks the booking), so that concurrent requests queue on the offer
and never deadlock. How training uses it::

    from mondinsieme import capacity

    SEATS = capacity.Seats(confirmed=Enrolment.Status.CONFIRMED,
                           waitlisted=Enrolment.Status.WAITLISTED)

    def enrolment_create(*, course, participant, association, actor):
        with transaction.atomic():
            course = capacity.lock_offer(course)          # every booking queues here
            seat = capacity.allocate(
                offer=course, bookings=course.enrolments.all(), seats=SEATS
            )
            return Enrolment.objects.create(
                course=course, participant=participant, association=association,
                status=seat.status, waitlist_position=seat.waitlist_position,
            )

    def enrolment_cancel(*, enrolment, actor):
        with transaction.atomic():
            course = capacity.lock_offer(enrolment.course)
            transition(enrolment, to=Enrolment.Status.CANCELLED, actor=actor)
            capacity.fill_free_seats(
                offer=course, bookings=course.enrolments.all(), seats=SEATS,
                promote=lambda booking: transition(
                    booking, to=Enrolment.Status.CONFIRMED, actor=None,
                    changes={"waitlist_position": None},
                ),
            )

The Forum does the same with its edition as the offer and its registrations as bookings
(``Seats(capacity_field="seats", ...)`` if its field names differ).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.db import models, transaction
from django.db.models import Max

M = TypeVar("M", bound=models.Model)
B = TypeVar("B", bound=models.Model)


@dataclass(frozen=True)
class Seats:
    """Field names and status values that describe how an offer's bookings use its seats."""

    confirmed: str
    waitlisted: str
    #: Field on the offer: the number of seats; ``None`` in it means "no limit".
    capacity_field: str = "capacity"
    #: Fields on the booking.
    status_field: str = "status"
    position_field: str = "waitlist_position"


@dataclass(frozen=True)
class Seat:
    """The outcome for a new booking: its status and, when waiting, its place in the queue."""

    status: str
    waitlist_position: int | None

    @property
    def waitlisted(self) -> bool:
        return self.waitlist_position is not None


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        # Outside a transaction the row lock would be released at once and protect nothing.
        raise RuntimeError("mondinsieme.capacity must be called inside transaction.atomic().")


def lock_offer(offer: M) -> M:
    """Lock the offer row until the transaction ends and return the fresh locked row."""
    _require_transaction()
    return type(offer)._default_manager.select_for_update().get(pk=offer.pk)


def confirmed_count(*, bookings: models.QuerySet, seats: Seats) -> int:
    """How many bookings currently hold a seat."""
    return bookings.filter(**{seats.status_field: seats.confirmed}).count()


def free_seats(*, offer: models.Model, bookings: models.QuerySet, seats: Seats) -> int | None:
    """Seats still free (never negative); ``None`` when the offer has no limit."""
    capacity = getattr(offer, seats.capacity_field)
    if capacity is None:
        return None
    return max(capacity - confirmed_count(bookings=bookings, seats=seats), 0)


def allocate(*, offer: models.Model, bookings: models.QuerySet, seats: Seats) -> Seat:
    """Decide confirmed or waitlisted (with the next position) for one new booking.

    The caller must hold the offer lock (:func:`lock_offer`) and create the booking in the
    same transaction, so the next caller counts it.
    """
    _require_transaction()
    left = free_seats(offer=offer, bookings=bookings, seats=seats)
    if left is None or left > 0:
        return Seat(status=seats.confirmed, waitlist_position=None)
    last = bookings.filter(**{seats.status_field: seats.waitlisted}).aggregate(
        last=Max(seats.position_field)
    )["last"]
    return Seat(status=seats.waitlisted, waitlist_position=(last or 0) + 1)


def waiting(*, bookings: models.QuerySet, seats: Seats) -> models.QuerySet:
    """The waiting list in queue order."""
    return bookings.filter(**{seats.status_field: seats.waitlisted}).order_by(
        seats.position_field, "pk"
    )


def fill_free_seats(
    *,
    offer: models.Model,
    bookings: models.QuerySet,
    seats: Seats,
    promote: Callable[[B], B],
) -> list[B]:
    """Give every free seat to the first waiting booking, in order; return those promoted.

    ``promote`` moves one booking to the confirmed status (through the workflow helper, so it
    is logged and its e-mail goes out after commit). The caller must hold the offer lock, which
    is what makes a freed seat go to one person only, even when two cancellations race.
    """
    _require_transaction()
    promoted: list[B] = []
    left = free_seats(offer=offer, bookings=bookings, seats=seats)
    while left is None or left > 0:
        first = waiting(bookings=bookings, seats=seats).first()
        if first is None:
            break
        promoted.append(promote(first))
        left = None if left is None else left - 1
    return promoted
