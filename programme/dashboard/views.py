"""The staff dashboard: the page, its PDF and its XLSX, all from the same report and filters."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from associations.permissions import is_staff_member
from mondinsieme.cache import AREAS, cached_for_areas
from mondinsieme.pdf import render_pdf

from .exports import report_workbook
from .forms import DashboardFilterForm
from .indicators import dashboard_report
from .report import Filters, Report, Section

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form(request) -> DashboardFilterForm:
    if not is_staff_member(request.user):
        raise PermissionDenied
    return DashboardFilterForm(request.GET or None)


def _filename(form: DashboardFilterForm, extension: str) -> str:
    parts = ["cruscotto-programma"]
    filters = form.filters()
    if filters.year:
        parts.append(str(filters.year))
    if filters.country:
        parts.append(filters.country.lower())
    parts.append(timezone.localtime().strftime("%Y%m%d"))
    return "-".join(parts) + f".{extension}"


def _name(filters: Filters) -> str:
    # The day is part of it: "overdue" and "this year" move with the date.
    return f"dashboard:{filters.year or ''}:{filters.country}:{timezone.localdate():%Y%m%d}"


def _report(filters: Filters) -> Report:
    """The report for ``filters``, built once and kept until data of any objective changes.
    Building reads every app (some 20 queries); staff open the page many times a day between
    changes, and the PDF and the XLSX use the same report."""
    return cached_for_areas(_name(filters), AREAS, lambda: dashboard_report(filters=filters))


def _page_parts(filters: Filters) -> tuple[Report, str]:
    """What the page needs, kept the same way: the report's heading (filters, time, section
    titles, without the indicators) and its sections already rendered as HTML. A few hundred
    table cells and charts are most of the page's cost; reading back the whole report to
    render them again would be the rest."""

    def build() -> tuple[Report, str]:
        report = _report(filters)
        html = render_to_string("programme/dashboard/partials/sections.html", {"report": report})
        heading = Report(
            filters=report.filters,
            generated_at=report.generated_at,
            sections=[Section(number=s.number, title=s.title) for s in report.sections],
        )
        return heading, html

    return cached_for_areas(f"{_name(filters)}:page", AREAS, build)


def _back_to_page(request):
    # Invalid filters: the page shows the form with its errors, the download does not start.
    return redirect(f"{reverse('programme:dashboard')}?{request.GET.urlencode()}")


@login_required
@require_GET
def dashboard(request):
    form = _form(request)
    valid = not form.is_bound or form.is_valid()
    report, sections_html = _page_parts(form.filters()) if valid else (None, "")
    return render(
        request,
        "programme/dashboard/page.html",
        {
            "form": form,
            "report": report,
            "sections_html": mark_safe(sections_html),  # rendered by our own template
            "querystring": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def dashboard_pdf(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return _back_to_page(request)
    report = _report(form.filters())
    response = HttpResponse(
        render_pdf(
            "programme/dashboard/pdf.html",
            {"report": report, "PORTAL": settings.PORTAL, "LANGUAGE_CODE": get_language()},
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(form, "pdf")}"'
    return response


@login_required
@require_GET
def dashboard_xlsx(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return _back_to_page(request)
    response = HttpResponse(report_workbook(_report(form.filters())), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(form, "xlsx")}"'
    return response
