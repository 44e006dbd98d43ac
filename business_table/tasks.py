"""Periodic tasks of the business table."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from . import services
from .models import Action, Opportunity


@shared_task(name="business_table.tasks.send_overdue_action_reminders")
def send_overdue_action_reminders() -> int:
    """Remind each owner once about an open action past its due date; return how many."""
    due = Action.objects.filter(
        status__in=Action.OPEN_STATUSES,
        due_on__lt=timezone.localdate(),
        reminder_sent_at__isnull=True,
    ).values_list("pk", flat=True)
    return sum(services.action_send_overdue_reminder(action_id=pk) for pk in list(due))


@shared_task(name="business_table.tasks.send_expired_opportunity_notices")
def send_expired_opportunity_notices() -> int:
    """Tell each owner once that an open opportunity passed its date; return how many."""
    due = Opportunity.objects.filter(
        status__in=Opportunity.OPEN_STATUSES,
        expires_on__lt=timezone.localdate(),
        expiry_notice_sent_at__isnull=True,
        owner__isnull=False,
    ).values_list("pk", flat=True)
    return sum(services.opportunity_send_expiry_notice(opportunity_id=pk) for pk in list(due))
