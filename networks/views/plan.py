"""Staff pages: the action plan, network events and follow-ups, yearly ICC assessments."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mondinsieme.models import ActivityLog
from mondinsieme.uploads import attachment_response

from .. import selectors, services
from ..forms import (
    AssessmentForm,
    CommitmentForm,
    EventForm,
    EvidenceForm,
    FollowUpConvertForm,
    FollowUpForm,
    NoteForm,
    TransitionForm,
)
from ..models import (
    Commitment,
    CommitmentEvidence,
    FollowUpAction,
    NetworkEvent,
    PolicyArea,
)
from .common import PAGE_SIZE, _ext, _form_errors, _report, _transitions, staff_required

# Staff: commitments ---------------------------------------------------------------------------


@staff_required
def commitment_list(request):
    status = request.GET.get("status", "")
    if status not in Commitment.Status.values:
        status = ""
    area = request.GET.get("area", "")
    overdue = request.GET.get("overdue") == "1"
    paginator = Paginator(
        selectors.commitments(status=status, area=area, overdue=overdue), PAGE_SIZE
    )
    params = [(k, v) for k, v in (("status", status), ("area", area)) if v]
    if overdue:
        params.append(("overdue", "1"))
    from urllib.parse import urlencode

    return render(
        request,
        "networks/commitment_list.html",
        {
            "page_obj": paginator.get_page(request.GET.get("page")),
            "statuses": Commitment.Status.choices,
            "areas": PolicyArea.objects.all(),
            "status": status,
            "area": area,
            "overdue": overdue,
            "querystring": urlencode(params),
        },
    )


@staff_required
def commitment_create(request):
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            commitment = services.commitment_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Impegno aggiunto al piano d'azione."))
            return redirect(commitment)
    return render(request, "networks/commitment_form.html", {"form": form})


@staff_required
def commitment_edit(request, pk: int):
    """Change a commitment's title, area, owner or due date (its status moves by transitions)."""
    commitment = get_object_or_404(Commitment.objects.select_related("network", "area"), pk=pk)
    # The form edits a copy: the page keeps the stored title while the input is being fixed.
    form = CommitmentForm(request.POST or None, instance=copy.copy(commitment))
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_update(
                commitment=commitment,
                actor=request.user,
                data={name: form.cleaned_data[name] for name in CommitmentForm.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Impegno aggiornato."))
            return redirect("networks:commitment-detail", pk=commitment.pk)
    return render(
        request, "networks/commitment_form.html", {"form": form, "commitment": commitment}
    )


@staff_required
def commitment_detail(request, pk: int):
    try:
        commitment = selectors.commitment_detail(pk)
    except Commitment.DoesNotExist as error:
        raise Http404 from error
    return render(
        request,
        "networks/commitment_detail.html",
        {
            "commitment": commitment,
            "transitions": _transitions(commitment),
            "note_form": NoteForm(),
            "evidence_form": EvidenceForm(),
            "activity": ActivityLog.objects.for_object(commitment).select_related("actor")[:30],
            "status_labels": dict(Commitment.Status.choices),
        },
    )


@staff_required
@require_POST
def commitment_transition(request, pk: int):
    commitment = get_object_or_404(Commitment, pk=pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            commitment = services.commitment_transition(
                commitment=commitment,
                to=form.cleaned_data["to"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(
                request,
                _("Impegno ora «%(status)s».") % {"status": commitment.get_status_display()},
            )
    else:
        _form_errors(request, form)
    return redirect("networks:commitment-detail", pk=pk)


@staff_required
@require_POST
def commitment_note(request, pk: int):
    commitment = get_object_or_404(Commitment, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.commitment_add_note(
                commitment=commitment, actor=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("Nota aggiunta."))
    else:
        _form_errors(request, form)
    return redirect("networks:commitment-detail", pk=pk)


@staff_required
@require_POST
def commitment_evidence(request, pk: int):
    commitment = get_object_or_404(Commitment, pk=pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.commitment_add_evidence(
                commitment=commitment,
                actor=request.user,
                description=form.cleaned_data["description"],
                link=form.cleaned_data["link"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("Prova aggiunta."))
    else:
        _form_errors(request, form)
    return redirect("networks:commitment-detail", pk=pk)


@staff_required
def evidence_file(request, pk: int):
    evidence = get_object_or_404(CommitmentEvidence, pk=pk)
    if not evidence.file:
        raise Http404
    return attachment_response(
        evidence.file, download_name=f"prova-{evidence.pk}{_ext(evidence.file)}"
    )


# Staff: events --------------------------------------------------------------------------------


@staff_required
def event_form(request, pk: int | None = None):
    event = get_object_or_404(NetworkEvent, pk=pk) if pk else None
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        event = services.event_save(form=form, actor=request.user)
        messages.success(request, _("Evento salvato."))
        return redirect(event)
    return render(request, "networks/event_form.html", {"form": form, "event": event})


@staff_required
@require_POST
def followup_add(request, pk: int):
    event = get_object_or_404(NetworkEvent, pk=pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.event_add_followup(
                event=event, actor=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("Azione da seguire aggiunta."))
    else:
        _form_errors(request, form)
    return redirect(event)


@staff_required
@require_POST
def followup_convert(request, pk: int):
    followup = get_object_or_404(FollowUpAction.objects.select_related("event"), pk=pk)
    form = FollowUpConvertForm(request.POST)
    if form.is_valid():
        try:
            commitment = services.event_followup_to_commitment(
                followup=followup, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("L'azione è ora un impegno del piano d'azione."))
            return redirect(commitment)
    else:
        _form_errors(request, form)
    return redirect(followup.event)


# Staff: ICC Index -----------------------------------------------------------------------------


@staff_required
def assessment_create(request):
    form = AssessmentForm(request.POST or None, areas=PolicyArea.objects.all())
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(
                year=form.cleaned_data["year"],
                notes=form.cleaned_data["notes"],
                scores=form.scores(),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Autovalutazione %(year)s salvata.") % {"year": assessment.year}
            )
            return redirect("networks:trend")
    return render(request, "networks/assessment_form.html", {"form": form})
