"""The beat task e-mails each confirmed participant once, 24 hours before a session."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mondinsieme.models import OutgoingEmail
from training.tasks import send_session_reminders

from .factories import CourseFactory, EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_it_reminds_confirmed_participants_once_even_when_run_twice():
    course = CourseFactory()
    SessionFactory(course=course, starts_at=timezone.now() + timedelta(hours=20), topic="Domani")
    SessionFactory(course=course, starts_at=timezone.now() + timedelta(days=3))
    SessionFactory(course=course, starts_at=timezone.now() - timedelta(hours=2))
    confirmed = [EnrolmentFactory(course=course) for _ in range(2)]
    EnrolmentFactory(course=course, waitlisted=True)
    EnrolmentFactory(course=course, cancelled=True)

    send_session_reminders()
    send_session_reminders()

    reminders = OutgoingEmail.objects.filter(template="training/session_reminder")
    assert sorted(reminders.values_list("to", flat=True)) == sorted(
        e.participant.email for e in confirmed
    )
    assert all("Domani" in body for body in reminders.values_list("body_text", flat=True))


def test_it_skips_courses_that_are_not_published():
    course = CourseFactory(closed=True)
    SessionFactory(course=course, starts_at=timezone.now() + timedelta(hours=5))
    EnrolmentFactory(course=course)

    assert send_session_reminders() == 0
    assert not OutgoingEmail.objects.exists()


def test_the_reminder_is_written_in_the_participants_language():
    enrolment = EnrolmentFactory()
    enrolment.participant.preferred_language = "en"
    enrolment.participant.save()
    SessionFactory(course=enrolment.course, starts_at=timezone.now() + timedelta(hours=3))

    send_session_reminders()

    email = OutgoingEmail.objects.get()
    assert email.language == "en"
