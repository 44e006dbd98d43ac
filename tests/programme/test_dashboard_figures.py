"""Every dashboard figure equals a count made by hand over the seeded objects, under each filter."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from business_table.models import Action, Opportunity
from forum.models import Delegation, Registration, Signature
from funding.models import Proposal
from networks.models import Commitment
from programme.dashboard.indicators import dashboard_report
from programme.dashboard.report import Filters
from tests.programme.dashboard_data import seed_dashboard
from twinning.models import TwinningFile

pytestmark = pytest.mark.django_db

FILTERS = [
    Filters(),
    Filters(year=2025),
    Filters(year=2024),
    Filters(country="SN"),
    Filters(country="MA"),
    Filters(year=2025, country="SN"),
    Filters(year=2023, country="MA"),  # nothing happened: zeros, not errors
]


def _year(moment) -> int:
    return timezone.localtime(moment).year if hasattr(moment, "hour") else moment.year


def _codes(countries) -> set[str]:
    return {getattr(country, "code", country) for country in countries}


def expected_figures(data: dict, f: Filters) -> dict[int, list]:
    """The figures of each objective, counted with plain Python over the seeded objects."""
    year_ok = lambda moment: f.year is None or _year(moment) == f.year  # noqa: E731
    country_of = data["association_countries"]
    from_country = lambda association_id: (  # noqa: E731
        not f.country or f.country in country_of.get(association_id, set())
    )
    today = timezone.localdate()

    trained = [
        e
        for e in data["enrolments"]
        if e.status in data["trained_statuses"]
        and year_ok(e.course.enrolment_closes_at)
        and from_country(e.association_id)
    ]
    certificates = [
        c
        for c in data["certificates"]
        if c.revoked_at is None
        and year_ok(c.issued_at)
        and from_country(c.enrolment.association_id)
    ]
    training = [
        len({e.association_id for e in trained}),
        len({e.participant_id for e in trained}),
        len(certificates),
    ]

    delegations = [
        d
        for d in data["delegations"]
        if year_ok(d.edition.starts_on) and (not f.country or d.city.country == f.country)
    ]
    confirmed = [d for d in delegations if d.status == Delegation.Status.CONFIRMED]
    people = sum(1 + d.member_count for d in confirmed)
    if not f.country:
        people += sum(
            1
            for r in data["registrations"]
            if r.status == Registration.Status.CONFIRMED and year_ok(r.edition.starts_on)
        )
    signatures = [
        s
        for s in data["signatures"]
        if s.status == Signature.Status.CONFIRMED
        and year_ok(s.confirmed_at)
        and (not f.country or s.country == f.country)
    ]
    forum = [len(confirmed), people, len(signatures)]

    files = [
        t
        for t in data["twinnings"]
        if year_ok(t.created_at) and (not f.country or t.partner_city.country == f.country)
    ]
    twinning = [
        len(files),
        sum(t.status in TwinningFile.IN_FORCE_STATUSES for t in files),
        sum(t.status in TwinningFile.IN_PROGRESS_STATUSES for t in files),
    ]

    proposals = [
        p
        for p in data["proposals"]
        if year_ok(p.call.deadline if p.call else p.created_at)
        and (not f.country or f.country in _codes(p.countries))
    ]
    awarded = [p for p in proposals if p.status == Proposal.Status.AWARDED]
    funding = [len(proposals), len(awarded), sum((p.awarded_amount for p in awarded), Decimal(0))]

    commitments = [c for c in data["commitments"] if year_ok(c.due_date)]
    is_open = lambda c: c.status in Commitment.OPEN_STATUSES  # noqa: E731
    scores = {a.year: a for a in data["assessments"] if f.year is None or a.year <= f.year}
    latest = max(scores) if scores else None
    # Two areas with weight 1: the overall score is their mean (see dashboard_data).
    latest_overall = (
        Decimal(sum(s.score for s in scores[latest].scores.all()) / 2).quantize(Decimal("0.1"))
        if latest
        else None
    )
    networks = [
        sum(c.status == Commitment.Status.COMPLETED for c in commitments),
        sum(is_open(c) and c.due_date < today for c in commitments),
        latest_overall,
    ]

    opportunities = [
        o
        for o in data["opportunities"]
        if year_ok(o.created_at) and (not f.country or o.country == f.country)
    ]
    overdue = [
        a
        for a in data["actions"]
        if a.status in Action.OPEN_STATUSES
        and a.due_on < today
        and (not f.country or a.opportunity.country == f.country)
    ]
    business = [
        len(opportunities),
        sum(o.status in Opportunity.OPEN_STATUSES for o in opportunities),
        len(overdue),
    ]
    return {1: training, 2: forum, 3: twinning, 4: funding, 5: networks, 6: business}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        # One world for every filter of this module, rolled back at the end.
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield seed_dashboard(n=2)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_it_shows_the_figures_counted_by_hand(seeded, filters):
    report = dashboard_report(filters=filters)
    expected = expected_figures(seeded, filters)
    shown = {s.number: [figure.value for figure in s.figures] for s in report.sections}
    assert shown == expected


def _block(report, number: int, slug: str):
    section = next(s for s in report.sections if s.number == number)
    return next(b for b in section.blocks if b.slug == slug)


def test_it_counts_signatures_month_by_month_when_a_year_is_chosen(seeded):
    report = dashboard_report(filters=Filters(year=2025))
    rows = _block(report, 2, "firme").table.rows
    months = Counter(
        timezone.localtime(s.confirmed_at).month
        for s in seeded["signatures"]
        if s.status == Signature.Status.CONFIRMED and _year(s.confirmed_at) == 2025
    )
    assert [row[1] for row in rows] == [months.get(month, 0) for month in range(1, 13)]
    assert len(rows) == 12


def test_it_counts_signatures_year_by_year_without_a_year(seeded):
    report = dashboard_report(filters=Filters())
    rows = _block(report, 2, "firme").table.rows
    years = Counter(
        _year(s.confirmed_at)
        for s in seeded["signatures"]
        if s.status == Signature.Status.CONFIRMED
    )
    assert rows == [[year, years[year]] for year in sorted(years)]


def test_it_sums_requested_and_awarded_amounts_per_funder(seeded):
    report = dashboard_report(filters=Filters())
    rows = _block(report, 4, "finanziatori").table.rows
    expected: dict[str, list] = {}
    for p in seeded["proposals"]:
        if p.call is None or p.status == Proposal.Status.WITHDRAWN:
            continue
        row = expected.setdefault(p.call.funder.name, [0, Decimal(0), Decimal(0)])
        row[0] += 1
        row[1] += p.requested_amount
        if p.status == Proposal.Status.AWARDED:
            row[2] += p.awarded_amount
    assert {r[0]: [r[1], r[2], r[3]] for r in rows} == expected


@pytest.mark.parametrize("country", ["", "SN", "MA"])
def test_it_counts_delegations_and_twinning_files_by_stage(seeded, country):
    report = dashboard_report(filters=Filters(country=country))
    delegations = Counter(
        d.get_status_display()
        for d in seeded["delegations"]
        if not country or d.city.country == country
    )
    files = Counter(
        t.get_status_display()
        for t in seeded["twinnings"]
        if not country or t.partner_city.country == country
    )
    assert {r[0]: r[1] for r in _block(report, 2, "delegazioni").table.rows if r[1]} == delegations
    assert {r[0]: r[1] for r in _block(report, 3, "pratiche").table.rows if r[1]} == files


def test_it_lists_the_next_twinning_deadlines_from_today(seeded):
    report = dashboard_report(filters=Filters(year=2020))  # the year does not hide deadlines
    rows = _block(report, 3, "scadenze").table.rows
    expected = []
    for t in seeded["twinnings"]:
        if t.status in TwinningFile.IN_FORCE_STATUSES:
            expected.append(
                [t.expires_on - timedelta(days=90), t.partner_city.name, "avviare il rinnovo"]
            )
            expected.append([t.expires_on, t.partner_city.name, "scadenza dell'accordo"])
        elif t.status == TwinningFile.Status.COUNCIL_RESOLUTION:
            notice = max(t.notice_regione_on, t.notice_dar_on, t.notice_maeci_on)
            expected.append(
                [notice + timedelta(days=30), t.partner_city.name, "prima data utile per firmare"]
            )
    expected.sort(key=lambda row: (row[0], row[1]))
    assert rows == expected[:5]
    assert all(row[0] >= timezone.localdate() for row in rows)


def test_it_shows_the_latest_icc_score_up_to_the_chosen_year(seeded):
    report = dashboard_report(filters=Filters(year=2024))
    rows = _block(report, 5, "icc").table.rows
    assert [row[0] for row in rows] == [a.year for a in seeded["assessments"] if a.year <= 2024]
    assert report.sections[4].figures[2].label.endswith("(2024)")
