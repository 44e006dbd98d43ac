"""Factories for training: courses in each status, sessions, enrolments, certificates."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import AssociationFactory, MembershipFactory, UserFactory
from training.models import (
    Attendance,
    Certificate,
    Course,
    Enrolment,
    Feedback,
    Path,
    Session,
)


class PathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Path

    title = factory.Sequence(lambda n: f"Percorso {n}")
    slug = factory.Sequence(lambda n: f"percorso-{n}")


class CourseFactory(factory.django.DjangoModelFactory):
    """A published course open for enrolment for ten days; traits for the other states."""

    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Corso {n}")
    slug = factory.Sequence(lambda n: f"corso-{n}")
    summary = "Un corso di prova."
    description = "Un corso **di prova**."
    capacity = 10
    hours = 6
    status = Course.Status.PUBLISHED
    enrolment_closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))

    class Params:
        draft = factory.Trait(status=Course.Status.DRAFT)
        closed = factory.Trait(status=Course.Status.CLOSED)
        archived = factory.Trait(status=Course.Status.ARCHIVED)
        enrolment_over = factory.Trait(
            enrolment_opens_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=20)),
            enrolment_closes_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )


class SessionFactory(factory.django.DjangoModelFactory):
    """A two-hour session in three days; ``past=True`` for one that already took place."""

    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    topic = factory.Sequence(lambda n: f"Incontro {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Via Marzabotto 3, Reggio Emilia"

    class Params:
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
        )


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A confirmed enrolment of an active member of an association."""

    class Meta:
        model = Enrolment

    course = factory.SubFactory(CourseFactory)
    association = factory.SubFactory(AssociationFactory)
    participant = factory.LazyAttribute(lambda o: MembershipFactory(association=o.association).user)
    status = Enrolment.Status.CONFIRMED
    status_changed_at = factory.LazyFunction(timezone.now)

    class Params:
        waitlisted = factory.Trait(
            status=Enrolment.Status.WAITLISTED, waitlist_position=factory.Sequence(lambda n: n + 1)
        )
        cancelled = factory.Trait(status=Enrolment.Status.CANCELLED)
        completed = factory.Trait(status=Enrolment.Status.COMPLETED)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    enrolment = factory.SubFactory(
        EnrolmentFactory, course=factory.SelfAttribute("..session.course")
    )
    present = True


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    enrolment = factory.SubFactory(EnrolmentFactory, completed=True)
    attendance_percent = 100

    class Params:
        revoked = factory.Trait(
            revoked_at=factory.LazyFunction(timezone.now), revoked_reason="Errore"
        )


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    enrolment = factory.SubFactory(EnrolmentFactory)
    rating = 4


__all__ = ["AssociationFactory", "MembershipFactory", "UserFactory"]
