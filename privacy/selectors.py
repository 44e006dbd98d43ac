"""Reads of the privacy app: current notices, a person's consents, the register of processing."""

from __future__ import annotations

import time

from django.conf import settings
from django.db.models import Q, QuerySet

from .models import Consent, Notice, Purpose, RetentionRule

# purpose -> (valid until, id of the current notice or None); see current_notice_id().
_notice_ids: dict[str, tuple[float, int | None]] = {}


def current_notice(purpose: str) -> Notice | None:
    """The latest published version of the notice of ``purpose``."""
    return Notice.objects.published().filter(purpose=purpose).order_by("-version").first()


def current_notice_id(purpose: str) -> int | None:
    """The id of ``current_notice(purpose)``, remembered by this process for
    ``PRIVACY_NOTICE_MEMO_SECONDS``: every consent recorded (a signature, an enrolment) needs
    it, and notices change a few times a year. A save or delete of a notice in this process
    forgets it at once (``forget_notice_ids``); other processes pick a newly published version
    up within those seconds, while the page the visitor read may be older still."""
    now = time.monotonic()
    remembered = _notice_ids.get(purpose)
    if remembered is not None and remembered[0] > now:
        return remembered[1]
    notice_id = (
        Notice.objects.published()
        .filter(purpose=purpose)
        .order_by("-version")
        .values_list("pk", flat=True)
        .first()
    )
    seconds = settings.PRIVACY_NOTICE_MEMO_SECONDS
    if seconds > 0:
        _notice_ids[purpose] = (now + seconds, notice_id)
    return notice_id


def forget_notice_ids(**_signal) -> None:
    _notice_ids.clear()


def current_notices() -> list[Notice]:
    """The current notice of every purpose that has one, in the order of the purposes."""
    latest = {}
    for notice in Notice.objects.published().order_by("purpose", "-version"):
        latest.setdefault(notice.purpose, notice)
    return [latest[purpose] for purpose in Purpose.values if purpose in latest]


def notice_history(purpose: str) -> QuerySet[Notice]:
    """Every published version of a purpose's notice, newest first."""
    return Notice.objects.published().filter(purpose=purpose).order_by("-version")


def consents_of(user) -> QuerySet[Consent]:
    """The consents a person gave, logged in or with their account's e-mail address."""
    return (
        Consent.objects.filter(Q(user=user) | Q(user__isnull=True, email__iexact=user.email))
        .select_related("notice")
        .order_by("-given_at", "-id")
    )


def processing_register() -> list[dict]:
    """The register of processing activities (GDPR art. 30), one entry per purpose."""
    notices = {notice.purpose: notice for notice in current_notices()}
    rules = list(RetentionRule.objects.order_by("dataset"))
    entries = []
    for purpose, label in Purpose.choices:
        entries.append(
            {
                "purpose": purpose,
                "label": label,
                "notice": notices.get(purpose),
                "rules": [rule for rule in rules if rule.purpose == purpose],
            }
        )
    entries.append(
        {
            "purpose": "",
            "label": None,
            "notice": None,
            "rules": [rule for rule in rules if not rule.purpose],
        }
    )
    return entries
