"""Privacy hooks of training: enrolments, attendance, feedback, certificates."""

from __future__ import annotations

from mondinsieme.personal_data import rows


def export(user) -> dict:
    from .models import Attendance, Certificate, Enrolment, Feedback

    return {
        "enrolments": rows(
            Enrolment.objects.filter(participant=user),
            ["course__title", "association__name", "status", "created_at", "status_changed_at"],
        ),
        "enrolments_made_for_others": rows(
            Enrolment.objects.filter(enrolled_by=user).exclude(participant=user),
            ["course__title", "association__name", "created_at"],
        ),
        "attendance": rows(
            Attendance.objects.filter(enrolment__participant=user),
            ["session__course__title", "session__starts_at", "present"],
        ),
        "certificates": rows(
            Certificate.objects.filter(enrolment__participant=user),
            ["enrolment__course__title", "code", "attendance_percent", "issued_at", "revoked_at"],
        ),
        "feedback": rows(
            Feedback.objects.filter(enrolment__participant=user),
            ["enrolment__course__title", "rating", "comment", "created_at"],
        ),
    }


def erase(user) -> None:
    from .models import Certificate, Feedback

    # Enrolments stay (course counts, attendance registers) and point to the anonymised user;
    # a free-text comment may name the person, the rating does not.
    Feedback.objects.filter(enrolment__participant=user).update(comment="")
    # A certificate of a deleted person must no longer verify as theirs.
    from django.utils import timezone

    Certificate.objects.filter(enrolment__participant=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason="account eliminato"
    )
