"""Celery tasks of the core: sending queued e-mail, and sweeping the outbox for lost ones."""

from __future__ import annotations

import hashlib
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)


def message_id(key: str) -> str:
    """The same Message-ID for every attempt at one e-mail.

    A worker killed after the mail server accepted a message but before the row was marked sent
    sends it again on redelivery; with a stable Message-ID, mail clients show it only once.
    """
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


@shared_task(bind=True, max_retries=5, default_retry_delay=60, name="mondinsieme.email_send")
def email_send(self, email_id: int) -> str:
    """Send one queued e-mail unless it has gone out already (safe to retry)."""
    error: Exception | None = None
    with transaction.atomic():
        # The row lock makes two deliveries of the same task (acks_late) send only once.
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None:
            return "missing"
        if email.status == OutgoingEmail.Status.SENT:
            return "already-sent"
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
            headers={"Message-ID": message_id(email.key)},
        )
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        email.attempts += 1
        try:
            message.send()
        except Exception as exc:
            error = exc
            email.status = OutgoingEmail.Status.FAILED
            email.last_error = str(exc)[:2000]
            email.save(update_fields=["status", "attempts", "last_error"])
            logger.warning("E-mail %s failed: %s", email_id, exc)
        else:
            email.status = OutgoingEmail.Status.SENT
            email.sent_at = timezone.now()
            email.save(update_fields=["status", "attempts", "sent_at"])
    if error is None:
        return "sent"
    # In eager mode (no broker) the request that queued the e-mail must not fail with it: the row
    # stays FAILED for staff to see. With a worker, try again later.
    if not self.request.is_eager:
        raise self.retry(exc=error)
    return "failed"


@shared_task(name="mondinsieme.email_sweep")
def email_sweep() -> str:
    """Publish again the e-mails still pending after EMAIL_OUTBOX_RETRY_AFTER minutes."""
    from datetime import timedelta

    from .emails import email_requeue_pending

    published, pending = email_requeue_pending(
        older_than=timedelta(minutes=settings.EMAIL_OUTBOX_RETRY_AFTER)
    )
    return f"published={published} pending={pending}"
