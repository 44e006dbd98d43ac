"""Country dossiers: what the six objectives hold about one country of origin.

Every figure is aggregated by the database and every list is one query (or two, with a
prefetch), so a dossier costs the same number of queries whatever the data size. The public
dossier carries only counts and public names; the staff dossier adds the working detail.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django_countries import countries
from django_countries.fields import Country

from associations.models import Association, City, Community
from business_table.models import Action, Opportunity
from forum.models import Delegation, ForumEdition, Signature
from forum.selectors import public_manifestos
from funding.models import Proposal
from training.models import Enrolment
from twinning.models import CandidateAssessment, TwinningFile

from .links import PREPARING_STATUSES, SIGNING_STATUSES


def origin_country_codes() -> set[str]:
    """Codes of the countries with at least one community (one query)."""
    return set(Community.objects.values_list("country", flat=True).distinct())


def country_of_origin(code: str) -> Country | None:
    """The country for a dossier URL code (any case); None unless a community comes from it."""
    code = (code or "").upper()
    if len(code) != 2 or code not in dict(countries):
        return None
    if not Community.objects.filter(country=code).exists():
        return None
    return Country(code)


def _community_ids(code: str) -> QuerySet:
    return Community.objects.filter(country=code).values("pk")


def _association_ids(code: str, *, public: bool) -> QuerySet:
    associations = Association.objects.public() if public else Association.objects.all()
    return associations.filter(communities__in=_community_ids(code)).values("pk")


# ---- the list of countries ---------------------------------------------------------------------


@dataclass
class CountryRow:
    country: Country
    communities: list[Community] = field(default_factory=list)
    associations: int = 0
    twinnings: int = 0
    projects: int = 0
    signatures: int = 0

    @property
    def residents(self) -> int | None:
        figures = [c.residents_estimate for c in self.communities if c.residents_estimate]
        return sum(figures) if figures else None


def country_rows() -> list[CountryRow]:
    """One row per country of origin with its public figures, in six queries."""
    rows: dict[str, CountryRow] = {}
    for community in Community.objects.order_by("name"):
        code = community.country.code
        rows.setdefault(code, CountryRow(country=Country(code))).communities.append(community)

    def fill(attribute: str, pairs) -> None:
        for code, number in pairs:
            if code in rows:
                setattr(rows[code], attribute, number)

    fill(
        "associations",
        Association.objects.public()
        .values_list("communities__country")
        .annotate(n=Count("pk", distinct=True))
        .order_by(),
    )
    fill(
        "twinnings",
        TwinningFile.objects.public()
        .filter(status__in=TwinningFile.IN_FORCE_STATUSES)
        .values_list("partner_city__country")
        .annotate(n=Count("pk"))
        .order_by(),
    )
    fill(
        "signatures",
        Signature.objects.confirmed()
        .filter(manifesto__in=public_manifestos().values("pk"))
        .values_list("country")
        .annotate(n=Count("pk"))
        .order_by(),
    )
    # Countries of intervention are one text column ("MA,SN"): read it and add the countries
    # of the cities of intervention, then count each project once per country.
    awarded = Proposal.objects.filter(status=Proposal.Status.AWARDED)
    codes_of: dict[int, set[str]] = {}
    for pk, value in awarded.values_list("pk", "countries"):
        codes = value.split(",") if isinstance(value, str) else [c.code for c in value]
        codes_of[pk] = {code for code in codes if code}
    places = Proposal.cities.through.objects.filter(proposal__in=awarded)
    for pk, code in places.values_list("proposal_id", "city__country"):
        codes_of.setdefault(pk, set()).add(code)
    projects = Counter(code for codes in codes_of.values() for code in codes)
    fill("projects", projects.items())
    return sorted(rows.values(), key=lambda row: str(row.country.name))


# ---- one country ---------------------------------------------------------------------------------


@dataclass
class TrainingRow:
    association: Association
    enrolments: int
    certificates: int


@dataclass
class SignatureRow:
    title: str
    url: str
    count: int


@dataclass
class Dossier:
    country: Country
    communities: list[Community]
    associations: list[Association]
    training: list[TrainingRow]
    delegations: list[Delegation]
    signatures: list[SignatureRow]
    twinnings: list[TwinningFile]  # public ones (in force or expired)
    signing: list[TwinningFile]  # past the council vote, not yet in force
    twinnings_in_progress: int  # earlier stages: a count only
    projects: list[Proposal]  # awarded
    opportunities_open: int
    opportunities_concluded: int
    actions_open: int
    actions_overdue: int
    staff: StaffExtras | None = None

    @property
    def residents(self) -> int | None:
        figures = [c.residents_estimate for c in self.communities if c.residents_estimate]
        return sum(figures) if figures else None

    @property
    def enrolments(self) -> int:
        return sum(row.enrolments for row in self.training)

    @property
    def certificates(self) -> int:
        return sum(row.certificates for row in self.training)

    @property
    def signature_total(self) -> int:
        return sum(row.count for row in self.signatures)


@dataclass
class StaffExtras:
    associations: list[Association]  # every status
    twinning_files: list[TwinningFile]  # every status, with responsible and deadlines
    candidates: list[CandidateAssessment]  # candidate cities in this country
    delegations: list[Delegation]  # every status, with the head of delegation
    proposals: list[Proposal]  # every stage, with amounts
    proposal_totals: dict
    opportunities: list[Opportunity]  # open, with next steps and connectors
    overdue_actions: list[Action]


def _training(code: str, *, public: bool) -> list[TrainingRow]:
    associations = {
        a.pk: a
        for a in Association.objects.filter(pk__in=_association_ids(code, public=public)).only(
            "pk", "name", "slug", "status"
        )
    }
    figures = (
        Enrolment.objects.filter(
            association_id__in=list(associations), status__in=Enrolment.ACTIVE_STATUSES
        )
        .values("association_id")
        .annotate(
            n=Count("pk"),
            certificates=Count("certificate", filter=Q(certificate__revoked_at__isnull=True)),
        )
        .order_by()
    )
    rows = [
        TrainingRow(associations[f["association_id"]], f["n"], f["certificates"]) for f in figures
    ]
    return sorted(rows, key=lambda row: row.association.name)


def _public_editions() -> QuerySet:
    return ForumEdition.objects.exclude(status=ForumEdition.Status.DRAFT)


def _proposals(code: str) -> QuerySet[Proposal]:
    """Proposals that work in the country (listed among its countries or in one of its cities)."""
    in_country = Proposal.objects.filter(
        Q(countries__contains=code) | Q(cities__in=City.objects.filter(country=code))
    ).values("pk")
    return (
        Proposal.objects.filter(pk__in=in_country)
        .select_related("association", "call__funder")
        .prefetch_related(Prefetch("cities", queryset=City.objects.order_by("name")))
    )


def country_dossier(country: Country, *, staff: bool = False) -> Dossier:
    """The dossier of a country of origin; with staff=True, the working detail as well."""
    code = country.code
    public_associations = Association.objects.public().filter(
        pk__in=_association_ids(code, public=True)
    )
    files = list(
        TwinningFile.objects.filter(partner_city__country=code)
        .select_related("partner_city", "responsible")
        .order_by("partner_city__name", "pk")
    )
    opportunities = Opportunity.objects.filter(country=code).aggregate(
        open=Count("pk", filter=Q(status__in=Opportunity.OPEN_STATUSES)),
        concluded=Count("pk", filter=Q(status=Opportunity.Status.CONCLUDED)),
    )
    today = timezone.localdate()
    open_actions = Q(status__in=Action.OPEN_STATUSES)
    actions = Action.objects.filter(opportunity__country=code).aggregate(
        open=Count("pk", filter=open_actions),
        overdue=Count("pk", filter=open_actions & Q(due_on__lt=today)),
    )
    dossier = Dossier(
        country=country,
        communities=list(
            Community.objects.filter(country=code)
            .prefetch_related(Prefetch("origin_cities", queryset=City.objects.order_by("name")))
            .order_by("name")
        ),
        associations=list(public_associations.only("pk", "name", "slug", "status")),
        training=_training(code, public=True),
        delegations=list(
            Delegation.objects.filter(
                edition__in=_public_editions(),
                status=Delegation.Status.CONFIRMED,
                city__country=code,
            )
            .select_related("city", "edition")
            .only("pk", "city__name", "edition__title", "edition__slug", "edition__starts_on")
            .order_by("-edition__starts_on", "city__name")
        ),
        signatures=[
            SignatureRow(
                row["manifesto__title"],
                reverse("forum:manifesto-detail", kwargs={"slug": row["manifesto__slug"]}),
                row["n"],
            )
            for row in Signature.objects.confirmed()
            .filter(manifesto__in=public_manifestos().values("pk"), country=code)
            .values("manifesto__title", "manifesto__slug")
            .annotate(n=Count("pk"))
            .order_by("manifesto__title")
        ],
        twinnings=[f for f in files if f.is_public and f.status in TwinningFile.PUBLIC_STATUSES],
        signing=[f for f in files if f.is_public and f.status in SIGNING_STATUSES],
        twinnings_in_progress=len(
            [
                f
                for f in files
                if f.status in PREPARING_STATUSES
                and not (f.is_public and f.status in SIGNING_STATUSES)
            ]
        ),
        projects=list(_proposals(code).filter(status=Proposal.Status.AWARDED).order_by("title")),
        opportunities_open=opportunities["open"],
        opportunities_concluded=opportunities["concluded"],
        actions_open=actions["open"],
        actions_overdue=actions["overdue"],
    )
    if staff:
        dossier.staff = _staff_extras(code, files, today)
    return dossier


def _staff_extras(code: str, files: list[TwinningFile], today) -> StaffExtras:
    proposals = list(_proposals(code).order_by("status", "-updated_at", "pk"))
    totals = Proposal.objects.filter(pk__in=[p.pk for p in proposals]).aggregate(
        requested=Sum("requested_amount", filter=~Q(status=Proposal.Status.WITHDRAWN)),
        awarded=Sum("awarded_amount", filter=Q(status=Proposal.Status.AWARDED)),
    )
    return StaffExtras(
        associations=list(
            Association.objects.filter(pk__in=_association_ids(code, public=False)).order_by("name")
        ),
        twinning_files=files,
        candidates=list(
            CandidateAssessment.objects.filter(city__country=code)
            .select_related("city", "file__partner_city")
            .order_by("city__name", "pk")
        ),
        delegations=list(
            Delegation.objects.filter(city__country=code)
            .select_related("city", "edition", "association")
            .order_by("-edition__starts_on", "city__name")
        ),
        proposals=proposals,
        proposal_totals=totals,
        opportunities=list(
            Opportunity.objects.filter(country=code, status__in=Opportunity.OPEN_STATUSES)
            .select_related("city", "owner")
            .prefetch_related("connector_associations", "connector_communities")
            .order_by("expires_on", "pk")
        ),
        overdue_actions=list(
            Action.objects.filter(
                opportunity__country=code, status__in=Action.OPEN_STATUSES, due_on__lt=today
            )
            .select_related("owner", "opportunity")
            .order_by("due_on", "pk")
        ),
    )
