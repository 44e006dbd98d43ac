"""Templated, translated e-mail, queued in the database and sent by Celery after commit.

A message is rendered when it is queued, in the recipient's language, from
``templates/emails/<name>_subject.txt``, ``<name>.txt`` and, if present, ``<name>.html``.

The ``OutgoingEmail`` row is the outbox: if the broker is down when the task is published, the
row stays queued and ``mondinsieme.tasks.email_sweep`` publishes it again later.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingEmail

logger = logging.getLogger(__name__)


def email_queue(
    *,
    key: str,
    to: str,
    template: str,
    context: dict | None = None,
    language: str = "it",
    fresh: bool = False,
) -> OutgoingEmail:
    """Render and queue one e-mail; queuing the same ``key`` twice keeps only the first.

    ``fresh=True`` says the key cannot exist yet because it names a row created in the same
    transaction (a new signature's id): the row is inserted without the lookup and the
    savepoint that guard an ordinary key, three round trips fewer on a busy path.
    """
    if not fresh:
        existing = OutgoingEmail.objects.filter(key=key).first()
        if existing is not None:
            return existing
    context = dict(context or {})
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body_text = render_to_string(f"emails/{template}.txt", context)
        try:
            body_html = render_to_string(f"emails/{template}.html", context)
        except TemplateDoesNotExist:
            body_html = ""
    fields = {
        "key": key,
        "to": to,
        "subject": " ".join(subject.split())[:255],
        "body_text": body_text,
        "body_html": body_html,
        "template": template,
        "language": language,
    }
    if fresh:
        email = OutgoingEmail.objects.create(**fields)
    else:
        try:
            with transaction.atomic():
                email = OutgoingEmail.objects.create(**fields)
        except IntegrityError:
            # Another request queued the same message a moment ago.
            return OutgoingEmail.objects.get(key=key)

    transaction.on_commit(lambda: email_publish(email_id=email.pk))
    return email


def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError

    errors: tuple[type[BaseException], ...] = (OperationalError, ConnectionError, TimeoutError)
    try:
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover - a broker other than Redis
        return errors
    return (*errors, RedisError)


def email_publish(*, email_id: int) -> bool:
    """Hand one queued e-mail to Celery; False (row left queued) when the broker is unreachable."""
    from .tasks import email_send

    try:
        email_send.delay(email_id)
    except _broker_errors() as exc:
        # The signature or enrolment is already committed: the visitor must not see an error for
        # an e-mail the sweeper will send once the broker is back.
        logger.warning("E-mail %s left in the outbox, broker unreachable: %s", email_id, exc)
        return False
    return True


def email_pending(*, older_than: timedelta):
    """Queued e-mails, and failed ones with attempts left, older than ``older_than``."""
    from django.db.models import Q

    cutoff = timezone.now() - older_than
    return OutgoingEmail.objects.filter(created_at__lte=cutoff).filter(
        Q(status=OutgoingEmail.Status.QUEUED)
        | Q(status=OutgoingEmail.Status.FAILED, attempts__lt=settings.EMAIL_MAX_ATTEMPTS)
    )


def email_requeue_pending(*, older_than: timedelta) -> tuple[int, int]:
    """Publish again every pending e-mail older than ``older_than``: (published, left pending)."""
    email_ids = list(email_pending(older_than=older_than).values_list("pk", flat=True))
    for published, email_id in enumerate(email_ids):
        if not email_publish(email_id=email_id):
            return published, len(email_ids) - published  # broker down: the next sweep goes on
    return len(email_ids), 0
