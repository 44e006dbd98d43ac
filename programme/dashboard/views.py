"""The staff dashboard: the page, its PDF and its XLSX, all from the same report and filters."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from associations.permissions import is_staff_member
from mondinsieme.pdf import render_pdf

from .exports import report_workbook
from .forms import DashboardFilterForm
from .indicators import dashboard_report

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


def _back_to_page(request):
    # Invalid filters: the page shows the form with its errors, the download does not start.
    return redirect(f"{reverse('programme:dashboard')}?{request.GET.urlencode()}")


@login_required
@require_GET
def dashboard(request):
    form = _form(request)
    valid = not form.is_bound or form.is_valid()
    report = dashboard_report(filters=form.filters()) if valid else None
    return render(
        request,
        "programme/dashboard/page.html",
        {"form": form, "report": report, "querystring": request.GET.urlencode()},
    )


@login_required
@require_GET
def dashboard_pdf(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return _back_to_page(request)
    report = dashboard_report(filters=form.filters())
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
    response = HttpResponse(
        report_workbook(dashboard_report(filters=form.filters())), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(form, "xlsx")}"'
    return response
