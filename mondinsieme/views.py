"""Public pages of the core: home, static pages, objective placeholders, error pages."""

from __future__ import annotations

from http import HTTPStatus

from django.apps import apps
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from .objectives import objectives


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        from associations.selectors import directory_figures

        context = super().get_context_data(**kwargs)
        context["objectives"] = [
            {"objective": objective, "figures": objective.live_figures()}
            for objective in objectives()
        ]
        context["figures"] = directory_figures()
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
