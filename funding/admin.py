"""Staff administration of funders, calls, proposals and reviews."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from mondinsieme.admin import ActivityLogMixin
from mondinsieme.exports import export_response

from . import services
from .models import Call, Criterion, Funder, Proposal, ProposalAttachment, Review, Score
from .views import EXPORT_HEADERS, export_rows


def _run(modeladmin, request, queryset, action) -> None:
    done = 0
    for obj in queryset:
        try:
            action(obj)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, f"{obj}: {' '.join(getattr(error, 'messages', [str(error)]))}")
        else:
            done += 1
    if done:
        messages.success(request, _("Aggiornati: %(count)s.") % {"count": done})


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["order", "name", "description", "max_points", "weight", "pass_mark"]


@admin.register(Call)
class CallAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["title", "funder", "status", "opens_at", "deadline", "grant_min", "grant_max"]
    list_filter = ["status", "funder__kind", "funder", "requires_art26"]
    search_fields = ["title", "reference", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["funder"]
    filter_horizontal = ["themes"]
    inlines = [CriterionInline]
    readonly_fields = ["status", "activity_log"]
    actions = ["open_calls", "close_calls", "archive_calls"]
    date_hierarchy = "deadline"

    def _move(self, request, queryset, to):
        _run(
            self,
            request,
            queryset,
            lambda call: services.call_transition(call=call, actor=request.user, to=to),
        )

    @admin.action(description=_("Apri i bandi selezionati"))
    def open_calls(self, request, queryset):
        self._move(request, queryset, Call.Status.OPEN)

    @admin.action(description=_("Chiudi i bandi selezionati"))
    def close_calls(self, request, queryset):
        self._move(request, queryset, Call.Status.CLOSED)

    @admin.action(description=_("Archivia i bandi selezionati"))
    def archive_calls(self, request, queryset):
        self._move(request, queryset, Call.Status.ARCHIVED)


class AttachmentInline(admin.TabularInline):
    model = ProposalAttachment
    extra = 0
    fields = ["kind", "original_name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    fields = ["reviewer", "status", "due_date", "recommendation", "submitted_at"]
    readonly_fields = ["status", "recommendation", "submitted_at"]
    raw_id_fields = ["reviewer"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "association",
        "call",
        "status",
        "requested_amount",
        "awarded_amount",
        "status_changed_at",
    ]
    list_filter = ["status", "call__funder", "call", "association"]
    search_fields = ["title", "summary", "association__name"]
    list_select_related = ["association", "call__funder"]
    raw_id_fields = ["association", "created_by"]
    filter_horizontal = ["partner_associations", "partner_cities", "cities"]
    readonly_fields = ["status", "status_changed_at", "returns_to", "questions", "activity_log"]
    inlines = [AttachmentInline, ReviewInline]
    actions = ["export_csv", "export_xlsx", "move_to_screening", "reject"]
    date_hierarchy = "created_at"

    def _export(self, queryset, fmt):
        queryset = queryset.select_related("association", "call__funder")
        return export_response(
            headers=EXPORT_HEADERS, rows=export_rows(queryset), filename="proposte", fmt=fmt
        )

    @admin.action(description=_("Esporta in CSV"))
    def export_csv(self, request, queryset):
        return self._export(queryset, "csv")

    @admin.action(description=_("Esporta in XLSX"))
    def export_xlsx(self, request, queryset):
        return self._export(queryset, "xlsx")

    @admin.action(description=_("Prendi in prima verifica"))
    def move_to_screening(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda p: services.proposal_transition(
                proposal=p, actor=request.user, to=Proposal.Status.SCREENING
            ),
        )

    @admin.action(description=_("Registra l'esito negativo"))
    def reject(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda p: services.proposal_transition(
                proposal=p, actor=request.user, to=Proposal.Status.REJECTED
            ),
        )


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    fields = ["criterion", "points", "max_points", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["proposal", "reviewer", "status", "due_date", "recommendation"]
    list_filter = ["status", "recommendation", "proposal__call"]
    search_fields = ["proposal__title", "reviewer__email", "reviewer__full_name"]
    list_select_related = ["proposal", "reviewer"]
    raw_id_fields = ["proposal", "reviewer", "assigned_by"]
    readonly_fields = ["status", "submitted_at", "activity_log"]
    inlines = [ScoreInline]
