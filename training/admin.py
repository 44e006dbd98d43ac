"""Staff admin: courses with sessions, enrolments with actions, attendance, certificates."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mondinsieme.admin import ActivityLogMixin
from mondinsieme.exports import export_response

from . import selectors, services
from .models import Attendance, Certificate, Course, Enrolment, Feedback, Path, Session


def _report(modeladmin, request, done: int, errors: list[str]) -> None:
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(count)d elemento aggiornato.", "%(count)d elementi aggiornati.", done)
            % {"count": done},
            messages.SUCCESS,
        )
    for error in errors:
        modeladmin.message_user(request, error, messages.ERROR)


def _run(modeladmin, request, queryset, action) -> None:
    done, errors = 0, []
    for obj in queryset:
        try:
            action(obj)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            errors.append(f"{obj}: {text}")
        else:
            done += 1
    _report(modeladmin, request, done, errors)


@admin.register(Path)
class PathAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1
    fields = ["starts_at", "ends_at", "topic", "place", "link"]


@admin.register(Course)
class CourseAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "path",
        "status",
        "capacity",
        "confirmed",
        "waiting",
        "enrolment_closes_at",
        "rating",
    ]
    list_filter = ["status", "path", "modality", "language"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SessionInline]
    readonly_fields = ["status", "activity_log", "feedback_summary"]
    actions = [
        "publish",
        "close",
        "issue_certificates",
        "archive",
        "export_participants",
        "export_attendance",
    ]

    def get_queryset(self, request):
        # One query for the list: every annotation follows the same enrolments join.
        return (
            super()
            .get_queryset(request)
            .select_related("path")
            .annotate(
                confirmed_total=Count(
                    "enrolments",
                    filter=Q(enrolments__status=Enrolment.Status.CONFIRMED),
                    distinct=True,
                ),
                waiting_total=Count(
                    "enrolments",
                    filter=Q(enrolments__status=Enrolment.Status.WAITLISTED),
                    distinct=True,
                ),
                rating_average=Avg("enrolments__feedback__rating"),
            )
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            # More seats: the people waiting get them at once (and are told by e-mail).
            promoted = services.waitlist_fill(course=obj, actor=request.user)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d persona è passata dalla lista d'attesa ai confermati.",
                        "%(count)d persone sono passate dalla lista d'attesa ai confermati.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                    messages.SUCCESS,
                )

    @admin.display(description=_("confermati"), ordering="confirmed_total")
    def confirmed(self, obj) -> int:
        return obj.confirmed_total

    @admin.display(description=_("in attesa"), ordering="waiting_total")
    def waiting(self, obj) -> int:
        return obj.waiting_total

    @admin.display(description=_("voto medio"))
    def rating(self, obj) -> str:
        return f"{obj.rating_average:.1f}" if obj.rating_average else "—"

    @admin.display(description=_("valutazioni"))
    def feedback_summary(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "—"
        summary = selectors.feedback_summary(obj)
        if not summary["count"]:
            return _("Nessuna valutazione.")
        return ngettext(
            "%(count)s valutazione, media %(average).1f su 5.",
            "%(count)s valutazioni, media %(average).1f su 5.",
            summary["count"],
        ) % {
            "count": summary["count"],
            "average": summary["average"],
        }

    @admin.action(description=_("Pubblica i corsi selezionati"))
    def publish(self, request, queryset):
        _run(
            self, request, queryset, lambda c: services.course_publish(course=c, actor=request.user)
        )

    @admin.action(description=_("Concludi i corsi selezionati e rilascia gli attestati"))
    def close(self, request, queryset):
        _run(self, request, queryset, lambda c: services.course_close(course=c, actor=request.user))

    @admin.action(
        description=_("Rilascia gli attestati mancanti (corsi conclusi, dopo una correzione)")
    )
    def issue_certificates(self, request, queryset):
        # Attendance corrected after closing: whoever now reaches the minimum gets theirs.
        _run(
            self,
            request,
            queryset,
            lambda c: services.certificates_issue(course=c, actor=request.user),
        )

    @admin.action(description=_("Archivia i corsi selezionati"))
    def archive(self, request, queryset):
        _run(
            self, request, queryset, lambda c: services.course_archive(course=c, actor=request.user)
        )

    @admin.action(description=_("Esporta gli iscritti (CSV)"))
    def export_participants(self, request, queryset):
        rows = (
            [
                e.course.title,
                e.participant.full_name,
                e.participant.email,
                e.association.name if e.association else "",
                e.get_status_display(),
                e.waitlist_position,
                e.attendance_percent,
                e.issued_certificate.code if e.issued_certificate else "",
            ]
            for e in selectors.enrolments_with_attendance(
                Enrolment.objects.filter(course__in=queryset).order_by("course", "status")
            )
        )
        return export_response(
            headers=[
                _("corso"),
                _("partecipante"),
                _("e-mail"),
                _("associazione"),
                _("stato"),
                _("posizione in lista d'attesa"),
                _("presenza (%)"),
                _("attestato"),
            ],
            rows=rows,
            filename="iscritti",
            fmt=request.POST.get("fmt", "csv"),
        )

    @admin.action(description=_("Esporta le presenze (XLSX)"))
    def export_attendance(self, request, queryset):
        rows = (
            [
                a.session.course.title,
                a.session.starts_at.strftime("%Y-%m-%d %H:%M"),
                a.session.topic,
                a.enrolment.participant.full_name,
                a.enrolment.participant.email,
                a.present,
            ]
            for a in Attendance.objects.filter(session__course__in=queryset)
            .select_related("session__course", "enrolment__participant")
            .order_by("session__starts_at", "enrolment__participant__full_name")
        )
        return export_response(
            headers=[
                _("corso"),
                _("data"),
                _("incontro"),
                _("partecipante"),
                _("e-mail"),
                _("presente"),
            ],
            rows=rows,
            filename="presenze",
            fmt="xlsx",
        )


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["session", "present", "recorded_by", "recorded_at"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "session" and request.resolver_match.kwargs.get("object_id"):
            enrolment = Enrolment.objects.filter(
                pk=request.resolver_match.kwargs["object_id"]
            ).first()
            if enrolment is not None:
                kwargs["queryset"] = Session.objects.filter(course_id=enrolment.course_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Enrolment)
class EnrolmentAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = [
        "participant",
        "course",
        "association",
        "status",
        "waitlist_position",
        "attendance",
        "created_at",
    ]
    list_filter = ["status", "course", "association"]
    search_fields = ["participant__email", "participant__full_name", "course__title"]
    list_select_related = ["participant", "course", "association"]
    readonly_fields = [
        "course",
        "participant",
        "association",
        "status",
        "waitlist_position",
        "enrolled_by",
        "attendance",
        "activity_log",
    ]
    inlines = [AttendanceInline]
    actions = ["confirm", "cancel", "move_from_waitlist"]

    def get_queryset(self, request):
        # Attendance % for every row in the same query (subqueries: no join multiplication).
        attended = (
            Attendance.objects.filter(enrolment=OuterRef("pk"), present=True)
            .order_by()
            .values("enrolment")
            .annotate(total=Count("pk"))
            .values("total")
        )
        sessions = (
            Session.objects.filter(course=OuterRef("course"))
            .order_by()
            .values("course")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                attended_total=Coalesce(Subquery(attended), 0),
                sessions_total=Coalesce(Subquery(sessions), 0),
            )
        )

    @admin.display(description=_("presenza (%)"))
    def attendance(self, obj) -> str:
        if not getattr(obj, "sessions_total", 0):
            return "—"
        return f"{round(100 * obj.attended_total / obj.sessions_total)}%"

    def has_add_permission(self, request) -> bool:
        # Enrolments are made through the course page so that capacity and e-mails hold.
        return False

    def save_formset(self, request, form, formset, change):
        # Attendance edited here is recorded under the staff member's name, as on the fast page.
        for attendance in formset.save(commit=False):
            attendance.recorded_by = request.user
            attendance.save()
        for attendance in formset.deleted_objects:
            attendance.delete()
        formset.save_m2m()

    @admin.action(description=_("Conferma le iscrizioni selezionate (nei posti liberi)"))
    def confirm(self, request, queryset):
        _run(
            self,
            request,
            # The people waiting first, in queue order: they come before restored cancellations.
            queryset.select_related("course").order_by(
                F("waitlist_position").asc(nulls_last=True), "created_at"
            ),
            lambda e: services.enrolment_confirm(enrolment=e, actor=request.user),
        )

    @admin.action(description=_("Annulla le iscrizioni selezionate (libera i posti)"))
    def cancel(self, request, queryset):
        _run(
            self,
            request,
            queryset.select_related("course"),
            lambda e: services.enrolment_cancel(enrolment=e, actor=request.user),
        )

    @admin.action(description=_("Sposta dalla lista d'attesa ai confermati (anche oltre i posti)"))
    def move_from_waitlist(self, request, queryset):
        _run(
            self,
            request,
            queryset.select_related("course"),
            lambda e: services.enrolment_move_from_waitlist(enrolment=e, actor=request.user),
        )


@admin.register(Certificate)
class CertificateAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "participant",
        "course",
        "attendance_percent",
        "issued_at",
        "revoked_at",
    ]
    list_filter = ["enrolment__course"]
    search_fields = ["code", "enrolment__participant__email", "enrolment__participant__full_name"]
    list_select_related = ["enrolment__participant", "enrolment__course"]
    readonly_fields = [
        "enrolment",
        "code",
        "attendance_percent",
        "issued_at",
        "revoked_at",
        "revoked_reason",
        "activity_log",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("partecipante"))
    def participant(self, obj):
        return obj.enrolment.participant

    @admin.display(description=_("corso"))
    def course(self, obj):
        return obj.enrolment.course

    def activity_log(self, obj):
        from django.template.loader import render_to_string

        from mondinsieme.models import ActivityLog

        if obj is None or obj.pk is None:
            return "-"
        return render_to_string(
            "admin/activity_log.html",
            {
                "entries": ActivityLog.objects.for_object(obj).select_related("actor")[:50],
                "status_labels": {},
            },
        )

    activity_log.short_description = _("registro attività")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "rating", "created_at"]
    list_filter = ["rating", "enrolment__course"]
    list_select_related = ["enrolment__participant", "enrolment__course"]
    readonly_fields = ["enrolment", "rating", "comment", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
