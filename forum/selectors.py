"""Reads of the Manifesto and the Forum tuned to a constant number of queries."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Sum, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_countries.fields import Country

from associations.models import City

from .models import (
    Amendment,
    Delegation,
    ForumEdition,
    Manifesto,
    ProgrammeItem,
    Registration,
    Signature,
    SignatureTally,
    Translation,
    Version,
    token_hash,
)

PUBLIC_MANIFESTO_STATUSES = (
    Manifesto.Status.CONSULTATION,
    Manifesto.Status.FINAL,
    Manifesto.Status.OPEN,
    Manifesto.Status.CLOSED,
)


def public_manifestos() -> QuerySet[Manifesto]:
    return Manifesto.objects.filter(
        status__in=PUBLIC_MANIFESTO_STATUSES, current_version__isnull=False
    ).select_related("current_version")


def manifesto_public(slug: str) -> Manifesto:
    """A manifesto the public may read (404 for drafts), with its current version."""
    return get_object_or_404(public_manifestos(), slug=slug)


def manifesto_to_sign(slug: str) -> Manifesto:
    """``manifesto_public`` with only what signing needs: not the text of its current
    version, which the signing rush would otherwise read and parse on every signature."""
    return get_object_or_404(
        Manifesto.objects.filter(
            status__in=PUBLIC_MANIFESTO_STATUSES, current_version__isnull=False
        ).only("pk", "slug", "title", "status", "current_version_id"),
        slug=slug,
    )


def translation_for(version: Version, language: str) -> Translation | None:
    if not language or language == "it":
        return None
    return Translation.objects.filter(version=version, language=language).first()


def available_languages(version: Version) -> list[tuple[str, str]]:
    """(code, native name) of the translations of a version, Italian first."""
    names = dict(Translation._meta.get_field("language").choices)
    codes = Translation.objects.filter(version=version).values_list("language", flat=True)
    return [("it", names["it"])] + [(code, names.get(code, code)) for code in sorted(codes)]


@dataclass(frozen=True)
class Counters:
    total: int
    by_kind: dict[str, int]
    by_country: list[tuple[Country, int]]
    target: int

    @property
    def progress(self) -> int:
        """Percentage of the target reached (capped at 100)."""
        if not self.target:
            return 100
        return min(100, round(self.total * 100 / self.target))


def signature_counters(manifesto: Manifesto) -> Counters:
    """Confirmed signatures by kind and by country, from the stored tallies (one query)."""
    by_kind = dict.fromkeys(Signature.Kind.values, 0)
    countries: dict[str, int] = {}
    for tally in SignatureTally.objects.filter(manifesto=manifesto, count__gt=0):
        by_kind[tally.kind] = by_kind.get(tally.kind, 0) + tally.count
        if tally.country:
            countries[tally.country] = countries.get(tally.country, 0) + tally.count
    by_country = [
        (Country(code), n) for code, n in sorted(countries.items(), key=lambda c: (-c[1], c[0]))
    ]
    return Counters(
        total=sum(by_kind.values()),
        by_kind=by_kind,
        by_country=by_country,
        target=manifesto.signature_target,
    )


def public_signatories(
    manifesto: Manifesto, *, kind: str = "", country: str = ""
) -> QuerySet[Signature]:
    """Confirmed signatories who opted in, institutions first (cities, then associations)."""
    queryset = (
        Signature.objects.public()
        .filter(manifesto=manifesto)
        .annotate(
            rank=Case(
                When(kind=Signature.Kind.CITY, then=Value(0)),
                When(kind=Signature.Kind.ASSOCIATION, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .only("kind", "name", "role", "residence_city", "country", "confirmed_at")
        .order_by("rank", "confirmed_at", "pk")
    )
    if kind in Signature.Kind.values:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(country=country.upper()[:2])
    return queryset


def public_amendments(manifesto: Manifesto) -> QuerySet[Amendment]:
    """Moderated amendments with their replies (pending ones stay private)."""
    return (
        Amendment.objects.filter(manifesto=manifesto)
        .exclude(status=Amendment.Status.PENDING)
        .select_related("association", "applied_in")
        .order_by("-status_changed_at", "-pk")
    )


@dataclass(frozen=True)
class DiffLine:
    op: str  # "equal", "insert", "delete"
    text: str


def version_diff(old: Version, new: Version) -> list[DiffLine]:
    """Paragraph-level differences between two versions (unchanged text kept for context)."""
    before = old.as_text().splitlines()
    after = new.as_text().splitlines()
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(DiffLine("equal", text) for text in before[a1:a2])
            continue
        lines.extend(DiffLine("delete", text) for text in before[a1:a2])
        lines.extend(DiffLine("insert", text) for text in after[b1:b2])
    return lines


# --- Forum -------------------------------------------------------------------------------------


def current_edition() -> ForumEdition | None:
    """The most recent published (or closed) Forum edition."""
    return (
        ForumEdition.objects.exclude(status=ForumEdition.Status.DRAFT)
        .order_by("-starts_on")
        .first()
    )


def edition_public(slug: str) -> ForumEdition:
    return get_object_or_404(
        ForumEdition.objects.exclude(status=ForumEdition.Status.DRAFT), slug=slug
    )


def edition_programme(edition: ForumEdition) -> QuerySet[ProgrammeItem]:
    return edition.programme.order_by("starts_at", "pk")


def edition_city_rows(edition: ForumEdition) -> list[City]:
    """Participating cities (listed or with a confirmed delegation) with their communities."""
    confirmed = Delegation.objects.filter(
        edition=edition, status=Delegation.Status.CONFIRMED
    ).values("city")
    return list(
        City.objects.filter(Q(pk__in=edition.cities.values("pk")) | Q(pk__in=confirmed))
        .prefetch_related("communities")
        .order_by("name")
    )


def confirmed_delegations(edition: ForumEdition) -> QuerySet[Delegation]:
    return (
        Delegation.objects.filter(edition=edition, status=Delegation.Status.CONFIRMED)
        .select_related("city")
        .prefetch_related("members")
        .order_by("city__name")
    )


def seats_left(edition: ForumEdition) -> int | None:
    """Free public seats (None: no limit)."""
    from mondinsieme import capacity

    from .services import SEATS

    return capacity.free_seats(offer=edition, bookings=edition.registrations.all(), seats=SEATS)


def registration_for_cancel_token(token: str) -> Registration | None:
    if not token or len(token) > 100:
        return None
    return (
        Registration.objects.filter(cancel_token_hash=token_hash(token))
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )


def home_figures() -> list[tuple[str, int]]:
    """Live figures for the home page."""
    return [
        (
            _("firme confermate"),
            SignatureTally.objects.aggregate(total=Sum("count"))["total"] or 0,
        ),
        (
            _("città al Forum"),
            Delegation.objects.filter(status=Delegation.Status.CONFIRMED)
            .values("city")
            .distinct()
            .count(),
        ),
        (
            _("delegazioni"),
            Delegation.objects.filter(status=Delegation.Status.CONFIRMED).count(),
        ),
    ]


def home_news() -> list:
    """The manifesto open for signature and the next Forum edition (two queries)."""
    from django.urls import reverse
    from django.utils import timezone

    from mondinsieme.objectives import NewsItem

    items = [
        NewsItem(
            title=manifesto.title,
            url=manifesto.get_absolute_url(),
            date=manifesto.status_changed_at,
            kind=_("manifesto aperto alle firme"),
        )
        for manifesto in Manifesto.objects.filter(
            status=Manifesto.Status.OPEN, current_version__isnull=False
        )
        .only("title", "slug", "status_changed_at")
        .order_by("-status_changed_at", "-pk")[:1]
    ]
    items += [
        NewsItem(
            title=edition.title,
            url=reverse("forum:edition-detail", kwargs={"slug": edition.slug}),
            date=edition.starts_on,
            kind=_("prossimo Forum"),
        )
        for edition in ForumEdition.objects.filter(
            status=ForumEdition.Status.PUBLISHED, ends_on__gte=timezone.localdate()
        )
        .only("title", "slug", "starts_on")
        .order_by("starts_on")[:1]
    ]
    return items
