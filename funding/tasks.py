"""Periodic reminders: call deadlines for proposals aimed at them, and overdue reviews.

Every e-mail has a key built from what it is about (call, threshold, proposal, recipient), so a
beat task that runs twice, or a retried task, queues each reminder once.
"""

from __future__ import annotations

import hashlib
import math
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from mondinsieme.emails import email_queue

from .models import Call, Proposal, Review
from .services import _absolute, leader_recipients, staff_recipients

REMINDER_DAYS = (1, 7, 14)
ACTIVE_STAGES = [s for s in Proposal.Status.values if s not in (*Proposal.FINAL, "submitted")]


def _now():
    # One seam for the clock: tests move it to walk a call towards its deadline.
    return timezone.now()


def _short(email: str) -> str:
    """The address, or its digest when it would push the key past its 200 characters."""
    return email if len(email) <= 120 else hashlib.sha256(email.encode()).hexdigest()[:40]


def _threshold(days_left: timedelta) -> int | None:
    """The smallest threshold the deadline has come within (1, 7 or 14 days), if any."""
    for days in REMINDER_DAYS:
        if days_left <= timedelta(days=days):
            return days
    return None


@shared_task
def send_deadline_reminders() -> int:
    """Remind leaders and staff 14, 7 and 1 days before the deadline of a call they aim at."""
    now = _now()
    queued = 0
    calls = Call.objects.open().filter(deadline__gt=now, deadline__lte=now + timedelta(days=14))
    proposals = (
        Proposal.objects.filter(call__in=calls, status__in=ACTIVE_STAGES)
        .select_related("call", "association")
        .order_by("call_id", "pk")
    )
    staff = staff_recipients()
    for proposal in proposals:
        call = proposal.call
        days_left = call.deadline - now
        stamp = call.deadline.strftime("%Y%m%d%H%M")
        days = _threshold(days_left)
        if days is None:
            continue
        context = {
            "proposal": proposal,
            "call": call,
            # The message says how many days are really left (a proposal aimed at the call 3
            # days before its deadline gets the 7-day reminder, saying 3 days).
            "days": math.ceil(days_left.total_seconds() / 86400),
            "url": _absolute(proposal.get_absolute_url()),
        }
        for email, language in [*leader_recipients(proposal.association_id), *staff]:
            email_queue(
                # The deadline is in the key: a postponed deadline re-arms the reminders.
                key=f"funding:deadline:{call.pk}:{stamp}:{days}:{proposal.pk}:{_short(email)}",
                to=email,
                template="funding/deadline_reminder",
                context=context,
                language=language or "it",
            )
            queued += 1
    return queued


@shared_task
def send_overdue_review_reminders() -> int:
    """Remind each reviewer once about a review past its due date."""
    today = timezone.localdate()
    queued = 0
    overdue = Review.objects.filter(status__in=Review.OPEN, due_date__lt=today).select_related(
        "reviewer", "proposal"
    )
    for review in overdue:
        email_queue(
            key=f"funding:review-overdue:{review.pk}:{review.due_date.isoformat()}",
            to=review.reviewer.email,
            template="funding/review_overdue",
            context={"review": review, "url": _absolute(review.get_absolute_url())},
            language=review.reviewer.preferred_language or "it",
        )
        queued += 1
    return queued
