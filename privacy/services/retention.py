"""The retention job: apply every active rule to its dataset and log what it touched."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..models import RetentionRule
from ..registry import retention_datasets

logger = logging.getLogger(__name__)


def retention_apply(*, dry_run: bool = False, now=None) -> dict[str, int]:
    """Apply the active retention rules; return {dataset: rows deleted or anonymised}."""
    now = now or timezone.now()
    datasets = retention_datasets()
    counts: dict[str, int] = {}
    # In dataset order: "forum.*" purges run before "privacy.orphan_consents" sweeps up after them.
    for rule in RetentionRule.objects.filter(active=True).order_by("dataset"):
        apply = datasets.get(rule.dataset)
        if apply is None:
            logger.error("Retention rule %s names no registered dataset", rule.dataset)
            continue
        before = now - timedelta(days=rule.period_days)
        with transaction.atomic():
            count = apply(before=before, action=rule.action, dry_run=dry_run)
            if not dry_run:
                RetentionRule.objects.filter(pk=rule.pk).update(last_run_at=now, last_count=count)
        counts[rule.dataset] = count
        logger.info(
            "Retention %s: %s %d rows older than %s%s",
            rule.dataset,
            rule.action,
            count,
            before.date(),
            " (dry run)" if dry_run else "",
        )
    return counts
