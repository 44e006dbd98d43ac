"""Staff pages: memberships and their joining steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mondinsieme.models import ActivityLog
from mondinsieme.uploads import attachment_response

from .. import selectors, services
from ..forms import (
    MembershipForm,
    MembershipStartForm,
    StepForm,
    TransitionForm,
)
from ..models import (
    Commitment,
    JoiningStep,
    NetworkMembership,
)
from .common import _ext, _form_errors, _report, _transitions, staff_required

# Staff: memberships ---------------------------------------------------------------------------


@staff_required
def manage(request):
    """The staff overview: memberships and their joining steps, the action plan in figures."""
    return render(
        request,
        "networks/manage.html",
        {
            "memberships": selectors.memberships(),
            "overdue": selectors.overdue_count(),
            "status_counts": selectors.commitment_status_counts(),
            "status_labels": dict(Commitment.Status.choices),
            "start_form": MembershipStartForm(),
        },
    )


@staff_required
@require_POST
def membership_start(request):
    form = MembershipStartForm(request.POST)
    if form.is_valid():
        try:
            membership = services.membership_start(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("Candidatura aperta: completa i passaggi per l'adesione."))
            return redirect("networks:membership-detail", pk=membership.pk)
    else:
        _form_errors(request, form)
    return redirect("networks:manage")


@staff_required
def membership_edit(request, pk: int):
    membership = get_object_or_404(NetworkMembership.objects.select_related("network"), pk=pk)
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                membership=membership,
                actor=request.user,
                data={name: form.cleaned_data[name] for name in MembershipForm.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dati dell'adesione salvati."))
            return redirect("networks:membership-detail", pk=membership.pk)
    return render(
        request, "networks/membership_form.html", {"form": form, "membership": membership}
    )


@staff_required
def membership_detail(request, pk: int):
    membership = get_object_or_404(selectors.memberships(), pk=pk)
    return render(
        request,
        "networks/membership_detail.html",
        {
            "membership": membership,
            "transitions": _transitions(membership),
            "activity": ActivityLog.objects.for_object(membership).select_related("actor")[:30],
            "status_labels": dict(NetworkMembership.Status.choices),
        },
    )


@staff_required
@require_POST
def membership_transition(request, pk: int):
    membership = get_object_or_404(NetworkMembership, pk=pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.membership_transition(
                membership=membership,
                to=form.cleaned_data["to"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("Stato dell'adesione aggiornato."))
    else:
        _form_errors(request, form)
    return redirect("networks:membership-detail", pk=membership.pk)


@staff_required
@require_POST
def step_complete(request, pk: int):
    step = get_object_or_404(JoiningStep, pk=pk)
    form = StepForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.joining_step_complete(
                step=step,
                actor=request.user,
                completed_on=form.cleaned_data["completed_on"],
                document=form.cleaned_data["document"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("Passaggio «%(step)s» registrato.") % {"step": step})
    else:
        _form_errors(request, form)
    return redirect("networks:membership-detail", pk=step.membership_id)


@staff_required
def step_document(request, pk: int):
    step = get_object_or_404(JoiningStep.objects.select_related("definition"), pk=pk)
    if not step.document:
        raise Http404
    return attachment_response(
        step.document, download_name=f"passaggio-{step.pk}{_ext(step.document)}"
    )
