"""Publish again the queued e-mails that never reached a worker (broker down, lost task)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from mondinsieme.emails import email_requeue_pending


class Command(BaseCommand):
    help = "Publish again the e-mails still pending after --older-than minutes (outbox sweeper)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=settings.EMAIL_OUTBOX_RETRY_AFTER,
            help="minutes since the e-mail was queued (default: EMAIL_OUTBOX_RETRY_AFTER)",
        )

    def handle(self, *args, older_than: float, **options) -> None:
        published, pending = email_requeue_pending(older_than=timedelta(minutes=older_than))
        self.stdout.write(f"published={published} pending={pending}")
