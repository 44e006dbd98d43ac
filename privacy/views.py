"""Privacy pages: the notices, the person's data and consents, deletion, the staff register."""

from __future__ import annotations

from http import HTTPStatus

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mondinsieme.uploads import attachment_response

from . import selectors, services
from .models import Consent, DataExport, Purpose, RetentionRule
from .permissions import can_view_processing_register
from .services.exports import data_export_for_token


def notice_index(request: HttpRequest) -> HttpResponse:
    """The privacy notice of the portal: the general part and the current notice of each purpose."""
    return render(request, "privacy/notice_index.html", {"notices": selectors.current_notices()})


def notice_history(request: HttpRequest, purpose: str) -> HttpResponse:
    """Every published version of one purpose's notice, the current one first."""
    if purpose not in Purpose.values:
        raise Http404
    versions = list(selectors.notice_history(purpose))
    if not versions:
        raise Http404
    return render(
        request,
        "privacy/notice_history.html",
        {"purpose_label": Purpose(purpose).label, "current": versions[0], "older": versions[1:]},
    )


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """The person's consents, their data exports and the way to delete the account."""
    return render(
        request,
        "privacy/my_data.html",
        {
            "consents": selectors.consents_of(request.user),
            "exports": DataExport.objects.filter(user=request.user)[:5],
            "blockers": services.account_deletion_blockers(request.user),
        },
    )


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = get_object_or_404(Consent, pk=pk)
    try:
        services.consent_withdraw(consent=consent, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Consenso revocato."))
    return redirect("privacy:mine")


@login_required
@require_POST
def export_request(request: HttpRequest) -> HttpResponse:
    try:
        services.data_export_request(user=request.user)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Abbiamo ricevuto la richiesta. Ti mandiamo un'e-mail con il link per scaricare "
                "i tuoi dati appena la copia è pronta."
            ),
        )
    return redirect("privacy:mine")


@login_required
def export_download(request: HttpRequest, token: str) -> HttpResponse:
    """The ZIP, for its owner only, while the link is valid."""
    export = data_export_for_token(token, user=request.user)
    if export is None:
        return render(request, "privacy/export_expired.html", status=HTTPStatus.NOT_FOUND)
    return attachment_response(
        export.file, download_name=f"i-miei-dati-{export.ready_at:%Y%m%d}.zip"
    )


@login_required
@reauthentication_required(allow_get=True)
def account_delete(request: HttpRequest) -> HttpResponse:
    """GET: what deletion means; POST (after re-entering the password): delete."""
    blockers = services.account_deletion_blockers(request.user)
    if request.method == "POST" and not blockers:
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Per eliminare l'account spunta la casella di conferma."))
        else:
            try:
                services.account_delete(user=request.user)
            except services.AccountDeletionRefused as error:
                blockers = error.messages
            else:
                logout(request)
                return redirect("privacy:account-deleted")
    return render(request, "privacy/account_delete.html", {"blockers": blockers})


def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/account_deleted.html")


@login_required
def processing_register(request: HttpRequest) -> HttpResponse:
    """Registro dei trattamenti (GDPR art. 30), generated from notices and retention rules."""
    if not can_view_processing_register(request.user):
        raise PermissionDenied
    return render(
        request,
        "privacy/register.html",
        {
            "entries": selectors.processing_register(),
            "rule_count": RetentionRule.objects.count(),
        },
    )
