"""Admin for the networks app: reference data and everything the staff pages don't edit."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mondinsieme.admin import ActivityLogMixin

from . import services
from .models import (
    AreaScore,
    Assessment,
    Commitment,
    CommitmentEvidence,
    FollowUpAction,
    GoodPractice,
    JoiningStep,
    JoiningStepDefinition,
    Network,
    NetworkEvent,
    NetworkMembership,
    PolicyArea,
    ProgressNote,
)


class JoiningStepDefinitionInline(admin.TabularInline):
    model = JoiningStepDefinition
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "scope", "coordinator"]
    list_filter = ["scope"]
    search_fields = ["name", "acronym", "coordinator"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [JoiningStepDefinitionInline]


class JoiningStepInline(admin.TabularInline):
    model = JoiningStep
    extra = 0
    fields = ["definition", "completed_on", "document", "note"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["network", "organisation", "status", "since", "founder", "focal_point"]
    list_filter = ["network", "organisation", "status"]
    list_select_related = ["network", "focal_point"]
    autocomplete_fields = ["focal_point"]
    readonly_fields = ["status", "activity_log"]
    inlines = [JoiningStepInline]
    actions = ["make_member", "suspend", "mark_left"]

    def _move(self, request, queryset, to: str) -> None:
        for membership in queryset:
            try:
                services.membership_transition(membership=membership, to=to, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{membership}: {' '.join(error.messages)}", messages.ERROR
                )

    @admin.action(description=_("Conferma l'adesione"))
    def make_member(self, request, queryset):
        self._move(request, queryset, NetworkMembership.Status.MEMBER)

    @admin.action(description=_("Sospendi l'adesione"))
    def suspend(self, request, queryset):
        self._move(request, queryset, NetworkMembership.Status.SUSPENDED)

    @admin.action(description=_("Registra l'uscita dalla rete"))
    def mark_left(self, request, queryset):
        self._move(request, queryset, NetworkMembership.Status.LEFT)


@admin.register(PolicyArea)
class PolicyAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "optional", "weight"]
    list_editable = ["position", "optional", "weight"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class CommitmentEvidenceInline(admin.TabularInline):
    model = CommitmentEvidence
    extra = 0
    fields = ["description", "link", "file"]


class ProgressNoteInline(admin.TabularInline):
    model = ProgressNote
    extra = 0
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]


@admin.register(Commitment)
class CommitmentAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["title", "network", "area", "owner", "due_date", "status"]
    list_filter = ["status", "network", "area"]
    search_fields = ["title", "description"]
    list_select_related = ["network", "area", "owner"]
    autocomplete_fields = ["owner"]
    readonly_fields = ["status", "completed_on", "activity_log"]
    date_hierarchy = "due_date"
    inlines = [CommitmentEvidenceInline, ProgressNoteInline]


class FollowUpActionInline(admin.TabularInline):
    model = FollowUpAction
    extra = 0
    fields = ["text", "commitment"]
    readonly_fields = ["commitment"]


@admin.register(NetworkEvent)
class NetworkEventAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "kind", "starts_on", "is_public"]
    list_filter = ["network", "kind", "is_public"]
    search_fields = ["title", "report", "place"]
    date_hierarchy = "starts_on"
    filter_horizontal = ["staff_participants", "associations"]
    inlines = [FollowUpActionInline]


class AreaScoreInline(admin.TabularInline):
    model = AreaScore
    extra = 0
    fields = ["area", "score", "peer_average", "evidence"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["year", "created_at"]
    inlines = [AreaScoreInline]


@admin.register(GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "network", "is_public"]
    list_filter = ["is_public", "area", "network"]
    search_fields = ["title", "description", "partners"]
    prepopulated_fields = {"slug": ["title"]}
