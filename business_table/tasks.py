"""Periodic tasks of the business table."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from . import services
from .models import Action


@shared_task(name="business_table.tasks.send_overdue_action_reminders")
def send_overdue_action_reminders() -> int:
    """Remind each owner once about an open action past its due date; return how many."""
    due = Action.objects.filter(
        status__in=Action.OPEN_STATUSES,
        due_on__lt=timezone.localdate(),
        reminder_sent_at__isnull=True,
    ).values_list("pk", flat=True)
    return sum(services.action_send_overdue_reminder(action_id=pk) for pk in list(due))
