"""Templated, translated e-mail, queued in the database and sent by Celery after commit.

A message is rendered when it is queued, in the recipient's language, from
``templates/emails/<name>_subject.txt``, ``<name>.txt`` and, if present, ``<name>.html``.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .models import OutgoingEmail


def email_queue(
    *, key: str, to: str, template: str, context: dict | None = None, language: str = "it"
) -> OutgoingEmail:
    """Render and queue one e-mail; queuing the same ``key`` twice keeps only the first."""
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
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(
                key=key,
                to=to,
                subject=" ".join(subject.split())[:255],
                body_text=body_text,
                body_html=body_html,
                template=template,
                language=language,
            )
    except IntegrityError:
        # Another request queued the same message a moment ago.
        return OutgoingEmail.objects.get(key=key)

    from .tasks import email_send

    transaction.on_commit(lambda: email_send.delay(email.pk))
    return email
