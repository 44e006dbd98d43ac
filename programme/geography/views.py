"""Country dossiers (public and staff) and the map of relationships."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_countries.fields import Country

from associations.permissions import is_staff_member

from . import dossiers, links
from .drawing import build_drawing, legend
from .forms import MapFilterForm


def staff_required(view):
    """Anonymous users go to the login page; logged-in users who are not staff get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _country_or_404(code: str):
    country = dossiers.country_of_origin(code)
    if country is None:
        raise Http404
    return country


def _country_map(country, *, staff: bool):
    """The small map of a dossier: the country, its links and the host city."""
    host = links.host_city()
    country_links = links.city_links(host=host, staff=staff, country=country.code)
    drawing = build_drawing(
        links=country_links,
        host=host,
        highlight=set(),
        focus=country.code,
        title=_("Legami con %(country)s") % {"country": country.name},
    )
    map_legend = legend(
        host_name=drawing.host_name, focus_name=str(country.name), communities=False
    )
    return country_links, drawing, map_legend


@require_GET
def country_list(request):
    return render(request, "programme/countries/list.html", {"rows": dossiers.country_rows()})


@require_GET
def country_detail(request, code: str):
    country = _country_or_404(code)
    if code != country.code.lower():
        return redirect("programme:country-detail", code=country.code.lower(), permanent=True)
    country_links, drawing, map_legend = _country_map(country, staff=False)
    return render(
        request,
        "programme/countries/detail.html",
        {
            "dossier": dossiers.country_dossier(country),
            "links": country_links,
            "drawing": drawing,
            "legend": map_legend,
            "origin_countries": {country.code},
        },
    )


@require_GET
@staff_required
def country_staff(request, code: str):
    country = _country_or_404(code)
    if code != country.code.lower():
        return redirect("programme:country-staff", code=country.code.lower(), permanent=True)
    country_links, drawing, map_legend = _country_map(country, staff=True)
    return render(
        request,
        "programme/countries/staff.html",
        {
            "dossier": dossiers.country_dossier(country, staff=True),
            "links": country_links,
            "drawing": drawing,
            "legend": map_legend,
            "origin_countries": {country.code},
        },
    )


@require_GET
def relationship_map(request):
    host = links.host_city()
    every_link = links.city_links(host=host)
    form = MapFilterForm(
        request.GET or None, country_codes={link.country.code for link in every_link}
    )
    kinds, country = form.filters()
    shown = [
        link
        for link in every_link
        if (not kinds or link.kind.code in kinds) and (not country or link.country.code == country)
    ]
    origin_countries = dossiers.origin_country_codes()
    drawing = build_drawing(
        links=shown,
        host=host,
        highlight=origin_countries,
        focus=country,
        title=_("Mappa dei legami di %(host)s nel mondo")
        % {"host": host.name if host else settings.PORTAL["HOST_CITY_NAME"]},
    )
    return render(
        request,
        "programme/map/map.html",
        {
            "form": form,
            "links": shown,
            "total": len(every_link),
            "filtered": bool(kinds or country),
            "drawing": drawing,
            "legend": legend(
                host_name=drawing.host_name,
                focus_name=str(Country(country).name) if country else "",
            ),
            "origin_countries": origin_countries,
        },
    )
