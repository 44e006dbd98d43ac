"""The host city's links to other cities, read from the apps in a fixed number of queries.

Public means public: cities of origin of the communities, agreements the public already sees,
agreements past the council vote (a public act), cities at a published Forum and the cities of
awarded projects. Staff also see the twinning files still being prepared and the candidate cities.
The networks app records no member cities, so it draws nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from associations.models import City, Community
from forum.models import Delegation, ForumEdition
from funding.models import Proposal
from twinning.models import CandidateAssessment, TwinningFile

PREPARING_STATUSES = (*TwinningFile.IN_PROGRESS_STATUSES, TwinningFile.Status.ON_HOLD)
# Twinning files past the council resolution: the vote and the text are public acts.
SIGNING_STATUSES = (
    TwinningFile.Status.COUNCIL_RESOLUTION,
    TwinningFile.Status.SIGNED_REGGIO,
    TwinningFile.Status.COUNTERSIGNED,
)


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    plural: str
    shape: str
    colour: str
    hollow: bool = False
    dashed: bool = False


# Each kind differs by shape and by colour; the colours keep 3:1 against the map's land and sea.
KINDS = (
    Kind("origin", _("città di origine"), _("città di origine"), "circle", "#0b5cad"),
    Kind("twin", _("città gemellata"), _("città gemellate"), "square", "#00704a"),
    Kind(
        "candidate",
        _("gemellaggio in preparazione"),
        _("gemellaggi in preparazione"),
        "square",
        "#9c5700",
        hollow=True,
        dashed=True,
    ),
    Kind("forum", _("città al Forum"), _("città al Forum"), "triangle", "#7a2e8c"),
    Kind(
        "project",
        _("luogo di un progetto finanziato"),
        _("luoghi di progetti finanziati"),
        "diamond",
        "#b3261e",
    ),
)
KIND_BY_CODE = {kind.code: kind for kind in KINDS}
HOST_SHAPE = "star"
HOST_COLOUR = "#1a1a1a"


@dataclass(frozen=True)
class Note:
    text: str
    url: str = ""


@dataclass
class Link:
    kind: Kind
    city: City
    notes: list[Note] = field(default_factory=list)

    @property
    def country(self) -> Country:
        return self.city.country

    @property
    def has_point(self) -> bool:
        return self.city.latitude is not None and self.city.longitude is not None


def host_city() -> City | None:
    """The City row of the portal's host city (settings PORTAL["HOST_CITY_SLUG"])."""
    return City.objects.filter(slug=settings.PORTAL["HOST_CITY_SLUG"]).first()


class _Collector:
    def __init__(self, host: City | None):
        self.host_id = host.pk if host else None
        self.links: dict[tuple[str, int], Link] = {}

    def add(self, kind: str, city: City, note: str = "", url: str = "") -> None:
        if city.pk == self.host_id:
            return  # a project in the host city itself is not a link to draw
        link = self.links.setdefault((kind, city.pk), Link(KIND_BY_CODE[kind], city))
        if note and Note(str(note), url) not in link.notes:
            link.notes.append(Note(str(note), url))


def city_links(*, host: City | None, staff: bool = False, country: str = "") -> list[Link]:
    """Every link of the host city, one per city and kind, sorted by country, city and kind."""
    collect = _Collector(host)
    cities = {} if not country else {"city__country": country}

    origin = Community.origin_cities.through.objects.select_related("city", "community")
    for row in origin.filter(**cities).order_by("community__name"):
        collect.add("origin", row.city, row.community.name)

    files = TwinningFile.objects.select_related("partner_city")
    if country:
        files = files.filter(partner_city__country=country)
    if not staff:
        files = files.filter(is_public=True)
    for file in files.order_by("pk"):
        label = file.get_kind_display()
        if file.status in TwinningFile.IN_FORCE_STATUSES:
            url = file.get_absolute_url() if file.is_public else ""
            collect.add("twin", file.partner_city, label, url)
        elif file.status in SIGNING_STATUSES or (staff and file.status in PREPARING_STATUSES):
            collect.add("candidate", file.partner_city, f"{label}: {file.get_status_display()}")
    if staff:
        candidates = CandidateAssessment.objects.select_related("city", "file__partner_city")
        candidates = candidates.filter(file__status__in=TwinningFile.IN_PROGRESS_STATUSES)
        for row in candidates.filter(**cities).order_by("pk"):
            note = _("candidata per %(city)s") % {"city": row.file.partner_city.name}
            collect.add("candidate", row.city, note)

    editions = ForumEdition.objects.exclude(status=ForumEdition.Status.DRAFT)
    listed = ForumEdition.cities.through.objects.filter(forumedition__in=editions)
    for row in listed.select_related("city", "forumedition").filter(**cities).order_by("pk"):
        collect.add("forum", row.city, row.forumedition.title, row.forumedition.get_absolute_url())
    delegations = Delegation.objects.filter(
        edition__in=editions, status=Delegation.Status.CONFIRMED
    ).select_related("city", "edition")
    for delegation in delegations.filter(**cities).order_by("pk"):
        edition = delegation.edition
        collect.add("forum", delegation.city, edition.title, edition.get_absolute_url())

    places = Proposal.cities.through.objects.filter(proposal__status=Proposal.Status.AWARDED)
    for row in places.select_related("city", "proposal").filter(**cities).order_by("pk"):
        collect.add("project", row.city, row.proposal.title)

    order = {kind.code: index for index, kind in enumerate(KINDS)}
    return sorted(
        collect.links.values(),
        key=lambda link: (str(link.country.name), link.city.name, order[link.kind.code]),
    )
