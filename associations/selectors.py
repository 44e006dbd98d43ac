"""Reads of the shared core that are reused or tuned."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Association, City, Community, Membership


def association_directory() -> QuerySet[Association]:
    """Approved associations with what a directory card shows, in a constant number of queries."""
    return (
        Association.objects.public()
        .prefetch_related(
            Prefetch("communities", queryset=Community.objects.order_by("name")),
            "themes",
        )
        .order_by("name")
    )


def association_detail(slug: str) -> Association:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Association.objects.prefetch_related("communities", "themes"), slug=slug
    )


def directory_figures() -> dict[str, int]:
    """Live figures for the home page: approved associations, communities, countries, cities."""
    return {
        "associations": Association.objects.public().count(),
        "communities": Community.objects.count(),
        "countries": Community.objects.values("country").distinct().count(),
        "cities": City.objects.count(),
    }


def memberships_of(user) -> QuerySet[Membership]:
    """The user's memberships, with their associations and pending requests to handle."""
    return (
        Membership.objects.filter(user=user)
        .exclude(status=Membership.Status.REJECTED)
        .select_related("association")
        .annotate(
            pending_requests=Count(
                "association__memberships",
                filter=Q(association__memberships__status=Membership.Status.REQUESTED),
            )
        )
        .order_by("association__name")
    )


def association_members(association: Association) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(association=association)
        .exclude(status=Membership.Status.ENDED)
        .select_related("user")
        .order_by("status", "user__full_name", "user__email")
    )
