"""Public pages of the programme: the open-data catalogue, its files and the search."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mondinsieme.exports import export_response
from mondinsieme.ratelimit import ratelimit

from . import selectors
from .datasets import BY_SLUG, DATASETS, FORMATS, LICENCE_NAME, LICENCE_URL, PUBLISHER, plain


@require_GET
def open_data(request):
    return render(
        request,
        "programme/open_data.html",
        {
            "datasets": DATASETS,
            "formats": FORMATS,
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            "publisher": PUBLISHER,
        },
    )


@require_GET
def dataset(request, slug: str, fmt: str):
    definition = BY_SLUG.get(slug)
    if definition is None or fmt not in FORMATS:
        raise Http404
    base_url = request.build_absolute_uri("/").rstrip("/")
    records = [
        {name: plain(row[name]) for name in definition.field_names}
        for row in definition.rows(base_url)
    ]
    if fmt == "csv":
        response = export_response(
            headers=definition.field_names,
            rows=([record[name] for name in definition.field_names] for record in records),
            filename=slug,
            fmt="csv",
        )
    else:
        response = JsonResponse(
            {
                "dataset": slug,
                "title": str(definition.title),
                "publisher": PUBLISHER,
                "license": LICENCE_NAME,
                "license_url": LICENCE_URL,
                "generated_at": timezone.now().isoformat(),
                "fields": definition.field_names,
                "records": records,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    # Open data is meant to be read by other sites' scripts too.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@ratelimit("programme-search", "60/m", methods=("GET",))
def search(request):
    q = " ".join(request.GET.get("q", "").split())
    error = ""
    groups = []
    if len(q) > selectors.SEARCH_MAX_LENGTH:
        error = _("Il testo da cercare è troppo lungo: usa al massimo %(max)s caratteri.") % {
            "max": selectors.SEARCH_MAX_LENGTH
        }
    elif q:
        groups = selectors.search(q=q, user=request.user)
    return render(
        request,
        "programme/search.html",
        {
            "q": q[: selectors.SEARCH_MAX_LENGTH],
            "error": error,
            "groups": groups,
            "total": sum(len(group.hits) for group in groups),
            "max_length": selectors.SEARCH_MAX_LENGTH,
        },
    )
