"""Earliest signing and silent-assent dates across weekends and Italian public holidays."""

from datetime import date

import pytest

from twinning.calendar import earliest_signing_date, is_working_day, silent_assent_date


@pytest.mark.parametrize(
    ("notice", "expected"),
    [
        # Plain week: Monday 12 Jan 2026 → 7 working days → Wednesday 21 Jan.
        (date(2026, 1, 12), date(2026, 1, 21)),
        # Sent on Friday: the weekend does not count.
        (date(2026, 1, 16), date(2026, 1, 27)),
        # Sent on Saturday: counting starts on Monday.
        (date(2026, 1, 17), date(2026, 1, 27)),
        # Epiphany (Tue 6 Jan 2026) skipped.
        (date(2026, 1, 2), date(2026, 1, 14)),
        # Easter Monday 6 Apr 2026 skipped.
        (date(2026, 4, 2), date(2026, 4, 14)),
        # 25 April 2025 (Friday) and Easter Monday 21 Apr 2025 skipped.
        (date(2025, 4, 17), date(2025, 4, 30)),
        # 1 May 2026 (Friday) skipped.
        (date(2026, 4, 28), date(2026, 5, 8)),
        # 2 June 2026 (Tuesday) skipped.
        (date(2026, 5, 29), date(2026, 6, 10)),
        # 15 August 2025 (Friday) skipped.
        (date(2025, 8, 12), date(2025, 8, 22)),
        # 8 December 2025 (Monday) skipped.
        (date(2025, 12, 3), date(2025, 12, 15)),
        # Christmas and Santo Stefano (Thu-Fri 2025), New Year's Day 2026 skipped.
        (date(2025, 12, 22), date(2026, 1, 5)),
        # 4 October is a national holiday again from 2026 (Sunday in 2026, Monday in 2027).
        (date(2027, 9, 30), date(2027, 10, 12)),
    ],
)
def test_silent_assent_skips_weekends_and_national_holidays(notice, expected):
    assert silent_assent_date(notice) == expected


def test_san_prospero_counts_only_when_the_host_province_is_given():
    # 24 November 2026 is a Tuesday: a working day nationally, a holiday in Reggio Emilia.
    notice = date(2026, 11, 20)
    assert silent_assent_date(notice) == date(2026, 12, 1)
    assert silent_assent_date(notice, subdivision="RE") == date(2026, 12, 2)
    assert is_working_day(date(2026, 11, 24))
    assert not is_working_day(date(2026, 11, 24), subdivision="RE")


@pytest.mark.parametrize(
    ("notice", "expected"),
    [
        (date(2026, 1, 2), date(2026, 2, 1)),
        (date(2026, 2, 1), date(2026, 3, 3)),  # across a 28-day February
        (date(2024, 2, 1), date(2024, 3, 2)),  # leap year
        (date(2025, 12, 10), date(2026, 1, 9)),  # across the year
    ],
)
def test_earliest_signing_is_thirty_calendar_days_after_the_notice(notice, expected):
    assert earliest_signing_date(notice) == expected


def test_the_host_subdivision_comes_from_settings(settings):
    from twinning.calendar import host_subdivision

    settings.TWINNING_HOLIDAY_SUBDIVISION = "RE"
    assert host_subdivision() == "RE"
    settings.TWINNING_HOLIDAY_SUBDIVISION = ""
    assert host_subdivision() is None
