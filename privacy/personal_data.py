"""Privacy hooks of the privacy app itself: consents, past data exports, access-log rows."""

from __future__ import annotations

from datetime import datetime

from mondinsieme.personal_data import rows


def export(user) -> dict:
    from .models import AccessLog, DataExport, InactivityWarning
    from .selectors import consents_of

    return {
        "consents": rows(
            consents_of(user),
            ["purpose", "notice__version", "explicit", "source", "given_at", "withdrawn_at"],
        ),
        "data_exports": rows(
            DataExport.objects.filter(user=user), ["status", "requested_at", "expires_at"]
        ),
        "inactivity_warnings": rows(InactivityWarning.objects.filter(user=user), ["warned_at"]),
        # Which lists, not the filters typed (they may name other people).
        "personal_data_you_viewed_as_staff": rows(
            AccessLog.objects.filter(user=user), ["at", "kind", "what", "ip"]
        ),
    }


def erase(user) -> None:
    from .models import DataExport, InactivityWarning
    from .selectors import consents_of

    # The consents stay as proof of what was accepted and when, without the address.
    consents_of(user).filter(user__isnull=True).update(email="", user=user)
    for export in DataExport.objects.filter(user=user):
        if export.file:
            export.file.delete(save=False)
        export.delete()
    InactivityWarning.objects.filter(user=user).delete()


def _expired_exports(*, before: datetime, action: str, dry_run: bool) -> int:
    from .services import data_exports_purge

    return data_exports_purge(before=before, dry_run=dry_run)


def _access_logs(*, before: datetime, action: str, dry_run: bool) -> int:
    from .models import AccessLog

    old = AccessLog.objects.filter(at__lt=before)
    count = old.count()
    if not dry_run:
        old.delete()
    return count


def _inactive_accounts(*, before: datetime, action: str, dry_run: bool) -> int:
    from .services.inactivity import inactive_accounts_apply

    return inactive_accounts_apply(before=before, action=action, dry_run=dry_run)


def _orphan_consents(*, before: datetime, action: str, dry_run: bool) -> int:
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField
    from django.db.models.functions import Cast

    from .models import Consent

    # A consent about something that no longer exists (a signature never confirmed and purged)
    # proves nothing any more, and still holds an address.
    count = 0
    with_subject = Consent.objects.exclude(object_id="").filter(given_at__lt=before)
    for content_type_id in with_subject.values_list("content_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        # A subquery: the subjects' ids never travel to Python (there may be 50,000 signatures).
        existing = model._default_manager.annotate(key=Cast("pk", output_field=CharField())).values(
            "key"
        )
        orphans = with_subject.filter(content_type_id=content_type_id).exclude(
            object_id__in=existing
        )
        count += orphans.count()
        if not dry_run:
            orphans.delete()
    return count


RETENTION = {
    # The accounts are the core's data; deleting one is the privacy app's job.
    "mondinsieme.inactive_accounts": _inactive_accounts,
    "privacy.expired_exports": _expired_exports,
    "privacy.access_logs": _access_logs,
    "privacy.orphan_consents": _orphan_consents,
}
