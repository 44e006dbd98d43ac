"""Public pages of the core: home, static pages, objective placeholders, error pages."""

from __future__ import annotations

import dataclasses
from http import HTTPStatus

from django.apps import apps
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from .cache import AREAS, cache_public_page, cached_for_areas
from .objectives import objectives


def _home_data() -> dict:
    """Figures and news of every objective, as plain values that can be cached."""
    from associations.selectors import directory_figures

    return {
        "figures": directory_figures(),
        "objectives": {
            objective.number: {
                "figures": [(str(label), value) for label, value in objective.live_figures()],
                "news": [
                    dataclasses.replace(item, kind=str(item.kind))
                    for item in objective.latest_news()
                ],
            }
            for objective in objectives()
        },
    }


@method_decorator(cache_public_page(*AREAS), name="dispatch")
class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Logged-in visitors get the page rendered, but the figures and news come from the
        # cache too: they are the same for everybody.
        data = cached_for_areas("home", AREAS, _home_data)
        context["objectives"] = [
            {"objective": objective, **data["objectives"].get(objective.number, {})}
            for objective in objectives()
        ]
        context["news"] = [
            {"objective": item["objective"], "item": news}
            for item in context["objectives"]
            for news in item.get("news", [])
        ]
        context["figures"] = data["figures"]
        return context


class PageView(TemplateView):
    """A static page of the portal (privacy notice, accessibility statement)."""


class ObjectivePlaceholderView(TemplateView):
    """The landing page of an objective whose features are still being built."""

    template_name = "objective_placeholder.html"
    app_label = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["objective"] = apps.get_app_config(self.app_label).objective
        return context


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for the load balancer and docker compose: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=HTTPStatus.FORBIDDEN)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=HTTPStatus.NOT_FOUND)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that could fail again: the plain template only.
    from django.template import loader

    template = loader.get_template("errors/500.html")
    return HttpResponse(template.render({}), status=HTTPStatus.INTERNAL_SERVER_ERROR)
