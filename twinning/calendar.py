"""Dates of the notice that precedes the first signature of a twinning (pure functions).

The draft agreement goes to the Regione, the Presidency of the Council (DAR) and the Foreign
Ministry at least 30 days before it is signed; their silence for 7 working days counts as assent.

Which holidays count: the working days are those of the offices that receive the notice (in
Bologna and Rome), so by default only the national public holidays of Italy count, not the
patron saint of the host city (San Prospero, 24 November, for Reggio Emilia). A host city that
prefers to count its local holiday too (the safer, later date) sets ``TWINNING_HOLIDAY_SUBDIVISION``
to its province code as known to the ``holidays`` package ("RE" adds San Prospero).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

NOTICE_DAYS_BEFORE_SIGNING = 30
SILENT_ASSENT_WORKING_DAYS = 7


@lru_cache(maxsize=64)
def _holidays(year: int, subdivision: str | None) -> frozenset[date]:
    return frozenset(holidays.country_holidays("IT", subdiv=subdivision or None, years=year))


def is_working_day(day: date, *, subdivision: str | None = None) -> bool:
    """Monday to Friday and not an Italian public holiday (nor a local one, if asked)."""
    return day.weekday() < 5 and day not in _holidays(day.year, subdivision)


def earliest_signing_date(notice_date: date) -> date:
    """The first day the agreement may be signed: 30 calendar days after the notice."""
    return notice_date + timedelta(days=NOTICE_DAYS_BEFORE_SIGNING)


def silent_assent_date(
    notice_date: date,
    *,
    working_days: int = SILENT_ASSENT_WORKING_DAYS,
    subdivision: str | None = None,
) -> date:
    """The day the silence of the offices counts as assent: the 7th working day after the
    notice (the day of sending is not counted)."""
    day, counted = notice_date, 0
    while counted < working_days:
        day += timedelta(days=1)
        if is_working_day(day, subdivision=subdivision):
            counted += 1
    return day


def host_subdivision() -> str | None:
    """The local holidays to count, from settings (None: national holidays only)."""
    from django.conf import settings

    return getattr(settings, "TWINNING_HOLIDAY_SUBDIVISION", None) or None
