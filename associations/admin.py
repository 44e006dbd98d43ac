from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mondinsieme.admin import ActivityLogMixin
from mondinsieme.exports import export_response
from mondinsieme.validators import validate_plain_text

from . import services
from .models import Association, City, Community, Invitation, Membership, Theme


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "region", "population", "population_year"]
    list_filter = ["country"]
    search_fields = ["name", "region"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "residents_estimate", "residents_year", "residents_source"]
    list_filter = ["country"]
    search_fields = ["name", "languages"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["origin_cities"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "status", "created_at"]
    readonly_fields = ["created_at", "status"]
    autocomplete_fields = ["user"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo (sarà comunicato ai referenti)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        validators=[validate_plain_text],
    )


EXPORT_HEADERS = [
    _("nome"),
    _("sigla"),
    _("forma giuridica"),
    _("codice fiscale"),
    _("anno di fondazione"),
    _("comunità"),
    _("paesi di intervento"),
    _("e-mail"),
    _("telefono"),
    _("stato"),
    _("elenco AICS art. 26"),
    _("aderente dal"),
]


def _export_rows(queryset):
    for association in queryset.prefetch_related("communities"):
        yield [
            association.name,
            association.acronym,
            association.get_legal_form_display(),
            association.fiscal_code,
            association.founded_year,
            ", ".join(community.name for community in association.communities.all()),
            ", ".join(country.code for country in association.countries_of_intervention),
            association.email,
            association.phone,
            association.get_status_display(),
            association.aics_art26,
            association.mondinsieme_member_since,
        ]


@admin.register(Association)
class AssociationAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["name", "acronym", "legal_form", "status", "aics_art26", "created_at"]
    list_filter = ["status", "legal_form", "aics_art26", "communities", "themes"]
    search_fields = ["name", "acronym", "fiscal_code", "email", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["communities", "themes"]
    readonly_fields = ["status", "status_changed_at", "created_by", "created_at", "activity_log"]
    inlines = [MembershipInline]
    actions = ["approve", "suspend", "export_csv", "export_xlsx"]
    date_hierarchy = "created_at"

    def _set_status(self, request, queryset, to, note=""):
        done = 0
        for association in queryset:
            try:
                services.association_set_status(
                    association=association, to=to, actor=request.user, note=note
                )
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{association}: {error}", messages.ERROR)
        return done

    @admin.action(description=_("Approva e pubblica le associazioni selezionate"))
    def approve(self, request, queryset):
        done = self._set_status(request, queryset, Association.Status.APPROVED)
        self.message_user(
            request,
            ngettext("%(n)d associazione approvata.", "%(n)d associazioni approvate.", done)
            % {"n": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Sospendi le associazioni selezionate"))
    def suspend(self, request, queryset):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            done = self._set_status(
                request, queryset, Association.Status.SUSPENDED, form.cleaned_data["reason"]
            )
            self.message_user(
                request,
                ngettext("%(n)d associazione sospesa.", "%(n)d associazioni sospese.", done)
                % {"n": done},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/associations/reason_form.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Sospendi associazioni"),
                "queryset": queryset,
                "form": form,
                "action": "suspend",
                "opts": self.model._meta,
            },
        )

    @admin.action(description=_("Esporta in CSV"))
    def export_csv(self, request, queryset):
        return export_response(
            headers=EXPORT_HEADERS, rows=_export_rows(queryset), filename="associazioni", fmt="csv"
        )

    @admin.action(description=_("Esporta in Excel (XLSX)"))
    def export_xlsx(self, request, queryset):
        return export_response(
            headers=EXPORT_HEADERS, rows=_export_rows(queryset), filename="associazioni", fmt="xlsx"
        )


@admin.register(Membership)
class MembershipAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["user", "association", "role", "status", "created_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "user__full_name", "association__name"]
    list_select_related = ["user", "association"]
    autocomplete_fields = ["user", "association"]
    readonly_fields = ["status", "status_changed_at", "created_at", "activity_log"]
    actions = ["approve_requests", "reject_requests"]

    def _decide(self, request, queryset, approve: bool):
        done = 0
        for membership in queryset.filter(status=Membership.Status.REQUESTED):
            try:
                services.membership_decide(
                    membership=membership, approve=approve, actor=request.user
                )
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{membership}: {error}", messages.ERROR)
        return done

    @admin.action(description=_("Accetta le richieste di adesione selezionate"))
    def approve_requests(self, request, queryset):
        done = self._decide(request, queryset, approve=True)
        self.message_user(
            request,
            ngettext("%(n)d richiesta accettata.", "%(n)d richieste accettate.", done)
            % {"n": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Rifiuta le richieste di adesione selezionate"))
    def reject_requests(self, request, queryset):
        done = self._decide(request, queryset, approve=False)
        self.message_user(
            request,
            ngettext("%(n)d richiesta rifiutata.", "%(n)d richieste rifiutate.", done)
            % {"n": done},
            messages.SUCCESS,
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "association", "role", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", "association__name"]
    list_select_related = ["association"]
    readonly_fields = ["token", "accepted_at", "accepted_by", "invited_by"]
