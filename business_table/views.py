"""Pages of the business table. Views parse input, call one service or selector, render."""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mondinsieme.cache import cache_public_page
from mondinsieme.ical import CalendarEvent, calendar_response, feed_token, feed_user
from mondinsieme.models import ActivityLog
from mondinsieme.pdf import render_pdf

from . import selectors, services
from .forms import (
    ActionForm,
    ActionStatusForm,
    MeetingForm,
    OpportunityFilterForm,
    OpportunityForm,
    OpportunityStatusForm,
)
from .models import Action, Meeting, Opportunity
from .permissions import can_manage_table, can_view_staff_notes, can_view_table

PAGE_SIZE = 20


#: Signs the personal addresses of the meetings calendar (see ``mondinsieme.ical.feed_token``).
FEED_SALT = "business_table.meetings-feed"


def table_member_required(view):
    """Logged-in staff or trade-association contacts; others get 403 (anonymous: log in)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_view_table(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_manage_table(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _report(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _common(request) -> dict:
    return {
        "can_manage": can_manage_table(request.user),
        "show_staff_notes": can_view_staff_notes(request.user),
    }


# --- Public -----------------------------------------------------------------------------------


@cache_public_page("business_table", "associations")
def index(request):
    """How the table works and the summaries of its meetings that staff have published."""
    page = Paginator(selectors.published_summaries(), 10).get_page(request.GET.get("page"))
    return render(
        request,
        "business_table/index.html",
        {
            "page_obj": page,
            "summaries": page.object_list,
            "figures": selectors.home_figures(),
            "can_view_table": can_view_table(request.user),
        },
    )


# --- Meetings ---------------------------------------------------------------------------------


@table_member_required
def meeting_list(request):
    meetings = selectors.meetings_for_table()
    now = timezone.now()
    return render(
        request,
        "business_table/meeting_list.html",
        {
            "upcoming": [m for m in meetings.order_by("starts_at") if m.ends_at >= now],
            "past": [m for m in meetings if m.ends_at < now],
            "feed_url": request.build_absolute_uri(
                reverse(
                    "business_table:meeting-feed",
                    kwargs={"token": feed_token(request.user, salt=FEED_SALT)},
                )
            ),
            **_common(request),
        },
    )


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.meeting_detail(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


@table_member_required
def meeting_detail(request, pk: int):
    meeting = _meeting_or_404(pk)
    manage = can_manage_table(request.user)
    return render(
        request,
        "business_table/meeting_detail.html",
        {
            "meeting": meeting,
            "action_form": ActionForm() if manage else None,
            "action_status_form": ActionStatusForm(),
            "activity": ActivityLog.objects.for_object(meeting).select_related("actor")[:20]
            if manage
            else [],
            "status_labels": dict(Meeting.Status.choices),
            "user_id": request.user.pk,
            **_common(request),
        },
    )


@staff_required
def meeting_edit(request, pk: int | None = None):
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(
                actor=request.user,
                meeting=meeting,
                data=form.meeting_data(),
                trade_associations=form.cleaned_data["trade_associations"],
                associations=form.cleaned_data["associations"],
                staff_attendees=form.cleaned_data["staff_attendees"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Riunione salvata."))
            return redirect(meeting)
    return render(request, "business_table/meeting_form.html", {"form": form, "meeting": meeting})


@staff_required
@require_POST
def meeting_status(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    to = request.POST.get("to", "")
    try:
        if to in ("publish", "unpublish"):
            services.meeting_publish_summary(
                meeting=meeting, actor=request.user, publish=to == "publish"
            )
        else:
            services.meeting_set_status(
                meeting=meeting, to=to, actor=request.user, note=request.POST.get("note", "")[:1000]
            )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("Riunione aggiornata."))
    return redirect(meeting)


@table_member_required
def meeting_pdf(request, pk: int):
    """The minutes as PDF (never with the staff's internal notes)."""
    meeting = _meeting_or_404(pk)
    pdf = render_pdf("business_table/meeting_minutes_pdf.html", {"meeting": meeting})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="verbale-tavolo-{meeting.pk}.pdf"'
    return response


@table_member_required
def meetings_ical(request):
    """The upcoming meetings as a file to import, for a member who is logged in."""
    return _meetings_calendar()


def meetings_feed(request, token: str):
    """The same calendar at a personal address calendar apps subscribe to without a login."""
    user = feed_user(token, salt=FEED_SALT)
    # Someone who has left the table loses the feed with the access.
    if user is None or not can_view_table(user):
        raise Http404
    return _meetings_calendar()


def _meetings_calendar():
    base = settings.PORTAL["BASE_URL"].rstrip("/")
    events = [
        CalendarEvent(
            uid=f"business-table-meeting-{meeting.pk}",
            start=meeting.starts_at,
            end=meeting.ends_at,
            title=meeting.title,
            location=meeting.place,
            description="\n".join(meeting.agenda_items),
            url=base + meeting.get_absolute_url(),
        )
        for meeting in selectors.upcoming_meetings()
    ]
    return calendar_response(
        name=_("Tavolo economico: prossime riunioni"), events=events, filename="tavolo-economico"
    )


# --- Opportunities ----------------------------------------------------------------------------


@table_member_required
def opportunity_list(request):
    form = OpportunityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.opportunity_list(
        status=filters.get("status", ""),
        kind=filters.get("kind", ""),
        country=filters.get("country", ""),
        q=filters.get("q", ""),
        expired=filters.get("expiry") == "expired",
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "business_table/opportunity_list.html",
        {
            "form": form,
            "page_obj": page,
            "opportunities": page.object_list,
            "querystring": params.urlencode(),
            **_common(request),
        },
    )


def _opportunity_or_404(pk: int) -> Opportunity:
    try:
        return selectors.opportunity_detail(pk)
    except Opportunity.DoesNotExist:
        raise Http404 from None


@table_member_required
def opportunity_detail(request, pk: int):
    opportunity = _opportunity_or_404(pk)
    manage = can_manage_table(request.user)
    allowed = Opportunity.TRANSITIONS.get(opportunity.status, set())
    status_form = OpportunityStatusForm()
    status_form.fields["to"].choices = [
        (value, label) for value, label in Opportunity.Status.choices if value in allowed
    ]
    return render(
        request,
        "business_table/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "status_form": status_form if manage and allowed else None,
            "action_form": ActionForm() if manage else None,
            "action_status_form": ActionStatusForm(),
            "activity": ActivityLog.objects.for_object(opportunity).select_related("actor")[:20]
            if manage
            else [],
            "status_labels": dict(Opportunity.Status.choices),
            "user_id": request.user.pk,
            **_common(request),
        },
    )


@staff_required
def opportunity_edit(request, pk: int | None = None):
    opportunity = get_object_or_404(Opportunity, pk=pk) if pk else None
    initial = {}
    if opportunity is None and request.GET.get("meeting", "").isdigit():
        initial["source_meeting"] = Meeting.objects.filter(pk=request.GET["meeting"]).first()
    form = OpportunityForm(request.POST or None, instance=opportunity, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_save(
                actor=request.user,
                opportunity=opportunity,
                data=form.opportunity_data(),
                connector_associations=form.cleaned_data["connector_associations"],
                connector_communities=form.cleaned_data["connector_communities"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Opportunità salvata."))
            return redirect(opportunity)
    return render(
        request,
        "business_table/opportunity_form.html",
        {"form": form, "opportunity": opportunity},
    )


@staff_required
@require_POST
def opportunity_status(request, pk: int):
    opportunity = get_object_or_404(Opportunity, pk=pk)
    form = OpportunityStatusForm(request.POST)
    if not form.is_valid():
        _report_form(request, form)
        return redirect(opportunity)
    try:
        services.opportunity_set_status(
            opportunity=opportunity,
            to=form.cleaned_data["to"],
            actor=request.user,
            note=form.cleaned_data["note"],
            outcome=form.cleaned_data["outcome"],
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(
            request,
            _("Stato aggiornato: %(status)s.") % {"status": opportunity.get_status_display()},
        )
    return redirect(opportunity)


# --- Actions ----------------------------------------------------------------------------------


@staff_required
@require_POST
def action_create(request, kind: str, pk: int):
    if kind == "riunione":
        meeting, opportunity = get_object_or_404(Meeting, pk=pk), None
        back = meeting
    else:
        opportunity = get_object_or_404(Opportunity.objects.select_related("source_meeting"), pk=pk)
        meeting, back = None, opportunity
    form = ActionForm(request.POST)
    if not form.is_valid():
        _report_form(request, form)
        return redirect(back)
    try:
        services.action_create(
            actor=request.user, meeting=meeting, opportunity=opportunity, **form.cleaned_data
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("Azione assegnata."))
    return redirect(back)


def _safe_next(request, fallback: str) -> str:
    """The page the form came from, if it is one of ours (never another site)."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _report_form(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@table_member_required
@require_POST
def action_status(request, pk: int):
    action = get_object_or_404(Action.objects.select_related("meeting", "opportunity"), pk=pk)
    fallback = (action.opportunity or action.meeting).get_absolute_url()
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        _report_form(request, form)
        return redirect(_safe_next(request, fallback))
    try:
        services.action_set_status(
            action=action,
            to=form.cleaned_data["to"],
            actor=request.user,
            outcome=form.cleaned_data["outcome"],
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(
            request, _("Azione aggiornata: %(status)s.") % {"status": action.get_status_display()}
        )
    return redirect(_safe_next(request, fallback))


# --- Countries --------------------------------------------------------------------------------


@table_member_required
def country_list(request):
    return render(
        request,
        "business_table/country_list.html",
        {"rows": selectors.country_overview(), **_common(request)},
    )


@table_member_required
def country_detail(request, code: str):
    dossier = selectors.country_dossier(code)
    if dossier is None:
        raise Http404
    return render(
        request,
        "business_table/country_detail.html",
        {
            "dossier": dossier,
            "today": timezone.localdate(),
            "soon": timezone.localdate() + timedelta(days=14),
            **_common(request),
        },
    )
