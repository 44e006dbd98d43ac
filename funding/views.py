"""Public calls, the leaders' proposals, reviewers' pages and the staff board.

Views parse input, call one service or selector, render. A proposal the user may not see is a
404 (its existence stays private); one they see but may not change is a 403.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from associations.models import Association
from associations.permissions import is_staff_member
from mondinsieme.cache import cache_public_page, cached_for_areas
from mondinsieme.exports import export_response
from mondinsieme.models import ActivityLog
from mondinsieme.pdf import render_pdf
from mondinsieme.ratelimit import ratelimit
from mondinsieme.uploads import attachment_response
from mondinsieme.workflow import allowed_transitions

from . import selectors, services
from .eligibility import match_calls
from .forms import (
    AssignReviewerForm,
    AttachmentForm,
    BoardFilterForm,
    ConflictForm,
    ProposalForm,
    ScoreForm,
    TransitionForm,
)
from .models import Call, Proposal, ProposalAttachment, Review
from .permissions import (
    can_change_proposal,
    can_download_attachment,
    can_review,
    can_view_proposal,
    is_proposal_leader,
)

PAGE_SIZE = 20
S = Proposal.Status

ACTION_LABELS = {
    S.SCREENING: gettext_lazy("Invia per la prima verifica"),
    S.CONCEPT_NOTE: gettext_lazy("Chiedi la concept note"),
    S.FULL_PROPOSAL: gettext_lazy("Chiedi la proposta completa"),
    S.INTERNAL_EVALUATION: gettext_lazy("Avvia la valutazione interna"),
    S.SUBMITTED: gettext_lazy("Registra la presentazione al finanziatore"),
    S.AWARDED: gettext_lazy("Registra il finanziamento"),
    S.REJECTED: gettext_lazy("Registra l'esito negativo"),
    S.WITHDRAWN: gettext_lazy("Ritira la proposta"),
}


ACTIVITY_LABELS = {
    "updated": gettext_lazy("ha aggiornato la proposta"),
    "attachment": gettext_lazy("ha caricato un allegato"),
    "review_assigned": gettext_lazy("ha assegnato una valutazione"),
}


def _timeline(proposal: Proposal, *, staff: bool) -> list[ActivityLog]:
    """The proposal's log with readable actions; leaders do not learn who the reviewers are."""
    entries = ActivityLog.objects.for_object(proposal).select_related("actor")
    if not staff:
        entries = entries.exclude(action="review_assigned")
    entries = list(entries[:50])
    for entry in entries:
        entry.action = ACTIVITY_LABELS.get(entry.action, entry.action)
    return entries


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _staff_only(request) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


def _visible_proposal(request, pk: int) -> Proposal:
    """The proposal if this user may see it; otherwise 404."""
    try:
        proposal = selectors.proposal_detail(pk)
    except Proposal.DoesNotExist:
        raise Http404 from None
    if not can_view_proposal(request.user, proposal):
        raise Http404
    return proposal


# --- public ----------------------------------------------------------------------------------


@cache_public_page("funding")
def call_list(request):
    """Open calls first, then closed ones, with their deadlines."""
    now = timezone.now()
    calls = list(selectors.public_calls())
    # A call still marked open whose deadline has passed no longer takes proposals: it is listed
    # with the closed ones (most recent deadline first) until staff close it.
    open_calls = [c for c in calls if c.status == Call.Status.OPEN and c.deadline > now]
    closed_calls = sorted(
        (c for c in calls if c.status != Call.Status.OPEN or c.deadline <= now),
        key=lambda c: c.deadline,
        reverse=True,
    )
    return render(
        request,
        "funding/call_list.html",
        {"open_calls": open_calls, "closed_calls": closed_calls, "now": now},
    )


@cache_public_page("funding")
def call_detail(request, slug: str):
    try:
        call = selectors.call_detail(slug)
    except Call.DoesNotExist:
        raise Http404 from None
    return render(request, "funding/call_detail.html", {"call": call, "now": timezone.now()})


def call_feed(request):
    """The open calls whose deadline has not passed, as JSON, for other sites and tools."""
    calls = selectors.open_calls().filter(deadline__gt=timezone.now()).prefetch_related("themes")
    data = [
        {
            "title": call.title,
            "reference": call.reference,
            "funder": call.funder.name,
            "funder_kind": call.funder.kind,
            "url": request.build_absolute_uri(call.get_absolute_url()),
            "link": call.link,
            "opens_at": timezone.localtime(call.opens_at).isoformat(),
            "deadline": timezone.localtime(call.deadline).isoformat(),
            "total_budget": str(call.total_budget) if call.total_budget is not None else None,
            "grant_min": str(call.grant_min),
            "grant_max": str(call.grant_max),
            "funding_rate": str(call.funding_rate),
            "duration_months": [call.duration_min_months, call.duration_max_months],
            "requires_aics_art26": call.requires_art26,
            "eligible_countries": [country.code for country in call.eligible_countries],
            "applicant_types": call.applicant_types,
            "themes": [theme.slug for theme in call.themes.all()],
        }
        for call in calls
    ]
    response = JsonResponse({"calls": data}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=600"
    return response


# --- leaders ---------------------------------------------------------------------------------


@login_required
def proposal_list(request):
    """The proposals of the associations this user acts for."""
    paginator = Paginator(selectors.proposals_of_leader(request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "funding/proposal_list.html",
        {"page_obj": page, "proposals": page.object_list, "querystring": ""},
    )


def _leader_associations(user):
    return Association.objects.filter(pk__in=selectors.leader_association_ids(user)).order_by(
        "name"
    )


@login_required
@ratelimit("funding-proposal-create", "20/h")
def proposal_create(request):
    associations = _leader_associations(request.user)
    if not associations.exists():
        raise PermissionDenied(_("Solo chi guida un'associazione può proporre un progetto."))
    form = ProposalForm(request.POST or None, associations=associations)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                association=form.cleaned_data["association"],
                actor=request.user,
                data=form.proposal_data(),
                partner_associations=form.cleaned_data["partner_associations"],
                partner_cities=form.cleaned_data["partner_cities"],
                cities=form.cleaned_data["cities"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Proposta salvata come idea. Quando è pronta, inviala per la prima verifica."),
            )
            return redirect(proposal)
    return render(request, "funding/proposal_form.html", {"form": form, "creating": True})


@login_required
def proposal_edit(request, pk: int):
    proposal = _visible_proposal(request, pk)
    if not can_change_proposal(request.user, proposal):
        raise PermissionDenied
    form = ProposalForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(
                proposal=proposal,
                actor=request.user,
                data=form.proposal_data(),
                partner_associations=form.cleaned_data["partner_associations"],
                partner_cities=form.cleaned_data["partner_cities"],
                cities=form.cleaned_data["cities"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Proposta aggiornata."))
            return redirect(proposal)
    return render(request, "funding/proposal_form.html", {"form": form, "proposal": proposal})


def _actions(user, proposal: Proposal) -> list[tuple[str, str]]:
    """The moves this user may offer from here (the service checks again on POST)."""
    staff = is_staff_member(user)
    leader = is_proposal_leader(user, proposal)
    targets = allowed_transitions(proposal)
    actions = []
    for target in Proposal.BOARD_COLUMNS:
        if target not in targets or target == S.INFO_REQUESTED:
            continue
        if proposal.status == S.INFO_REQUESTED and target != S.WITHDRAWN:
            continue  # answering has its own form
        if staff or (leader and services._leader_may(proposal, target)):
            actions.append((target, ACTION_LABELS[target]))
    return actions


@login_required
def proposal_detail(request, pk: int):
    proposal = _visible_proposal(request, pk)
    user = request.user
    staff = is_staff_member(user)
    leader = is_proposal_leader(user, proposal)
    context = {
        "proposal": proposal,
        "is_staff": staff,
        "is_leader": leader,
        "can_change": leader and proposal.is_with_leaders,
        "actions": _actions(user, proposal),
        "can_ask": staff and S.INFO_REQUESTED in allowed_transitions(proposal),
        "can_answer": proposal.status == S.INFO_REQUESTED and (leader or staff),
        "activity": _timeline(proposal, staff=staff),
        "status_labels": dict(Proposal.Status.choices),
        "attachment_form": AttachmentForm(),
        "assign_form": AssignReviewerForm(
            initial={"due_date": timezone.localdate() + timedelta(days=14)}
        )
        if staff
        else None,
    }
    if not proposal.is_final:
        context["matches"] = match_calls(
            proposal=proposal,
            association=proposal.association,
            calls=selectors.open_calls(),
            now=timezone.now(),
        )
    return render(request, "funding/proposal_detail.html", context)


@login_required
@require_POST
def proposal_transition(request, pk: int):
    proposal = _visible_proposal(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(proposal)
    try:
        services.proposal_transition(
            proposal=proposal,
            actor=request.user,
            to=form.cleaned_data["to"],
            note=form.cleaned_data["note"],
            awarded_amount=form.cleaned_data["awarded_amount"],
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        proposal.refresh_from_db()
        messages.success(
            request,
            _("Fatto: la proposta ora è «%(status)s».") % {"status": proposal.get_status_display()},
        )
    return redirect(proposal)


@login_required
@require_POST
@ratelimit("funding-attachment", "30/h")
def attachment_upload(request, pk: int):
    proposal = _visible_proposal(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(proposal)
    try:
        services.attachment_add(
            proposal=proposal,
            actor=request.user,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Allegato caricato."))
    return redirect(proposal)


@login_required
def attachment_download(request, pk: int):
    """The proposing association's leaders, staff and the proposal's reviewers; others get 404."""
    attachment = get_object_or_404(
        ProposalAttachment.objects.select_related("proposal__association"), pk=pk
    )
    if not can_download_attachment(request.user, attachment.proposal):
        raise Http404
    return attachment_response(attachment.file, download_name=attachment.original_name)


# --- reviews ---------------------------------------------------------------------------------


@login_required
@require_POST
def review_assign(request, pk: int):
    proposal = _visible_proposal(request, pk)
    _staff_only(request)
    form = AssignReviewerForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(proposal)
    try:
        review = services.review_assign(
            proposal=proposal,
            reviewer=form.reviewer,
            actor=request.user,
            due_date=form.cleaned_data["due_date"],
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request, _("Valutazione assegnata a %(name)s.") % {"name": review.reviewer}
        )
    return redirect(proposal)


@login_required
def review_list(request):
    reviews = (
        Review.objects.filter(reviewer=request.user)
        .select_related("proposal__association", "proposal__call")
        .order_by("status", "due_date")
    )
    return render(request, "funding/review_list.html", {"reviews": reviews})


@login_required
def review_detail(request, pk: int):
    review = get_object_or_404(
        Review.objects.select_related("proposal__association", "proposal__call__funder"), pk=pk
    )
    if not can_review(request.user, review):
        raise Http404
    call = review.proposal.call
    criteria = list(call.criteria.all()) if call else []
    conflict_form = ConflictForm()
    score_form = None
    if request.method == "POST":
        try:
            if "conflict" in request.POST:
                conflict_form = ConflictForm(request.POST)
                if conflict_form.is_valid():
                    services.review_declare(
                        review=review,
                        actor=request.user,
                        conflict=conflict_form.cleaned_data["conflict"],
                        note=conflict_form.cleaned_data["note"],
                    )
                    return redirect(review)
            else:
                score_form = ScoreForm(
                    request.POST, criteria=criteria, scores=review.scores.all(), review=review
                )
                if score_form.is_valid():
                    submit = "submit" in request.POST
                    services.review_score(
                        review=review,
                        actor=request.user,
                        scores=score_form.scores(),
                        recommendation=score_form.cleaned_data["recommendation"],
                        comments=score_form.cleaned_data["comments"],
                        submit=submit,
                    )
                    messages.success(
                        request,
                        _("Valutazione inviata. Grazie!") if submit else _("Bozza salvata."),
                    )
                    return redirect(review)
        except ValidationError as error:
            _errors(request, error)
    if score_form is None and review.status == Review.Status.SCORING:
        score_form = ScoreForm(criteria=criteria, scores=review.scores.all(), review=review)
    others = []
    if review.status == Review.Status.SUBMITTED:
        others = (
            Review.objects.filter(proposal=review.proposal, status=Review.Status.SUBMITTED)
            .exclude(pk=review.pk)
            .select_related("reviewer")
            .prefetch_related("scores__criterion")
        )
    return render(
        request,
        "funding/review_detail.html",
        {
            "review": review,
            "proposal": review.proposal,
            "criteria": criteria,
            "own_scores": review.scores.select_related("criterion"),
            "conflict_form": conflict_form,
            "score_form": score_form,
            "others": others,
        },
    )


# --- staff -----------------------------------------------------------------------------------

EXPORT_HEADERS = [
    gettext_lazy("Titolo"),
    gettext_lazy("Associazione"),
    gettext_lazy("Bando"),
    gettext_lazy("Finanziatore"),
    gettext_lazy("Stato"),
    gettext_lazy("Paesi"),
    gettext_lazy("Budget (€)"),
    gettext_lazy("Richiesto (€)"),
    gettext_lazy("Cofinanziamento (€)"),
    gettext_lazy("Assegnato (€)"),
    gettext_lazy("Giorni nella fase"),
]


def export_rows(proposals):
    now = timezone.now()
    for p in proposals:
        yield [
            p.title,
            p.association.name,
            p.call.title if p.call else "",
            p.call.funder.name if p.call else "",
            p.get_status_display(),
            ", ".join(c.code for c in p.countries),
            float(p.budget),
            float(p.requested_amount),
            float(p.cofinancing),
            float(p.awarded_amount) if p.awarded_amount is not None else "",
            p.days_in_stage(now),
        ]


def _board_body(proposals, filters: dict) -> str:
    """The columns, the totals and the calls of the board as HTML, built once per change of
    the proposals (or of the day: "stuck" counts days) and shared by every staff member: the
    cards of every live proposal are most of the board's time. Nothing in it is personal."""
    key = ":".join(f"{name}={value or ''}" for name, value in sorted(filters.items()))
    name = f"funding-board:{key}:{timezone.localdate():%Y%m%d}:{selectors.stuck_after_days()}"

    # The admin list behind "and N more" with the same call and association (it has no
    # country filter).
    admin_filters = "".join(
        f"&{lookup}={filters[name]}"
        for name, lookup in (
            ("call_id", "call__id__exact"),
            ("association_id", "association__id__exact"),
        )
        if filters.get(name)
    )

    def build() -> str:
        return render_to_string(
            "funding/partials/board_body.html",
            {
                "admin_filters": admin_filters,
                "columns": selectors.board_columns(proposals),
                "totals": selectors.totals_per_funder(proposals),
                "calls": Call.objects.exclude(status=Call.Status.DRAFT)
                .select_related("funder")
                .order_by("-deadline"),
            },
        )

    return mark_safe(cached_for_areas(name, ("funding", "associations"), build))  # our template


@login_required
def board(request):
    """The staff pipeline: a column per stage, filters, totals per funder, exports."""
    _staff_only(request)
    form = BoardFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "call_id": data["call"].pk if data["call"] else None,
            "country": data["country"],
            "association_id": data["association"].pk if data["association"] else None,
        }
    proposals = selectors.board_proposals(**filters)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return export_response(
            headers=EXPORT_HEADERS,
            rows=export_rows(proposals),
            filename="proposte",
            fmt=export,
        )
    params = request.GET.copy()
    params.pop("format", None)
    return render(
        request,
        "funding/board.html",
        {
            "form": form,
            "board_body": _board_body(proposals, filters),
            "stuck_days": selectors.stuck_after_days(),
            "querystring": params.urlencode(),
        },
    )


def _staff_call(request, slug: str) -> Call:
    _staff_only(request)
    return get_object_or_404(Call.objects.select_related("funder"), slug=slug)


@login_required
def call_ranking(request, slug: str):
    """Weighted totals, pass marks and ranking for a call, with the reviewers' recommendations."""
    call = _staff_call(request, slug)
    criteria, ranked, unranked = selectors.call_ranking(call)
    return render(
        request,
        "funding/call_ranking.html",
        {"call": call, "criteria": criteria, "ranked": ranked, "unranked": unranked},
    )


@login_required
def call_report_pdf(request, slug: str):
    """The evaluation report of a call as PDF."""
    call = _staff_call(request, slug)
    criteria, ranked, unranked = selectors.call_ranking(call)
    pdf = render_pdf(
        "funding/call_report_pdf.html",
        {
            "call": call,
            "criteria": criteria,
            "ranked": ranked,
            "unranked": unranked,
            "generated_at": timezone.now(),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="valutazione-{call.slug}.pdf"'
    return response
