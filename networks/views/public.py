"""Public pages: the city's networks, events, good practices, the ICC Index trend."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from mondinsieme.cache import cache_public_page

from .. import selectors
from ..forms import (
    FollowUpConvertForm,
    FollowUpForm,
)
from ..models import (
    GoodPractice,
    NetworkEvent,
)
from ..permissions import can_manage_networks, can_view_network_item
from .common import PAGE_SIZE

# Public ---------------------------------------------------------------------------------------


@cache_public_page("networks", "associations")
def index(request):
    """The city's memberships, recent events and good practices (staff also see private ones)."""
    return render(
        request,
        "networks/index.html",
        {
            "memberships": selectors.memberships(),
            "events": selectors.visible_events(request.user)[: selectors.RECENT_EVENTS],
            "practices": selectors.visible_practices(request.user)[: selectors.RECENT_PRACTICES],
            "is_staff": can_manage_networks(request.user),
        },
    )


@cache_public_page("networks", "associations")
def event_list(request):
    paginator = Paginator(selectors.visible_events(request.user), PAGE_SIZE)
    return render(
        request,
        "networks/event_list.html",
        {
            "page_obj": paginator.get_page(request.GET.get("page")),
            "is_staff": can_manage_networks(request.user),
            "querystring": "",
        },
    )


@cache_public_page("networks", "associations")
def event_detail(request, pk: int):
    try:
        event = selectors.event_detail(pk)
    except NetworkEvent.DoesNotExist as error:
        raise Http404 from error
    if not can_view_network_item(request.user, event):
        raise Http404
    is_staff = can_manage_networks(request.user)
    return render(
        request,
        "networks/event_detail.html",
        {
            "event": event,
            "is_staff": is_staff,
            "followup_form": FollowUpForm() if is_staff else None,
            "convert_form": FollowUpConvertForm() if is_staff else None,
        },
    )


@cache_public_page("networks", "associations")
def practice_detail(request, slug: str):
    practice = get_object_or_404(GoodPractice.objects.select_related("area", "network"), slug=slug)
    if not can_view_network_item(request.user, practice):
        raise Http404
    return render(request, "networks/practice_detail.html", {"practice": practice})


@cache_public_page("networks", "associations")
def trend(request):
    """The ICC Index self-assessments over the years: charts, the numbers, what moved most."""
    return render(
        request,
        "networks/trend.html",
        {"trend": selectors.trend(), "is_staff": can_manage_networks(request.user)},
    )
