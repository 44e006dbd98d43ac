"""iCalendar files (courses, Forum programme, table meetings) built the same way everywhere."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.http import HttpResponse
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
