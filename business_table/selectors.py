"""Reads of the business table tuned to a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import Country

from associations.models import Association, Community

from .models import Action, Meeting, Opportunity


def home_figures() -> list[tuple]:
    """Live figures for the home page: meetings held and active opportunities."""
    return [
        (_("riunioni del tavolo"), Meeting.objects.filter(status=Meeting.Status.HELD).count()),
        (
            _("opportunità attive"),
            Opportunity.objects.filter(status=Opportunity.Status.ACTIVE).count(),
        ),
    ]


def published_summaries() -> QuerySet[Meeting]:
    """Meetings whose public summary staff have published, newest first."""
    return Meeting.objects.filter(summary_published=True, status=Meeting.Status.HELD).only(
        "pk", "title", "starts_at", "place", "public_summary", "status"
    )


def meetings_for_table() -> QuerySet[Meeting]:
    """Every meeting with how many actions and opportunities came out of it."""
    return Meeting.objects.annotate(
        action_count=Count("actions", distinct=True),
        opportunity_count=Count("opportunities", distinct=True),
    )


def upcoming_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        status=Meeting.Status.PLANNED, ends_at__gte=timezone.now()
    ).order_by("starts_at")


def meeting_detail(pk: int) -> Meeting:
    """A meeting with its attendees, opportunities and the actions agreed (and their results)."""
    return (
        Meeting.objects.prefetch_related(
            "trade_associations",
            "associations",
            "staff_attendees",
            Prefetch("actions", queryset=Action.objects.select_related("owner", "opportunity")),
            Prefetch("opportunities", queryset=Opportunity.objects.order_by("title")),
        )
        .select_related("created_by")
        .get(pk=pk)
    )


def opportunity_list(
    *, status: str = "", kind: str = "", country: str = "", q: str = "", expired: bool = False
) -> QuerySet[Opportunity]:
    """Opportunities for the table's list, filtered, with what each row shows already joined."""
    queryset = (
        Opportunity.objects.select_related(
            "city", "owner", "source_meeting", "source_trade_association"
        )
        .prefetch_related("connector_associations")
        .annotate(
            open_actions=Count(
                "actions", filter=Q(actions__status__in=Action.OPEN_STATUSES), distinct=True
            )
        )
    )
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(country=country)
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if expired:
        queryset = queryset.filter(
            status__in=Opportunity.OPEN_STATUSES, expires_on__lt=timezone.localdate()
        )
    return queryset.order_by("-created_at", "-pk")


def opportunity_detail(pk: int) -> Opportunity:
    return (
        Opportunity.objects.select_related(
            "city",
            "owner",
            "source_meeting",
            "source_association",
            "source_trade_association",
            "created_by",
        )
        .prefetch_related(
            "connector_associations",
            "connector_communities",
            Prefetch("actions", queryset=Action.objects.select_related("owner", "meeting")),
        )
        .get(pk=pk)
    )


@dataclass
class CountryRow:
    country: Country
    communities: list[Community] = field(default_factory=list)
    association_count: int = 0
    open_opportunities: int = 0
    open_actions: int = 0

    @property
    def residents(self) -> int | None:
        figures = [c.residents_estimate for c in self.communities if c.residents_estimate]
        return sum(figures) if figures else None


def country_overview() -> list[CountryRow]:
    """One row per country of origin or of an opportunity, in four queries whatever the size."""
    rows: dict[str, CountryRow] = {}

    def row(code: str) -> CountryRow:
        if code not in rows:
            rows[code] = CountryRow(country=Country(code))
        return rows[code]

    for community in Community.objects.only(
        "pk", "name", "slug", "country", "residents_estimate", "residents_year", "residents_source"
    ):
        row(community.country.code).communities.append(community)
    for code, number in (
        Association.objects.public()
        .filter(communities__isnull=False)
        .values_list("communities__country")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    ):
        row(code).association_count = number
    for code, number in (
        Opportunity.objects.filter(status__in=Opportunity.OPEN_STATUSES)
        .values_list("country")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(code).open_opportunities = number
    for code, number in (
        Action.objects.filter(status__in=Action.OPEN_STATUSES, opportunity__isnull=False)
        .values_list("opportunity__country")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(code).open_actions = number
    return sorted(rows.values(), key=lambda item: str(item.country.name))


@dataclass
class CountryDossier:
    country: Country
    communities: list[Community]
    associations: list[Association]
    opportunities: list[Opportunity]
    actions: list[Action]

    @property
    def residents(self) -> int | None:
        figures = [c.residents_estimate for c in self.communities if c.residents_estimate]
        return sum(figures) if figures else None


def country_dossier(code: str) -> CountryDossier | None:
    """Everything the table knows about one country; None for a code that is not a country."""
    code = (code or "").upper()
    if code not in dict(countries):
        return None
    return CountryDossier(
        country=Country(code),
        communities=list(Community.objects.filter(country=code)),
        associations=list(
            Association.objects.public()
            .filter(communities__country=code)
            .distinct()
            .only("pk", "name", "slug", "status")
        ),
        opportunities=list(
            opportunity_list(country=code).filter(status__in=Opportunity.OPEN_STATUSES)
        ),
        actions=list(
            Action.objects.filter(status__in=Action.OPEN_STATUSES, opportunity__country=code)
            .select_related("owner", "opportunity", "meeting")
            .order_by("due_on", "pk")
        ),
    )


def home_news() -> list:
    """The latest meeting whose summary is published (one query)."""
    from django.urls import reverse

    from mondinsieme.objectives import NewsItem

    meetings = published_summaries().order_by("-starts_at", "-pk")[:1]
    return [
        NewsItem(
            title=meeting.title,
            url=reverse("business_table:index"),
            date=meeting.starts_at,
            kind=_("riunione del tavolo"),
        )
        for meeting in meetings
    ]
