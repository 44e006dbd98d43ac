"""iCalendar files (courses, Forum programme, table meetings) built the same way everywhere."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import HttpResponse
from django.utils.crypto import constant_time_compare, salted_hmac
from icalendar import Calendar, Event


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable across exports, e.g. "training-session-42"
    start: datetime
    end: datetime
    title: str
    location: str = ""
    description: str = ""
    url: str = ""


def calendar_response(*, name: str, events: Iterable[CalendarEvent], filename: str) -> HttpResponse:
    """An ``text/calendar`` response with one VEVENT per event."""
    calendar = Calendar()
    calendar.add("prodid", "-//Portale Diaspore & Cooperazione//IT")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    domain = settings.PORTAL["BASE_URL"].split("//")[-1].split("/")[0] or "portale"
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{domain}")
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("dtstamp", item.start)
        event.add("summary", item.title)
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


# --- personal feeds --------------------------------------------------------------------------
# Calendar apps subscribe to an address and fetch it without a login, so the address itself is
# the credential. It is signed per feed (``salt``) and stamped with the password hash: a new
# password, or an account deleted or deactivated, revokes every old address.


def _feed_stamp(user, salt: str) -> str:
    return salted_hmac(salt, f"{user.pk}:{user.password}").hexdigest()[:16]


def feed_token(user, *, salt: str) -> str:
    """The secret part of a personal calendar address for ``user``."""
    return signing.dumps([user.pk, _feed_stamp(user, salt)], salt=salt)


def feed_user(token: str, *, salt: str):
    """The active user a feed token stands for, or ``None`` if forged, old or revoked."""
    try:
        user_pk, stamp = signing.loads(token, salt=salt)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None or not constant_time_compare(str(stamp), _feed_stamp(user, salt)):
        return None
    return user
