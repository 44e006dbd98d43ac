"""The programme's indicators, objective by objective, aggregated in the database.

Every builder runs a fixed number of queries whatever the number of rows (``annotate`` with
conditional ``Count``/``Sum`` grouped by status, year or month); nothing loops over rows with a
query inside. What the year and country filters select for each figure is written on the page
(``Section.year_rule``/``country_rule``) and in docs/programme.md.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth, ExtractYear, Greatest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from forum.models import Delegation, ForumEdition, Signature
from mondinsieme.objectives import objectives
from training.models import Certificate, Enrolment
from twinning.calendar import NOTICE_DAYS_BEFORE_SIGNING
from twinning.models import TwinningFile
from twinning.tasks import RENEWAL_NOTICE_DAYS

from . import charts
from .more_indicators import business_section, funding_section, networks_section
from .report import Block, Figure, Filters, Report, Section, Table

DEADLINES_SHOWN = 5


def _titles() -> dict[int, str]:
    return {objective.number: str(objective.title) for objective in objectives()}


def _section(number: int, titles: dict[int, str]) -> Section:
    return Section(number=number, title=titles.get(number, str(number)))


def year_span(filters: Filters, found) -> list[int]:
    """The years a yearly trend shows: the chosen one, or every year from the first with data."""
    if filters.year:
        return [filters.year]
    years = [int(year) for year in found if year is not None]
    return list(range(min(years), max(years) + 1)) if years else []


def month_labels(year: int) -> list[tuple[int, str, str]]:
    """(month, long label for tables, short label for charts) for the twelve months of ``year``."""
    return [
        (
            month,
            formats.date_format(date(year, month, 1), "F Y"),
            formats.date_format(date(year, month, 1), "M"),
        )
        for month in range(1, 13)
    ]


# --- Objective 1: training --------------------------------------------------------------------


def training_section(filters: Filters, section: Section) -> Section:
    """Associations trained, participants and certificates issued, per year (three queries)."""
    enrolments = Enrolment.objects.filter(
        status__in=(Enrolment.Status.CONFIRMED, Enrolment.Status.COMPLETED)
    )
    certificates = Certificate.objects.filter(revoked_at__isnull=True)
    if filters.country:
        enrolments = enrolments.filter(association__communities__country=filters.country)
        certificates = certificates.filter(
            enrolment__association__communities__country=filters.country
        )
    if filters.year:
        enrolments = enrolments.filter(course__enrolment_closes_at__year=filters.year)
        certificates = certificates.filter(issued_at__year=filters.year)
    distinct = {
        "associations": Count("association", distinct=True),
        "participants": Count("participant", distinct=True),
    }
    totals = enrolments.aggregate(**distinct)
    per_year = {
        row["year"]: row
        for row in enrolments.annotate(year=ExtractYear("course__enrolment_closes_at"))
        .values("year")
        .annotate(**distinct)
        .order_by("year")
    }
    issued = dict(
        certificates.annotate(year=ExtractYear("issued_at"))
        .values("year")
        .annotate(n=Count("pk", distinct=True))
        .order_by("year")
        .values_list("year", "n")
    )
    years = year_span(filters, [*per_year, *issued])
    rows = [
        [
            year,
            per_year.get(year, {}).get("associations", 0),
            per_year.get(year, {}).get("participants", 0),
            issued.get(year, 0),
        ]
        for year in years
    ]
    headers = [_("Anno"), _("Associazioni formate"), _("Partecipanti"), _("Attestati rilasciati")]
    section.figures = [
        Figure(_("associazioni formate"), totals["associations"]),
        Figure(_("partecipanti"), totals["participants"]),
        Figure(_("attestati rilasciati"), sum(issued.values())),
    ]
    section.blocks = [
        Block(
            slug="formazione-anni",
            title=_("Formazione anno per anno"),
            chart=charts.line_chart(
                [str(year) for year in years],
                [
                    charts.Series(name, [row[index] for row in rows])
                    for index, name in enumerate(headers[1:], start=1)
                ],
            ),
            table=Table(
                _("Associazioni formate, partecipanti e attestati per anno"), headers, rows
            ),
            note=_(
                "Un'associazione o una persona formata in più anni conta una volta sola nel totale."
            ),
        )
    ]
    section.year_rule = _(
        "Anno di chiusura delle iscrizioni del corso; per gli attestati, anno di rilascio."
    )
    section.country_rule = _("Paese di origine delle comunità dell'associazione che ha iscritto.")
    return section


# --- Objective 2: Forum and manifesto ---------------------------------------------------------


def forum_section(filters: Filters, section: Section) -> Section:
    """Delegations by status, participants per edition, signatures over time (three queries)."""
    delegations = Delegation.objects.all()
    editions = ForumEdition.objects.all()
    signatures = Signature.objects.confirmed()
    if filters.year:
        delegations = delegations.filter(edition__starts_on__year=filters.year)
        editions = editions.filter(starts_on__year=filters.year)
        signatures = signatures.filter(confirmed_at__year=filters.year)
    delegate_filter = Q(delegations__status=Delegation.Status.CONFIRMED)
    if filters.country:
        delegations = delegations.filter(city__country=filters.country)
        signatures = signatures.filter(country=filters.country)
        delegate_filter &= Q(delegations__city__country=filters.country)

    by_status = dict(
        delegations.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    status_rows = [[label, by_status.get(value, 0)] for value, label in Delegation.Status.choices]

    per_edition = list(
        editions.annotate(
            confirmed=Count(
                "registrations",
                filter=Q(registrations__status="confirmed"),
                distinct=True,
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status="waitlisted"), distinct=True
            ),
            heads=Count("delegations", filter=delegate_filter, distinct=True),
            members=Count("delegations__members", filter=delegate_filter, distinct=True),
        )
        .order_by("starts_on", "pk")
        .values("title", "starts_on", "confirmed", "waiting", "heads", "members")
    )
    # Public registrations record no country: under a country filter only delegations count.
    with_public = not filters.country
    edition_headers = [_("Edizione"), _("Data di inizio")]
    if with_public:
        edition_headers += [_("Iscrizioni del pubblico confermate"), _("In lista d'attesa")]
    edition_headers += [_("Delegazioni confermate"), _("Persone nelle delegazioni")]
    edition_rows = []
    participants = 0
    for row in per_edition:
        people = row["heads"] + row["members"]
        participants += people + (row["confirmed"] if with_public else 0)
        public = [row["confirmed"], row["waiting"]] if with_public else []
        edition_rows.append([row["title"], row["starts_on"], *public, row["heads"], people])

    if filters.year:
        found = dict(
            signatures.annotate(month=ExtractMonth("confirmed_at"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
            .values_list("month", "n")
        )
        periods = [(long, short, found.get(m, 0)) for m, long, short in month_labels(filters.year)]
        period_header = _("Mese")
    else:
        found = dict(
            signatures.annotate(year=ExtractYear("confirmed_at"))
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("year")
            .values_list("year", "n")
        )
        periods = [(y, str(y), found.get(y, 0)) for y in year_span(filters, found)]
        period_header = _("Anno")
    signature_label = _("Firme confermate")

    section.figures = [
        Figure(_("delegazioni confermate"), by_status.get(Delegation.Status.CONFIRMED, 0)),
        Figure(_("partecipanti al Forum"), participants),
        Figure(_("firme del manifesto confermate"), sum(found.values())),
    ]
    section.blocks = [
        Block(
            slug="delegazioni",
            title=_("Delegazioni per stato"),
            chart=charts.bar_chart(
                [row[0] for row in status_rows],
                [charts.Series(_("Delegazioni"), [row[1] for row in status_rows])],
            ),
            table=Table(_("Delegazioni per stato"), [_("Stato"), _("Delegazioni")], status_rows),
        ),
        Block(
            slug="partecipanti",
            title=_("Partecipanti per edizione del Forum"),
            table=Table(_("Partecipanti per edizione"), edition_headers, edition_rows),
            note=_(
                "Partecipanti: iscrizioni del pubblico confermate più capi e membri delle "
                "delegazioni confermate."
            )
            if with_public
            else _(
                "Le iscrizioni del pubblico non indicano un paese: con il filtro per paese "
                "contano solo le delegazioni di città di quel paese."
            ),
        ),
        Block(
            slug="firme",
            title=_("Firme del manifesto nel tempo"),
            chart=charts.line_chart(
                [str(short) for _key, short, _n in periods],
                [charts.Series(signature_label, [n for _key, _short, n in periods])],
            ),
            table=Table(
                _("Firme confermate per periodo"),
                [period_header, signature_label],
                [[key, n] for key, _short, n in periods],
            ),
        ),
    ]
    section.year_rule = _(
        "Anno di inizio dell'edizione del Forum; per le firme, data di conferma "
        "(mese per mese quando scegli un anno)."
    )
    section.country_rule = _(
        "Paese della città della delegazione; per le firme, paese di residenza di chi firma."
    )
    return section


# --- Objective 3: twinning --------------------------------------------------------------------


def twinning_deadlines(files, today: date) -> list[list]:
    """The next dates to watch: renewal notices, expiries, earliest signing (two queries)."""
    upcoming = []
    in_force = (
        files.filter(status__in=TwinningFile.IN_FORCE_STATUSES, expires_on__gte=today)
        .select_related("partner_city")
        .order_by("expires_on", "pk")[:DEADLINES_SHOWN]
    )
    for file in in_force:
        renewal = file.expires_on - timedelta(days=RENEWAL_NOTICE_DAYS)
        if renewal >= today:
            upcoming.append([renewal, file.partner_city.name, _("avviare il rinnovo")])
        upcoming.append([file.expires_on, file.partner_city.name, _("scadenza dell'accordo")])
    # Signing may start 30 days after the last of the three notices (twinning.calendar).
    to_sign = (
        # All three dates present: GREATEST treats NULL differently on SQLite and PostgreSQL.
        files.filter(
            status=TwinningFile.Status.COUNCIL_RESOLUTION,
            notice_regione_on__isnull=False,
            notice_dar_on__isnull=False,
            notice_maeci_on__isnull=False,
        )
        .annotate(notice=Greatest("notice_regione_on", "notice_dar_on", "notice_maeci_on"))
        .filter(notice__gte=today - timedelta(days=NOTICE_DAYS_BEFORE_SIGNING))
        .select_related("partner_city")
        .order_by("notice", "pk")[:DEADLINES_SHOWN]
    )
    for file in to_sign:
        upcoming.append(
            [file.earliest_signing_date, file.partner_city.name, _("prima data utile per firmare")]
        )
    upcoming.sort(key=lambda row: (row[0], row[1]))
    return upcoming[:DEADLINES_SHOWN]


def twinning_section(filters: Filters, section: Section) -> Section:
    """Files by stage and the next deadlines (three queries)."""
    files = TwinningFile.objects.all()
    if filters.country:
        files = files.filter(partner_city__country=filters.country)
    opened = files.filter(created_at__year=filters.year) if filters.year else files
    by_status = dict(
        opened.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    rows = [[label, by_status.get(value, 0)] for value, label in TwinningFile.Status.choices]
    in_force = sum(by_status.get(status, 0) for status in TwinningFile.IN_FORCE_STATUSES)
    in_progress = sum(by_status.get(status, 0) for status in TwinningFile.IN_PROGRESS_STATUSES)
    deadlines = twinning_deadlines(files, timezone.localdate())
    section.figures = [
        Figure(_("pratiche"), sum(by_status.values())),
        Figure(_("accordi in vigore"), in_force),
        Figure(_("pratiche in corso"), in_progress),
    ]
    section.blocks = [
        Block(
            slug="pratiche",
            title=_("Pratiche per fase"),
            chart=charts.bar_chart(
                [row[0] for row in rows], [charts.Series(_("Pratiche"), [r[1] for r in rows])]
            ),
            table=Table(_("Pratiche di gemellaggio per fase"), [_("Fase"), _("Pratiche")], rows),
        ),
        Block(
            slug="scadenze",
            title=_("Prossime scadenze"),
            table=Table(
                _("Le prossime %(n)s scadenze da oggi") % {"n": DEADLINES_SHOWN},
                [_("Data"), _("Città partner"), _("Che cosa")],
                deadlines,
            ),
            note=_("Le scadenze partono da oggi e non dipendono dal filtro per anno."),
        ),
    ]
    section.year_rule = _("Anno di apertura della pratica nel portale.")
    section.country_rule = _("Paese della città partner.")
    return section


def dashboard_report(*, filters: Filters) -> Report:
    """The whole report for ``filters``: six sections, a fixed number of queries."""
    titles = _titles()
    builders = (
        training_section,
        forum_section,
        twinning_section,
        funding_section,
        networks_section,
        business_section,
    )
    return Report(
        filters=filters,
        generated_at=timezone.now(),
        sections=[
            build(filters, _section(number, titles))
            for number, build in enumerate(builders, start=1)
        ],
    )
