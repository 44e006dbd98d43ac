"""Read-only selectors across the objective apps: the only place the programme reads them.

The other apps never import this module. Everything public goes through each app's own
``public()`` queryset so a draft or a pending row can never leak from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Membership
from associations.permissions import is_staff_member
from forum.models import Manifesto, Signature
from forum.selectors import PUBLIC_MANIFESTO_STATUSES, public_manifestos
from funding.models import Call
from training.models import Course
from twinning.models import TwinningFile

SEARCH_MAX_LENGTH = 100
SEARCH_GROUP_LIMIT = 10


# ---- open data -------------------------------------------------------------------------------


def open_associations() -> QuerySet[Association]:
    """Approved associations with communities and themes, in three queries."""
    return Association.objects.public().prefetch_related("communities", "themes").order_by("name")


def open_courses() -> QuerySet[Course]:
    """Published and closed courses with their path, in one query."""
    return Course.objects.public().select_related("path").order_by("enrolment_closes_at", "slug")


def open_calls() -> QuerySet[Call]:
    """Open and closed calls with funder and themes, in two queries."""
    return (
        Call.objects.public()
        .select_related("funder")
        .prefetch_related("themes")
        .order_by("deadline", "slug")
    )


def open_twinnings() -> QuerySet[TwinningFile]:
    """Public agreements in force or expired, with their partner city, in one query."""
    return TwinningFile.objects.public().select_related("partner_city").order_by("slug")


def open_signature_counts() -> QuerySet:
    """Confirmed signatures of public manifestos counted by country (no names), in one query."""
    return (
        Signature.objects.confirmed()
        .filter(manifesto__in=public_manifestos().values("pk"))
        .values("manifesto__slug", "manifesto__title", "country")
        .annotate(n=Count("pk"))
        .order_by("manifesto__slug", "country")
    )


# ---- search ----------------------------------------------------------------------------------


@dataclass
class Hit:
    title: str
    url: str
    summary: str = ""
    note: str = ""


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    has_more: bool = False


def _visible_associations(user) -> QuerySet[Association]:
    if is_staff_member(user):
        return Association.objects.all()
    visible = Q(status=Association.Status.APPROVED)
    if user.is_authenticated:
        # Members see their own association's page even while it waits for approval.
        visible |= Q(
            pk__in=Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values(
                "association_id"
            )
        )
    return Association.objects.filter(visible)


def _visible_courses(user) -> QuerySet[Course]:
    return Course.objects.all() if is_staff_member(user) else Course.objects.public()


def _visible_calls(user) -> QuerySet[Call]:
    return Call.objects.all() if is_staff_member(user) else Call.objects.public()


def _visible_twinnings(user) -> QuerySet[TwinningFile]:
    return TwinningFile.objects.all() if is_staff_member(user) else TwinningFile.objects.public()


def _visible_manifestos(user) -> QuerySet[Manifesto]:
    return Manifesto.objects.all() if is_staff_member(user) else public_manifestos()


def _matching(queryset: QuerySet, fields: list, q: str) -> QuerySet:
    """Rows matching ``q``: full-text search on PostgreSQL, ``icontains`` elsewhere."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        config = "english" if get_language() == "en" else "italian"
        vector = SearchVector(*fields, config=config)
        query = SearchQuery(q, config=config, search_type="websearch")
        return (
            queryset.annotate(search_document=vector, search_rank=SearchRank(vector, query))
            .filter(search_document=query)
            .order_by("-search_rank", "pk")
        )
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": q})
    return queryset.filter(condition).order_by("pk")


def _admin_or(obj, public: bool) -> str:
    """The public page when it exists; staff reach the other rows through the admin."""
    if public:
        return obj.get_absolute_url()
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:  # pragma: no cover - every searched model is registered
        return obj.get_absolute_url()


def _limited(queryset: QuerySet, limit: int) -> tuple[list, bool]:
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def search(*, q: str, user, limit: int = SEARCH_GROUP_LIMIT) -> list[Group]:
    """Matches of ``q`` grouped by kind, only among rows ``user`` may see (one query per kind)."""
    groups = []

    rows, more = _limited(
        _matching(_visible_associations(user), ["name", "acronym", "description"], q), limit
    )
    groups.append(
        Group(
            "associations",
            _("Associazioni"),
            [
                Hit(
                    a.name,
                    a.get_absolute_url(),
                    a.description[:200],
                    "" if a.is_public else a.get_status_display(),
                )
                for a in rows
            ],
            more,
        )
    )

    rows, more = _limited(
        _matching(
            _visible_courses(user), ["title", "summary", "description", "objectives"], q
        ).select_related("path"),
        limit,
    )
    groups.append(
        Group(
            "courses",
            _("Corsi"),
            [
                Hit(
                    c.title,
                    c.get_absolute_url(),
                    c.summary,
                    "" if c.is_public else c.get_status_display(),
                )
                for c in rows
            ],
            more,
        )
    )

    rows, more = _limited(
        _matching(
            _visible_calls(user), ["title", "reference", "summary", "funder__name"], q
        ).select_related("funder"),
        limit,
    )
    groups.append(Group("calls", _("Bandi"), [_call_hit(c) for c in rows], more))

    rows, more = _limited(
        _matching(
            _visible_twinnings(user),
            ["partner_city__name", "public_summary", "slug"],
            q,
        ).select_related("partner_city"),
        limit,
    )
    groups.append(
        Group(
            "twinnings",
            _("Gemellaggi e patti"),
            [
                Hit(
                    str(t),
                    _admin_or(t, t.is_public and t.status in TwinningFile.PUBLIC_STATUSES),
                    t.public_summary[:200],
                    ""
                    if t.is_public and t.status in TwinningFile.PUBLIC_STATUSES
                    else t.get_status_display(),
                )
                for t in rows
            ],
            more,
        )
    )

    manifestos = _visible_manifestos(user)
    if connection.vendor == "postgresql":
        articles = Cast("current_version__articles", output_field=TextField())
        manifestos = _matching(manifestos, ["title", "summary", articles], q)
    else:
        # SQLite stores JSON with accented letters as \u escapes: match that spelling too.
        manifestos = (
            manifestos.annotate(
                articles_text=Cast("current_version__articles", output_field=TextField())
            )
            .filter(
                Q(title__icontains=q)
                | Q(summary__icontains=q)
                | Q(articles_text__icontains=q)
                | Q(articles_text__icontains=json.dumps(q)[1:-1])
            )
            .order_by("pk")
        )
    rows, more = _limited(manifestos, limit)
    groups.append(Group("manifestos", _("Manifesto"), [_manifesto_hit(m) for m in rows], more))
    return groups


def _call_hit(call: Call) -> Hit:
    public = call.status in (Call.Status.OPEN, Call.Status.CLOSED)
    url = (
        reverse("funding:call-detail", kwargs={"slug": call.slug})
        if public
        else _admin_or(call, False)
    )
    return Hit(call.title, url, call.funder.name, "" if public else call.get_status_display())


def _manifesto_hit(manifesto: Manifesto) -> Hit:
    public = (
        manifesto.status in PUBLIC_MANIFESTO_STATUSES and manifesto.current_version_id is not None
    )
    return Hit(
        manifesto.title,
        _admin_or(manifesto, public),
        manifesto.summary[:200],
        "" if public else manifesto.get_status_display(),
    )
