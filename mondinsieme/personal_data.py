"""Privacy hooks of the core: the user's own row, the e-mails sent to them, their activity log.

Also the small helper every app's ``personal_data.py`` uses to turn rows into JSON-ready dicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q, QuerySet


def rows(queryset: QuerySet, fields: Iterable[str]) -> list[dict]:
    """The values of ``fields`` for every row (``a__b`` follows relations), as plain dicts."""
    return list(queryset.values(*fields))


def export(user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    from .models import ActivityLog, OutgoingEmail

    return {
        "user": {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_staff": user.is_staff,
        },
        "email_addresses": rows(
            EmailAddress.objects.filter(user=user), ["email", "verified", "primary"]
        ),
        # The kind of second factor only: secrets stay out of the archive.
        "authenticators": rows(
            Authenticator.objects.filter(user=user), ["type", "created_at", "last_used_at"]
        ),
        "sessions": rows(
            UserSession.objects.filter(user=user),
            ["ip", "user_agent", "created_at", "last_seen_at"],
        ),
        "emails_received": rows(
            OutgoingEmail.objects.filter(to__iexact=user.email),
            ["created_at", "sent_at", "subject", "body_text", "status"],
        ),
        "activity_log": rows(
            ActivityLog.objects.filter(actor=user),
            [
                "created_at",
                "content_type__model",
                "object_id",
                "action",
                "from_status",
                "to_status",
                "note",
            ],
        ),
    }


def erase(user) -> None:
    from .models import OutgoingEmail

    # Copies of what was already sent go; a message still queued (the deletion notice) goes out.
    OutgoingEmail.objects.filter(to__iexact=user.email).filter(
        ~Q(status=OutgoingEmail.Status.QUEUED)
    ).delete()


def _sent_emails(*, before: datetime, action: str, dry_run: bool) -> int:
    from .models import OutgoingEmail

    old = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT, created_at__lt=before)
    count = old.count()
    if not dry_run:
        old.delete()
    return count


def _activity_logs(*, before: datetime, action: str, dry_run: bool) -> int:
    from .models import ActivityLog

    old = ActivityLog.objects.filter(created_at__lt=before)
    if action == "anonymise":
        old = old.filter(actor__isnull=False)
    count = old.count()
    if not dry_run:
        if action == "anonymise":
            old.update(actor=None, note="")
        else:
            old.delete()
    return count


RETENTION = {
    "mondinsieme.sent_emails": _sent_emails,
    "mondinsieme.activity_logs": _activity_logs,
}
