"""Accounts unused for the retention period: warned by e-mail, deleted after a grace period.

The retention rule ``mondinsieme.inactive_accounts`` (the accounts are the core's data; the
privacy app applies the rule) runs this every night. A login after the warning cancels it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation

from mondinsieme.emails import email_queue
from mondinsieme.workflow import log_action

from ..models import InactivityWarning
from .erasure import AccountDeletionRefused, account_delete, account_deletion_blockers

logger = logging.getLogger(__name__)

#: Days between the warning and the deletion.
INACTIVITY_GRACE_DAYS = 30


def _inactive_users(*, before: datetime) -> QuerySet:
    """Active accounts of people (never staff) whose last login, or signup, is before ``before``."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .annotate(last_activity=Coalesce("last_login", "date_joined"))
        .filter(last_activity__lt=before)
    )


def _inactive_accounts_warn(*, before: datetime, now: datetime, dry_run: bool) -> int:
    """Warn by e-mail every inactive account not yet warned since its last activity."""
    unwarned = _inactive_users(before=before).filter(
        Q(inactivity_warning__isnull=True) | Q(inactivity_warning__warned_at__lt=F("last_activity"))
    )
    if dry_run:
        return unwarned.count()
    users = list(unwarned)
    deadline = now + timedelta(days=INACTIVITY_GRACE_DAYS)
    for user in users:
        language = user.preferred_language or "it"
        with translation.override(language):
            login_path = reverse("account_login")
        with transaction.atomic():
            InactivityWarning.objects.update_or_create(user=user, defaults={"warned_at": now})
            # One message per period of inactivity: a rerun the same night sends nothing new.
            email_queue(
                key=f"privacy-inactive-warning:{user.pk}:{user.last_activity:%Y%m%d%H%M%S}",
                to=user.email,
                template="privacy/inactive_warning",
                context={
                    "name": user.full_name,
                    "last_activity": user.last_activity,
                    "deadline": deadline,
                    "days": INACTIVITY_GRACE_DAYS,
                    "url": settings.PORTAL["BASE_URL"].rstrip("/") + login_path,
                },
                language=language,
            )
            log_action(user, actor=None, action="inactivity_warned")
    return len(users)


def _inactive_accounts_delete(*, before: datetime, now: datetime, dry_run: bool) -> tuple[int, int]:
    """Delete the accounts warned long enough ago and not used since: (deleted, skipped)."""
    due = _inactive_users(before=before).filter(
        inactivity_warning__warned_at__lt=now - timedelta(days=INACTIVITY_GRACE_DAYS),
        # A login after the warning cancels the deletion.
        inactivity_warning__warned_at__gte=F("last_activity"),
    )
    deleted = skipped = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            # Locked and checked again: a login in the meantime saves the account.
            user = due.select_for_update(of=("self",)).filter(pk=pk).first()
            if user is None:
                continue
            blockers = account_deletion_blockers(user)
            if not blockers and not dry_run:
                try:
                    with transaction.atomic():
                        # The notice says why: nobody asked, the account was unused.
                        account_delete(
                            user=user,
                            notice="privacy/inactive_deleted",
                            notice_context={"warned_at": user.inactivity_warning.warned_at},
                        )
                except AccountDeletionRefused as refused:
                    blockers = refused.messages
        if blockers:
            skipped += 1
            logger.warning(
                "Inactive account %s kept%s: %s",
                pk,
                " (dry run)" if dry_run else "",
                " ".join(str(reason) for reason in blockers),
            )
        else:
            deleted += 1
    return deleted, skipped


def inactive_accounts_apply(*, before: datetime, action: str, dry_run: bool) -> int:
    """Warn the accounts unused since ``before``; delete those warned long enough ago."""
    # Deleting an account anonymises the person (privacy.services.account_delete) whatever the
    # rule's action says: the records others rely on stay.
    now = timezone.now()
    warned = _inactive_accounts_warn(before=before, now=now, dry_run=dry_run)
    deleted, skipped = _inactive_accounts_delete(before=before, now=now, dry_run=dry_run)
    log = logger.warning if skipped else logger.info
    log(
        "Inactive accounts: %d warned, %d deleted, %d kept because they are the only leader "
        "of an association%s",
        warned,
        deleted,
        skipped,
        " (dry run)" if dry_run else "",
    )
    return warned + deleted
