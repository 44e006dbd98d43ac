"""Periodic reminders for agreements in force: the yearly report and the renewal."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mondinsieme.emails import email_queue
from mondinsieme.workflow import TransitionNotAllowed, transition

from .models import TwinningFile

RENEWAL_NOTICE_DAYS = 90


def _recipients(file: TwinningFile) -> list[tuple[str, str]]:
    if file.responsible and file.responsible.is_active:
        return [(file.responsible.email, file.responsible.preferred_language)]
    return list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .values_list("email", "preferred_language")
    )


def _admin_url(file: TwinningFile) -> str:
    path = reverse("admin:twinning_twinningfile_change", args=[file.pk])
    return settings.PORTAL.get("BASE_URL", "").rstrip("/") + path


def _anniversary(start: date, year: int) -> date:
    try:
        return start.replace(year=year)
    except ValueError:
        return start.replace(year=year, day=28)


def _mark_renewal_due(file: TwinningFile) -> None:
    """Move an agreement in force to «da rinnovare» when its renewal window opens (once: a
    file already due, or moved by someone else meanwhile, is left as it is)."""
    if file.status not in (TwinningFile.Status.ACTIVE, TwinningFile.Status.RENEWED):
        return
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Scadenza il %(date)s: il rinnovo va deciso entro quella data.") % {
            "date": date_format(file.expires_on, "j F Y")
        }
    with contextlib.suppress(TransitionNotAllowed):
        transition(file, to=TwinningFile.Status.RENEWAL_DUE, actor=None, note=note)


@shared_task
def send_twinning_reminders(today: str | None = None) -> int:
    """Queue the yearly-report and renewal reminders that are due (each one only once)."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    queued = 0
    files = TwinningFile.objects.filter(status__in=TwinningFile.IN_FORCE_STATUSES).select_related(
        "partner_city", "responsible"
    )
    for file in files:
        context = {"file": file, "url": _admin_url(file)}
        # Yearly report: from each anniversary of the start, once per year of the agreement.
        if file.starts_on and file.starts_on.year < day.year:
            anniversary = _anniversary(file.starts_on, day.year)
            if day >= anniversary:
                for email, language in _recipients(file):
                    email_queue(
                        key=f"twinning-report:{file.pk}:{day.year}:{email}",
                        to=email,
                        template="twinning/report_reminder",
                        context={**context, "year": day.year - 1},
                        language=language,
                    )
                    queued += 1
        # Renewal: 90 days before the expiry; the key holds the expiry, so a renewal
        # (a new expiry date) gets its own reminder later.
        if file.expires_on and day >= file.expires_on - timedelta(days=RENEWAL_NOTICE_DAYS):
            _mark_renewal_due(file)
            for email, language in _recipients(file):
                email_queue(
                    key=f"twinning-renewal:{file.pk}:{file.expires_on.isoformat()}:{email}",
                    to=email,
                    template="twinning/renewal_reminder",
                    context=context,
                    language=language,
                )
                queued += 1
    return queued
