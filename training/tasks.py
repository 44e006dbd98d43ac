"""Periodic and background work for training. Tasks take ids and are safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import formats, timezone, translation

from mondinsieme.emails import email_queue

from . import documents, selectors
from .models import Course, Enrolment


@shared_task
def send_session_reminders() -> int:
    """E-mail confirmed participants about sessions starting within 24 hours, once each.

    Returns how many (session, participant) reminders are due; queuing is idempotent per pair.
    """
    queued = 0
    base = settings.PORTAL.get("BASE_URL", "").rstrip("/")
    sessions = list(selectors.sessions_due_for_reminder())
    enrolments = Enrolment.objects.filter(
        course__in={session.course_id for session in sessions},
        status=Enrolment.Status.CONFIRMED,
    ).select_related("participant")
    by_course: dict[int, list[Enrolment]] = {}
    for enrolment in enrolments:
        by_course.setdefault(enrolment.course_id, []).append(enrolment)
    for session in sessions:
        for enrolment in by_course.get(session.course_id, []):
            participant = enrolment.participant
            language = participant.preferred_language or "it"
            with translation.override(language):
                start = formats.date_format(
                    timezone.localtime(session.starts_at), "DATETIME_FORMAT"
                )
            # The key makes the reminder idempotent: the beat runs every 15 minutes and a
            # session stays in the 24-hour window for many runs, but the e-mail goes once.
            email_queue(
                key=f"training-reminder:{session.pk}:{enrolment.pk}",
                to=participant.email,
                template="training/session_reminder",
                context={
                    "session": session,
                    "course": session.course,
                    "participant": participant,
                    "start": start,
                    "url": base + session.course.get_absolute_url(),
                },
                language=language,
            )
            queued += 1
    return queued


@shared_task
def build_certificates_zip(course_id: int, user_id: int, token: str) -> str:
    """Build the ZIP of a course's certificates and e-mail the staff member a download link.

    ``token`` names the file and the e-mail: a retried task finds the file and the queued
    e-mail already there and does neither twice.
    """
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.urls import reverse

    course = Course.objects.get(pk=course_id)
    user = get_user_model().objects.get(pk=user_id)
    name = documents.zip_storage_name(course, token)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(documents.certificates_zip(course)))
    email_queue(
        key=f"training-certificates-zip:{course.pk}:{token}",
        to=user.email,
        template="training/certificates_zip",
        context={
            "course": course,
            "url": settings.PORTAL.get("BASE_URL", "").rstrip("/")
            + reverse(
                "training:certificates-zip-download",
                kwargs={"slug": course.slug, "token": token},
            ),
        },
        language=user.preferred_language or "it",
    )
    return name
