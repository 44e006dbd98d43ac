"""Notices and consents: record which notice version a person accepted, and its withdrawal."""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mondinsieme.workflow import log_action

from ..models import Consent, Notice
from ..registry import hooks
from ..selectors import current_notice_id

logger = logging.getLogger(__name__)


def consent_record(
    *,
    purpose: str,
    user=None,
    email: str = "",
    source: str = "",
    explicit: bool = False,
    subject: models.Model | None = None,
) -> Consent | None:
    """Record that a person accepted the current notice of ``purpose`` (and on what)."""
    notice_id = current_notice_id(purpose)
    if notice_id is None:
        # A form must not fail because staff have not published a notice yet: say it loudly.
        logger.error("No published privacy notice for purpose %r: consent not recorded", purpose)
        return None
    user = user if getattr(user, "is_authenticated", False) else None
    consent = Consent(
        user=user,
        email="" if user is not None else email.strip(),
        purpose=purpose,
        notice_id=notice_id,
        source=source[:100],
        explicit=explicit,
    )
    if subject is not None:
        consent.content_type = ContentType.objects.get_for_model(subject)
        consent.object_id = str(subject.pk)
    consent.save()
    return consent


def consent_withdraw(*, consent: Consent, actor, source: str = "account") -> Consent:
    """The person withdraws a consent; the app it belongs to acts on it (e.g. the signature)."""
    from ..selectors import consents_of

    if not consents_of(actor).filter(pk=consent.pk).exists():
        raise PermissionDenied(_("Puoi revocare solo i tuoi consensi."))
    if not consent.explicit:
        raise ValidationError(
            _(
                "Questo trattamento non si basa sul consenso: per interromperlo annulla "
                "l'iscrizione o elimina l'account."
            ),
            code="not_withdrawable",
        )
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if locked.withdrawn_at is not None:
            return locked
        # Withdrawn from the account: it stays listed there, without keeping the address.
        locked.user = actor
        locked.save(update_fields=["user"])
        _mark_withdrawn(locked, source=source)
        for _label, module in hooks():
            effect = getattr(module, "consent_withdrawn", None)
            if effect is not None:
                effect(locked, actor=actor)
        log_action(locked, actor=actor, action="consent_withdrawn", note=source)
    return locked


def consents_withdraw_for(*, subject: models.Model, source: str) -> int:
    """Mark withdrawn the consents about ``subject`` (e.g. a signature withdrawn by e-mail link)."""
    content_type = ContentType.objects.get_for_model(subject)
    count = 0
    for consent in Consent.objects.select_for_update().filter(
        content_type=content_type, object_id=str(subject.pk), withdrawn_at__isnull=True
    ):
        _mark_withdrawn(consent, source=source)
        count += 1
    return count


def _mark_withdrawn(consent: Consent, *, source: str) -> None:
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_source = source[:100]
    # Once withdrawn, the address has no use: the row keeps only what was accepted and when.
    consent.email = ""
    consent.save(update_fields=["withdrawn_at", "withdrawn_source", "email"])


def notice_publish(*, notice: Notice, actor) -> Notice:
    """Publish a draft notice as the next version of its purpose; it becomes the current one."""
    if not getattr(actor, "is_staff", False):
        raise PermissionDenied(_("Solo il personale può pubblicare un'informativa."))
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        if locked.published_at is not None:
            raise ValidationError(_("Questa versione è già pubblicata."), code="published")
        latest = (
            Notice.objects.filter(purpose=locked.purpose, published_at__isnull=False)
            .exclude(pk=locked.pk)
            .aggregate(latest=Max("version"))["latest"]
            or 0
        )
        if locked.version <= latest:
            locked.version = latest + 1
        locked.published_at = timezone.now()
        locked.save(update_fields=["version", "published_at"])
        log_action(locked, actor=actor, action="published", note=f"v{locked.version}")
    return locked
