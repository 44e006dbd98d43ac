"""Staff admin of the business table: filters, workflow actions with guard messages, exports."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mondinsieme.admin import ActivityLogMixin
from mondinsieme.exports import export_response

from . import services
from .models import Action, Meeting, Opportunity, TradeAssociation, TradeAssociationContact


def _run(modeladmin, request, queryset, call) -> None:
    """Run a service on each row; report the guard's message for each refusal."""
    done = 0
    for obj in queryset:
        try:
            call(obj)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            text = "; ".join(getattr(error, "messages", [str(error)]))
            modeladmin.message_user(request, f"{obj}: {text}", messages.ERROR)
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(n)d elemento aggiornato.", "%(n)d elementi aggiornati.", done)
            % {"n": done},
            messages.SUCCESS,
        )


class ContactInline(admin.TabularInline):
    model = TradeAssociationContact
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(TradeAssociation)
class TradeAssociationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "contact_name", "sectors", "member_companies", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "contact_name", "sectors"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactInline]


@admin.register(TradeAssociationContact)
class TradeAssociationContactAdmin(admin.ModelAdmin):
    list_display = ["user", "trade_association", "role", "active"]
    list_filter = ["active", "trade_association"]
    search_fields = ["user__email", "user__full_name", "trade_association__name"]
    list_select_related = ["user", "trade_association"]
    autocomplete_fields = ["user", "trade_association"]


MEETING_HEADERS = [
    _("titolo"),
    _("inizio"),
    _("luogo"),
    _("stato"),
    _("associazioni di categoria"),
    _("associazioni della diaspora"),
    _("sintesi pubblicata"),
]


def _meeting_rows(queryset):
    for meeting in queryset.prefetch_related("trade_associations", "associations"):
        yield [
            meeting.title,
            timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M"),
            meeting.place,
            meeting.get_status_display(),
            ", ".join(t.name for t in meeting.trade_associations.all()),
            ", ".join(a.name for a in meeting.associations.all()),
            meeting.summary_published,
        ]


@admin.register(Meeting)
class MeetingAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["title", "starts_at", "place", "status", "summary_published"]
    list_filter = ["status", "summary_published", "trade_associations"]
    search_fields = ["title", "place", "minutes", "decisions"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["trade_associations", "associations", "staff_attendees"]
    readonly_fields = [
        "status",
        "status_changed_at",
        "summary_published",
        "summary_published_at",
        "created_by",
        "activity_log",
    ]
    actions = ["mark_held", "publish_summary", "unpublish_summary", "export_csv", "export_xlsx"]

    @admin.action(description=_("Segna come svolte"))
    def mark_held(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda m: services.meeting_set_status(
                meeting=m, to=Meeting.Status.HELD, actor=request.user
            ),
        )

    @admin.action(description=_("Pubblica la sintesi"))
    def publish_summary(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda m: services.meeting_publish_summary(meeting=m, actor=request.user),
        )

    @admin.action(description=_("Ritira la sintesi pubblica"))
    def unpublish_summary(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda m: services.meeting_publish_summary(
                meeting=m, actor=request.user, publish=False
            ),
        )

    @admin.action(description=_("Esporta in CSV"))
    def export_csv(self, request, queryset):
        return export_response(
            headers=MEETING_HEADERS,
            rows=_meeting_rows(queryset),
            filename="riunioni-tavolo",
            fmt="csv",
        )

    @admin.action(description=_("Esporta in Excel (XLSX)"))
    def export_xlsx(self, request, queryset):
        return export_response(
            headers=MEETING_HEADERS,
            rows=_meeting_rows(queryset),
            filename="riunioni-tavolo",
            fmt="xlsx",
        )


class ExpiredFilter(admin.SimpleListFilter):
    title = _("scadenza")
    parameter_name = "expired"

    def lookups(self, request, model_admin):
        return [("yes", _("scadute e ancora aperte")), ("no", _("non scadute"))]

    def queryset(self, request, queryset):
        expired = {
            "status__in": Opportunity.OPEN_STATUSES,
            "expires_on__lt": timezone.localdate(),
        }
        if self.value() == "yes":
            return queryset.filter(**expired)
        if self.value() == "no":
            return queryset.exclude(**expired)
        return queryset


OPPORTUNITY_HEADERS = [
    _("titolo"),
    _("tipo"),
    _("paese"),
    _("città"),
    _("regione"),
    _("settore ATECO"),
    _("stato"),
    _("valore stimato (euro)"),
    _("prossimo passo"),
    _("responsabile"),
    _("scade il"),
    _("associazioni ponte"),
    _("riunione di origine"),
    _("esito"),
]


def _opportunity_rows(queryset):
    for item in queryset.select_related("city", "owner", "source_meeting").prefetch_related(
        "connector_associations"
    ):
        yield [
            item.title,
            item.get_kind_display(),
            item.country.name,
            item.city.name if item.city else "",
            item.region,
            item.sector,
            item.get_status_display(),
            float(item.estimated_value) if item.estimated_value is not None else None,
            item.next_step,
            item.owner.email if item.owner else "",
            item.expires_on,
            ", ".join(a.name for a in item.connector_associations.all()),
            item.source_meeting.title if item.source_meeting else "",
            item.outcome,
        ]


def _opportunity_action(to: str, description):
    def action(modeladmin, request, queryset):
        _run(
            modeladmin,
            request,
            queryset,
            lambda o: services.opportunity_set_status(opportunity=o, to=to, actor=request.user),
        )

    action.__name__ = f"move_to_{to}"
    return admin.action(description=description)(action)


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ["title", "owner", "due_on", "status", "outcome"]
    readonly_fields = ["status"]
    autocomplete_fields = ["owner"]
    fk_name = "opportunity"


@admin.register(Opportunity)
class OpportunityAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "country", "status", "owner", "expires_on", "created_at"]
    list_filter = ["status", "kind", "country", ExpiredFilter, "source_trade_association"]
    search_fields = ["title", "description", "next_step"]
    list_select_related = ["owner"]
    autocomplete_fields = ["city", "owner", "source_association"]
    filter_horizontal = ["connector_associations", "connector_communities"]
    readonly_fields = [
        "status",
        "status_changed_at",
        "expiry_notice_sent_at",
        "created_by",
        "activity_log",
    ]
    inlines = [ActionInline]
    actions = [
        _opportunity_action(Opportunity.Status.ASSESSING, _("Passa a «in valutazione»")),
        _opportunity_action(Opportunity.Status.ACTIVE, _("Attiva")),
        _opportunity_action(Opportunity.Status.CONCLUDED, _("Concludi (serve l'esito)")),
        _opportunity_action(
            Opportunity.Status.DROPPED, _("Abbandona (serve il motivo nell'esito)")
        ),
        "export_csv",
        "export_xlsx",
    ]

    def save_model(self, request, obj, form, change):
        if change and "expires_on" in form.changed_data:
            # Renewed: the owner is told again when the new date passes.
            obj.expiry_notice_sent_at = None
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Esporta in CSV"))
    def export_csv(self, request, queryset):
        return export_response(
            headers=OPPORTUNITY_HEADERS,
            rows=_opportunity_rows(queryset),
            filename="opportunita-tavolo",
            fmt="csv",
        )

    @admin.action(description=_("Esporta in Excel (XLSX)"))
    def export_xlsx(self, request, queryset):
        return export_response(
            headers=OPPORTUNITY_HEADERS,
            rows=_opportunity_rows(queryset),
            filename="opportunita-tavolo",
            fmt="xlsx",
        )


class OverdueFilter(admin.SimpleListFilter):
    title = _("ritardo")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("in ritardo"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status__in=Action.OPEN_STATUSES, due_on__lt=timezone.localdate())
        return queryset


ACTION_HEADERS = [
    _("azione"),
    _("riunione"),
    _("opportunità"),
    _("responsabile"),
    _("entro il"),
    _("stato"),
    _("risultato"),
]


def _action_rows(queryset):
    for item in queryset.select_related("meeting", "opportunity", "owner"):
        yield [
            item.title,
            item.meeting.title if item.meeting else "",
            item.opportunity.title if item.opportunity else "",
            item.owner.email,
            item.due_on,
            item.get_status_display(),
            item.outcome,
        ]


@admin.register(Action)
class ActionAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["title", "owner", "due_on", "status", "meeting", "opportunity"]
    list_filter = ["status", OverdueFilter]
    search_fields = ["title", "outcome"]
    list_select_related = ["owner", "meeting", "opportunity"]
    autocomplete_fields = ["owner", "opportunity"]
    readonly_fields = ["status", "status_changed_at", "reminder_sent_at", "activity_log"]
    actions = ["mark_done", "cancel", "export_csv", "export_xlsx"]

    @admin.action(description=_("Segna come completate (serve il risultato)"))
    def mark_done(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda a: services.action_set_status(
                action=a, to=Action.Status.DONE, actor=request.user
            ),
        )

    @admin.action(description=_("Annulla"))
    def cancel(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda a: services.action_set_status(
                action=a, to=Action.Status.CANCELLED, actor=request.user
            ),
        )

    @admin.action(description=_("Esporta in CSV"))
    def export_csv(self, request, queryset):
        return export_response(
            headers=ACTION_HEADERS, rows=_action_rows(queryset), filename="azioni-tavolo", fmt="csv"
        )

    @admin.action(description=_("Esporta in Excel (XLSX)"))
    def export_xlsx(self, request, queryset):
        return export_response(
            headers=ACTION_HEADERS,
            rows=_action_rows(queryset),
            filename="azioni-tavolo",
            fmt="xlsx",
        )
