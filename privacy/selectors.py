"""Reads of the privacy app: current notices, a person's consents, the register of processing."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from mondinsieme.cache import cached_for_areas

from .models import Consent, Notice, Purpose, RetentionRule


def current_notice(purpose: str) -> Notice | None:
    """The latest published version of the notice of ``purpose``."""
    return Notice.objects.published().filter(purpose=purpose).order_by("-version").first()


def current_notice_id(purpose: str) -> int | None:
    """The id of ``current_notice(purpose)``, kept in the cache until a notice changes (the
    ``privacy`` area of ``mondinsieme.cache``): every consent recorded (a signature, an
    enrolment) needs it, and notices change a few times a year."""
    return cached_for_areas(
        f"notice-id:{purpose}",
        ("privacy",),
        lambda: (
            Notice.objects.published()
            .filter(purpose=purpose)
            .order_by("-version")
            .values_list("pk", flat=True)
            .first()
        ),
    )


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
