"""Periodic work of the networks app."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from mondinsieme.emails import email_queue
from mondinsieme.models import OutgoingEmail

from .models import Commitment


def _reminder_key(commitment: Commitment) -> str:
    return f"networks-commitment-overdue:{commitment.pk}:{commitment.due_date.isoformat()}"


@shared_task
def send_overdue_commitment_reminders() -> int:
    """Remind each owner of an overdue commitment, once per commitment and due date."""
    base_url = settings.PORTAL.get("BASE_URL", "").rstrip("/")
    overdue = list(Commitment.objects.overdue().select_related("owner", "network"))
    keys = {commitment.pk: _reminder_key(commitment) for commitment in overdue}
    already = set(OutgoingEmail.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    queued = 0
    for commitment in overdue:
        owner = commitment.owner
        if not owner.is_active:
            continue
        # The key makes the reminder idempotent: the next beat run finds it and sends nothing.
        # A new due date is a new promise, so it gets its own reminder.
        key = keys[commitment.pk]
        if key in already:
            continue
        email_queue(
            key=key,
            to=owner.email,
            template="networks/commitment_overdue",
            context={
                "commitment": commitment,
                "owner": owner,
                "days_late": (timezone.localdate() - commitment.due_date).days,
                "url": base_url + reverse("networks:commitment-detail", args=[commitment.pk]),
            },
            language=owner.preferred_language,
        )
        queued += 1
    return queued
