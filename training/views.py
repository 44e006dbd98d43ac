"""Public course pages, enrolment, "my training", leaders' overview and staff attendance.

Views parse input, call one service and render; permissions come from training.permissions.
"""

from __future__ import annotations

import re
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from associations.models import Association
from associations.permissions import can_change_association, can_view_association
from mondinsieme.cache import cache_public_page
from mondinsieme.ical import CalendarEvent, calendar_response, feed_token, feed_user
from mondinsieme.ratelimit import ratelimit

from . import documents, selectors, services, tasks
from .forms import AttendanceImportForm, CourseFilterForm, EnrolForm, FeedbackForm, RevokeForm
from .models import Certificate, Course, Enrolment, Session
from .permissions import can_manage_training, can_view_certificate, can_view_enrolment

FEED_SALT = "training.my-sessions-feed"


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _visible_course(request, slug: str) -> Course:
    """The course if it is public or the user is staff; otherwise 404."""
    try:
        course = selectors.course_detail(slug)
    except Course.DoesNotExist:
        raise Http404 from None
    if not course.is_public and not can_manage_training(request.user):
        raise Http404
    return course


def _staff(request) -> None:
    if not can_manage_training(request.user):
        raise PermissionDenied


def _leads_any_association(user) -> bool:
    return (
        user.is_authenticated
        and user.memberships.filter(status="active", role__in=("leader", "legal_rep")).exists()
    )


@cache_public_page("training")
def course_list(request):
    """Public list of courses, filterable by path, modality, language and open enrolment."""
    form = CourseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    courses = selectors.course_list(
        path=filters.get("path"),
        modality=filters.get("modality", ""),
        language=filters.get("language", ""),
        open_only=bool(filters.get("open")),
    )
    for course in courses:
        course.seats_left = selectors.seats_left(course)
    return render(request, "training/course_list.html", {"form": form, "courses": courses})


@cache_public_page("training", "privacy")  # its form links the current notice
def course_detail(request, slug: str):
    course = _visible_course(request, slug)
    user = request.user
    mine = (
        Enrolment.objects.filter(course=course, participant=user).first()
        if user.is_authenticated
        else None
    )
    enrol_form = None
    if course.enrolment_open() and _leads_any_association(user):
        enrol_form = EnrolForm(leader=user)
    is_staff = can_manage_training(user)
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "sessions": course.sessions.all(),
            "seats_left": selectors.seats_left(course),
            "enrolment_open": course.enrolment_open(),
            "my_enrolment": mine,
            "enrol_form": enrol_form,
            "is_staff": is_staff,
        },
    )


@login_required
@require_POST
@ratelimit("training-enrol", "60/m")
def enrol(request, slug: str):
    """A leader enrols themselves or a member, or invites an address into the association."""
    course = _visible_course(request, slug)
    form = EnrolForm(request.POST, leader=request.user)
    if not form.is_valid():
        if not _leads_any_association(request.user):
            raise PermissionDenied
        if form.has_error("association", "invalid_choice") or form.has_error(
            "participant", "invalid_choice"
        ):
            # The lists offer only the leader's associations and their members: anything else
            # is someone else's association or member.
            raise PermissionDenied(
                _("Puoi iscrivere solo te stesso e i soci delle associazioni di cui sei referente.")
            )
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(course)
    association = form.cleaned_data["association"]
    try:
        if form.cleaned_data["participant"]:
            enrolment = services.enrolment_create(
                course=course,
                participant=form.cleaned_data["participant"],
                association=association,
                actor=request.user,
            )
        else:
            enrolment = services.enrolment_invite(
                course=course,
                association=association,
                actor=request.user,
                email=form.cleaned_data["email"],
            )
    except ValidationError as error:
        _error_messages(request, error)
        return redirect(course)
    if enrolment is None:
        messages.info(
            request,
            _(
                "Abbiamo invitato %(email)s a entrare nell'associazione. Quando avrà accettato "
                "potrai iscriverla al corso."
            )
            % {"email": form.cleaned_data["email"]},
        )
    else:
        name = enrolment.participant.full_name or enrolment.participant.email
        if enrolment.status == Enrolment.Status.WAITLISTED:
            messages.warning(
                request,
                _(
                    "Il corso è al completo: %(name)s è in lista d'attesa (posto %(position)s). "
                    "Se si libera un posto lo assegniamo in automatico."
                )
                % {"name": name, "position": enrolment.waitlist_position},
            )
        else:
            messages.success(request, _("%(name)s è iscritto o iscritta.") % {"name": name})
    return redirect(course)


def _enrolment_for(request, pk: int) -> Enrolment:
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("course", "participant", "association"), pk=pk
    )
    if not can_view_enrolment(request.user, enrolment):
        # Leaders of another association learn nothing about this enrolment.
        raise Http404
    return enrolment


@login_required
@require_POST
def enrolment_cancel(request, pk: int):
    enrolment = _enrolment_for(request, pk)
    try:
        _cancelled, promoted = services.enrolment_cancel(enrolment=enrolment, actor=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Iscrizione annullata."))
        if promoted:
            messages.info(request, _("Il posto è andato alla prima persona in lista d'attesa."))
    next_page = request.POST.get("next_page")
    if next_page == "course":
        return redirect(enrolment.course)
    if next_page == "association" and enrolment.association is not None:
        return redirect("training:association-training", slug=enrolment.association.slug)
    return redirect("training:my-training")


@login_required
def my_training(request):
    """A participant's enrolments, attendance, certificates, feedback and calendar link."""
    enrolments = selectors.my_enrolments(request.user)
    for enrolment in enrolments:
        # One form per row: distinct ids keep labels pointing at the right radio buttons.
        enrolment.feedback_form = FeedbackForm(auto_id=f"id_feedback{enrolment.pk}_%s")
    token = feed_token(request.user, salt=FEED_SALT)
    led = Association.objects.filter(
        memberships__user=request.user,
        memberships__status="active",
        memberships__role__in=("leader", "legal_rep"),
    ).order_by("name")
    return render(
        request,
        "training/my_training.html",
        {
            "enrolments": enrolments,
            "led_associations": led,
            "feed_url": request.build_absolute_uri(
                reverse("training:my-calendar", kwargs={"token": token})
            ),
        },
    )


@login_required
@require_POST
def feedback(request, pk: int):
    enrolment = _enrolment_for(request, pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scegli un voto da 1 a 5."))
        return redirect("training:my-training")
    try:
        services.feedback_submit(
            enrolment=enrolment,
            actor=request.user,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Grazie per la tua valutazione."))
    return redirect("training:my-training")


@login_required
def association_training(request, slug: str):
    """A leader's view of their association's members on courses and their progress."""
    association = get_object_or_404(Association, slug=slug)
    if not can_view_association(request.user, association):
        raise Http404
    if not can_change_association(request.user, association):
        raise PermissionDenied
    return render(
        request,
        "training/association_training.html",
        {
            "association": association,
            "enrolments": selectors.association_enrolments(association),
        },
    )


# --- staff: attendance and course actions ------------------------------------------------------


def _session_for_staff(request, pk: int) -> Session:
    _staff(request)
    return get_object_or_404(Session.objects.select_related("course"), pk=pk)


@login_required
def session_attendance(request, pk: int):
    """One screen per session: a checkbox per participant (htmx, or a plain form without JS)."""
    session = _session_for_staff(request, pk)
    roster = selectors.session_roster(session)
    if request.method == "POST":
        present_ids = set(request.POST.getlist("present"))
        try:
            for enrolment in roster:
                services.attendance_set(
                    session=session,
                    enrolment=enrolment,
                    present=str(enrolment.pk) in present_ids,
                    actor=request.user,
                )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("Presenze salvate."))
        return redirect("training:session-attendance", pk=session.pk)
    summary = selectors.attendance_summary(session.course)
    for enrolment in roster:
        enrolment.attendance_percent = summary.percent(enrolment.pk)
    return render(
        request,
        "training/session_attendance.html",
        {
            "session": session,
            "course": session.course,
            "roster": roster,
            "sessions": session.course.sessions.order_by("starts_at"),
            "import_form": AttendanceImportForm(),
        },
    )


@login_required
@require_POST
def attendance_toggle(request, pk: int, enrolment_pk: int):
    """The htmx endpoint behind one checkbox: saves and returns the updated row."""
    session = _session_for_staff(request, pk)
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("participant", "association"),
        pk=enrolment_pk,
        course=session.course,
    )
    # htmx also sends the other checkboxes of the enclosing form: look for this one only.
    present = str(enrolment.pk) in request.POST.getlist("present")
    try:
        services.attendance_set(
            session=session, enrolment=enrolment, present=present, actor=request.user
        )
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400)
    enrolment.present = present
    enrolment.attendance_percent = selectors.attendance_summary(session.course).percent(
        enrolment.pk
    )
    if not request.headers.get("HX-Request"):
        return redirect("training:session-attendance", pk=session.pk)
    return render(
        request,
        "training/partials/attendance_row.html",
        {"session": session, "enrolment": enrolment},
    )


@login_required
@require_POST
def attendance_import(request, pk: int):
    session = _session_for_staff(request, pk)
    form = AttendanceImportForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("training:session-attendance", pk=session.pk)
    try:
        saved, problems = services.attendance_import_csv(
            session=session, data=form.cleaned_data["file"].read(), actor=request.user
        )
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            ngettext("%(count)s presenza importata.", "%(count)s presenze importate.", saved)
            % {"count": saved},
        )
        for problem in problems[:20]:
            messages.warning(request, problem)
    return redirect("training:session-attendance", pk=session.pk)


@login_required
@require_POST
def course_close(request, slug: str):
    _staff(request)
    course = get_object_or_404(Course, slug=slug)
    try:
        _course, certificates = services.course_close(course=course, actor=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "Corso concluso: %(count)s attestato rilasciato.",
                "Corso concluso: %(count)s attestati rilasciati.",
                len(certificates),
            )
            % {"count": len(certificates)},
        )
    return redirect(course)


@login_required
@require_POST
def course_certificates_zip(request, slug: str):
    """Staff download every valid certificate of a course as one ZIP (big ones by e-mail)."""
    _staff(request)
    course = get_object_or_404(Course, slug=slug)
    count = Certificate.objects.filter(enrolment__course=course, revoked_at__isnull=True).count()
    if count > documents.ZIP_SYNC_LIMIT:
        token = uuid.uuid4().hex
        transaction.on_commit(
            lambda: tasks.build_certificates_zip.delay(course.pk, request.user.pk, token)
        )
        messages.info(
            request,
            _(
                "Il corso ha %(count)s attestati: prepariamo lo ZIP e ti mandiamo un'e-mail con "
                "il link per scaricarlo, di solito entro pochi minuti."
            )
            % {"count": count},
        )
        return redirect(course)
    response = HttpResponse(documents.certificates_zip(course), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="attestati-{course.slug}.zip"'
    return response


@login_required
def course_certificates_zip_download(request, slug: str, token: str):
    """A ZIP built by the Celery task, for staff only."""
    from django.core.files.storage import default_storage

    _staff(request)
    course = get_object_or_404(Course, slug=slug)
    if not re.fullmatch(r"[0-9a-f]{32}", token):
        raise Http404
    name = documents.zip_storage_name(course, token)
    if not default_storage.exists(name):
        raise Http404
    response = FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=f"attestati-{course.slug}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- certificates --------------------------------------------------------------------------


@login_required
def certificate_pdf(request, code: str):
    certificate = get_object_or_404(
        Certificate.objects.select_related(
            "enrolment__participant", "enrolment__association", "enrolment__course"
        ),
        code=code,
    )
    if not can_view_certificate(request.user, certificate.enrolment):
        raise Http404
    pdf = documents.certificate_pdf(
        certificate, language=certificate.enrolment.participant.preferred_language or "it"
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="attestato-{certificate.code}.pdf"'
    return response


@ratelimit("training-certificate-verify", "60/m", methods=("GET",))
def certificate_verify(request, code: str):
    """Public: anyone can check a certificate code; a revoked certificate says so."""
    certificate = (
        Certificate.objects.select_related(
            "enrolment__participant", "enrolment__course", "enrolment__association"
        )
        .filter(code=code.strip().upper())
        .first()
    )
    is_staff = can_manage_training(request.user)
    return render(
        request,
        "training/certificate_verify.html",
        {
            "certificate": certificate,
            "code": code,
            "revoke_form": RevokeForm() if certificate and is_staff else None,
        },
        status=200 if certificate else 404,
    )


@login_required
@require_POST
def certificate_revoke(request, code: str):
    _staff(request)
    certificate = get_object_or_404(Certificate, code=code)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scrivi il motivo della revoca."))
    else:
        try:
            services.certificate_revoke(
                certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("Attestato revocato."))
    return redirect("training:certificate-verify", code=certificate.code)


# --- calendars -----------------------------------------------------------------------------


def _event(request, session: Session) -> CalendarEvent:
    return CalendarEvent(
        uid=f"training-session-{session.pk}",
        start=session.starts_at,
        end=session.ends_at,
        title=f"{session.course.title}: {session.topic}",
        location=session.place or session.link,
        url=request.build_absolute_uri(session.course.get_absolute_url()),
    )


def course_calendar(request, slug: str):
    course = _visible_course(request, slug)
    return calendar_response(
        name=course.title,
        events=[_event(request, session) for session in course.sessions.all()],
        filename=course.slug,
    )


def my_calendar(request, token: str):
    """A personal feed calendar apps can subscribe to: the signed token stands for a login."""
    user = feed_user(token, salt=FEED_SALT)
    if user is None:
        raise Http404
    return calendar_response(
        name=_("I miei incontri di formazione"),
        events=[_event(request, session) for session in selectors.my_sessions(user)],
        filename="formazione",
    )
