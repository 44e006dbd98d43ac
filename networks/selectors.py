"""Reads of the networks app, tuned to run a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from associations.models import Association

from . import charts
from .models import (
    AreaScore,
    Assessment,
    Commitment,
    GoodPractice,
    NetworkEvent,
    NetworkMembership,
    PolicyArea,
)
from .permissions import can_manage_networks
from .scoring import WeightedScore, biggest_moves, overall_score

RECENT_EVENTS = 6
RECENT_PRACTICES = 12


def memberships() -> QuerySet[NetworkMembership]:
    """Both organisations' memberships with their network, focal point and joining steps."""
    return NetworkMembership.objects.select_related("network", "focal_point").prefetch_related(
        "steps__definition"
    )


def visible_events(user) -> QuerySet[NetworkEvent]:
    """Events this user may see, newest first, with the counts the lists show."""
    events = (
        NetworkEvent.objects.select_related("network")
        .annotate(followup_count=Count("followups", distinct=True))
        .order_by("-starts_on", "-pk")
    )
    if not can_manage_networks(user):
        events = events.filter(is_public=True)
    return events


def visible_practices(user) -> QuerySet[GoodPractice]:
    practices = GoodPractice.objects.select_related("area", "network")
    if not can_manage_networks(user):
        practices = practices.filter(is_public=True)
    return practices


def event_detail(pk: int) -> NetworkEvent:
    return (
        NetworkEvent.objects.select_related("network")
        .prefetch_related(
            "staff_participants",
            Prefetch(
                "associations", queryset=Association.objects.only("pk", "name", "slug", "status")
            ),
            Prefetch("followups", queryset=_followups()),
        )
        .get(pk=pk)
    )


def _followups():
    from .models import FollowUpAction

    return FollowUpAction.objects.select_related("commitment")


def commitments(*, status: str = "", area: str = "", overdue: bool = False):
    """The action plan, filtered, with what each row shows."""
    queryset = (
        Commitment.objects.select_related("network", "area", "owner")
        .annotate(
            evidence_count=Count("evidence", distinct=True),
            note_count=Count("notes", distinct=True),
        )
        .order_by("due_date", "pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    if area:
        queryset = queryset.filter(area__slug=area)
    if overdue:
        queryset = queryset.overdue()
    return queryset


def commitment_detail(pk: int) -> Commitment:
    return (
        Commitment.objects.select_related("network", "area", "owner")
        .prefetch_related("evidence", Prefetch("notes", queryset=_notes()))
        .get(pk=pk)
    )


def _notes():
    from .models import ProgressNote

    return ProgressNote.objects.select_related("author")


def _weighted(scores) -> Decimal | None:
    return overall_score(
        WeightedScore(score=s.score, weight=s.area.weight, optional=s.area.optional) for s in scores
    )


def assessments() -> list[Assessment]:
    """Every yearly assessment with its scores and overall score (``overall``)."""
    found = list(
        Assessment.objects.prefetch_related(
            Prefetch("scores", queryset=AreaScore.objects.select_related("area"))
        )
    )
    for assessment in found:
        assessment.overall = _weighted(assessment.scores.all())
        assessment.scored_areas = len(assessment.scores.all())
    return found


@dataclass
class AreaTrend:
    area: PolicyArea
    values: list[int | None]
    peers: list[int | None]
    chart: charts.Chart
    change: int | None = None
    description: str = ""

    @property
    def cells(self) -> list[tuple[int | None, int | None]]:
        return list(zip(self.values, self.peers, strict=True))


@dataclass
class Trend:
    years: list[int] = field(default_factory=list)
    overall: list[Decimal | None] = field(default_factory=list)
    overall_chart: charts.Chart | None = None
    areas: list[AreaTrend] = field(default_factory=list)
    moves: list[tuple[PolicyArea, int]] = field(default_factory=list)
    moves_from: int | None = None
    moves_to: int | None = None
    overall_description: str = ""
    # (year, [(area, evidence)]) newest first: staff only, the public page shows the scores alone.
    evidence: list[tuple[int, list[tuple[PolicyArea, str]]]] = field(default_factory=list)

    @property
    def overall_rows(self) -> list[tuple[int, Decimal | None]]:
        return list(zip(self.years, self.overall, strict=True))


def _describe(years: list[int], values: list) -> str:
    """A sentence with every number of a chart, for screen readers."""
    parts = [
        f"{year}: {number_format(value, decimal_pos=1) if isinstance(value, Decimal) else value}"
        for year, value in zip(years, values, strict=True)
        if value is not None
    ]
    return gettext("Punteggi su 100 per anno: %(values)s.") % {"values": "; ".join(parts)}


def trend() -> Trend:
    """Scores per area over the years, the overall score, and the areas that moved most between
    the first and the latest assessment."""
    found = assessments()
    areas = list(PolicyArea.objects.all())
    result = Trend(years=[a.year for a in found], overall=[a.overall for a in found])
    result.overall_chart = charts.line_chart([(str(a.year), a.overall) for a in found])
    result.overall_description = _describe(result.years, result.overall)
    by_year = {a.year: {s.area_id: s for s in a.scores.all()} for a in found}
    for area in areas:
        values = [getattr(by_year[y].get(area.pk), "score", None) for y in result.years]
        if all(value is None for value in values):
            continue
        peers = [getattr(by_year[y].get(area.pk), "peer_average", None) for y in result.years]
        known = [value for value in values if value is not None]
        result.areas.append(
            AreaTrend(
                area=area,
                values=values,
                peers=peers,
                chart=charts.bar_chart(
                    list(zip([str(y) for y in result.years], values, strict=True))
                ),
                change=known[-1] - known[0] if len(known) > 1 else None,
                description=_describe(result.years, values),
            )
        )
    for assessment in reversed(found):
        written = [(s.area, s.evidence) for s in assessment.scores.all() if s.evidence.strip()]
        if written:
            result.evidence.append((assessment.year, written))
    if len(found) >= 2:
        before, after = found[0], found[-1]
        area_by_pk = {area.pk: area for area in areas}
        moves = biggest_moves(
            {s.area_id: s.score for s in before.scores.all()},
            {s.area_id: s.score for s in after.scores.all()},
        )
        result.moves = [(area_by_pk[pk], change) for pk, change in moves]
        result.moves_from, result.moves_to = before.year, after.year
    return result


def home_figures() -> list[tuple]:
    """Figures for the home page: networks joined, commitments done, latest ICC overall score."""
    networks = (
        NetworkMembership.objects.filter(status=NetworkMembership.Status.MEMBER)
        .values("network")
        .distinct()
        .count()
    )
    done = Commitment.objects.filter(status=Commitment.Status.COMPLETED).count()
    figures = [(_("reti di città"), networks), (_("impegni completati"), done)]
    latest = (
        Assessment.objects.order_by("-year")
        .prefetch_related(Prefetch("scores", queryset=AreaScore.objects.select_related("area")))
        .first()
    )
    if latest is not None:
        score = _weighted(latest.scores.all())
        if score is not None:
            figures.append(
                (
                    _("su 100: il punteggio ICC del %(year)s") % {"year": latest.year},
                    int(score.to_integral_value()),
                )
            )
    return figures


def overdue_count() -> int:
    return Commitment.objects.overdue().count()


def commitment_status_counts() -> dict[str, int]:
    return dict(
        Commitment.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )


def home_news() -> list:
    """The next public network event, or the latest one (one query)."""
    from django.utils import timezone

    from mondinsieme.objectives import NewsItem

    today = timezone.localdate()
    events = list(
        NetworkEvent.objects.filter(is_public=True, starts_on__gte=today)
        .only("title", "starts_on")
        .order_by("starts_on", "pk")[:1]
    )
    kind = _("prossimo evento di rete")
    if not events:
        events = list(
            NetworkEvent.objects.filter(is_public=True)
            .only("title", "starts_on")
            .order_by("-starts_on", "-pk")[:1]
        )
        kind = _("evento di rete")
    return [
        NewsItem(title=event.title, url=event.get_absolute_url(), date=event.starts_on, kind=kind)
        for event in events
    ]
