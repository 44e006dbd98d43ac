from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mondinsieme.admin import ActivityLogMixin
from mondinsieme.uploads import attachment_response
from mondinsieme.workflow import allowed_transitions, status_label

from . import services
from .forms import STEP_FORMS, NoteForm
from .models import Activity, CandidateAssessment, Criterion, Score, TwinningDocument, TwinningFile


class _ProtectedLink:
    """What the file widget shows for a stored document: the name and the download view
    that checks permission (``/media/`` is not served by the portal)."""

    def __init__(self, name: str, url: str) -> None:
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name


class ProtectedFileInput(forms.ClearableFileInput):
    def format_value(self, value):
        value = super().format_value(value)
        instance = getattr(value, "instance", None)
        if value and instance is not None and instance.pk:
            return _ProtectedLink(instance.download_name, instance.get_absolute_url())
        return value


class DocumentInline(admin.TabularInline):
    model = TwinningDocument
    extra = 0
    fields = ["kind", "title", "language", "document", "is_public"]
    formfield_overrides = {models.FileField: {"widget": ProtectedFileInput}}


class ActivityInline(admin.StackedInline):
    model = Activity
    extra = 0
    fields = [
        ("kind", "title"),
        ("starts_on", "ends_on"),
        "report",
        "funding_proposal",
        "is_public",
    ]
    autocomplete_fields = ["funding_proposal"]


class CandidateInline(admin.TabularInline):
    model = CandidateAssessment
    extra = 0
    fields = ["city", "notes"]
    autocomplete_fields = ["city"]
    show_change_link = True


class CountryFilter(admin.SimpleListFilter):
    title = gettext_lazy("paese")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        countries = {
            file.partner_city.country.code: file.partner_city.country.name
            for file in TwinningFile.objects.select_related("partner_city").only(
                "partner_city__country"
            )
        }
        return sorted(countries.items(), key=lambda item: str(item[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(partner_city__country=self.value())
        return queryset


@admin.register(TwinningFile)
class TwinningFileAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = [
        "partner_city",
        "country",
        "kind",
        "status",
        "responsible",
        "expires_on",
        "document_count",
        "activity_count",
    ]
    list_filter = ["status", CountryFilter, "kind", "is_public"]
    list_select_related = ["partner_city", "responsible"]
    search_fields = ["partner_city__name", "slug", "rationale"]
    prepopulated_fields = {"slug": ["partner_city"]}
    autocomplete_fields = ["partner_city"]
    filter_horizontal = ["communities", "proposing_associations"]
    readonly_fields = [
        "status",
        "status_changed_at",
        "notice_summary",
        "resolution_number",
        "resolution_date",
        "votes_for",
        "votes_against",
        "votes_abstained",
        "resolution_text",
        "signed_on",
        "signed_place",
        "signed_document_link",
        "countersigned_on",
        "countersigned_place",
        "term_years",
        "starts_on",
        "expires_on",
        "activity_log",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "partner_city",
                    "slug",
                    "kind",
                    "status",
                    "status_changed_at",
                    "responsible",
                    "communities",
                    "proposing_associations",
                    "rationale",
                    "objectives",
                ]
            },
        ),
        (gettext_lazy("Uso interno"), {"fields": ["partner_contacts", "internal_notes"]}),
        (
            gettext_lazy("Pagine pubbliche"),
            {"fields": ["is_public", "public_summary", "since_year"]},
        ),
        (
            gettext_lazy("Notifica a Regione, DAR e Ministero degli Esteri"),
            {
                "fields": [
                    "notice_regione_on",
                    "notice_dar_on",
                    "notice_maeci_on",
                    "notice_summary",
                ]
            },
        ),
        (
            gettext_lazy("Delibera, firme e durata"),
            {
                "fields": [
                    ("resolution_number", "resolution_date"),
                    ("votes_for", "votes_against", "votes_abstained"),
                    "resolution_text",
                    ("signed_on", "signed_place"),
                    "signed_document_link",
                    ("countersigned_on", "countersigned_place"),
                    ("term_years", "starts_on", "expires_on"),
                ]
            },
        ),
        (gettext_lazy("Storia della pratica"), {"fields": ["activity_log"]}),
    ]
    inlines = [CandidateInline, DocumentInline, ActivityInline]
    change_form_template = "admin/twinning/twinningfile/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_documents=Count("documents", distinct=True),
                n_activities=Count("activities", distinct=True),
            )
        )

    @admin.display(description=gettext_lazy("paese"), ordering="partner_city__country")
    def country(self, obj):
        return obj.partner_city.country.name

    @admin.display(description=gettext_lazy("documenti"), ordering="n_documents")
    def document_count(self, obj):
        return obj.n_documents

    @admin.display(description=gettext_lazy("attività"), ordering="n_activities")
    def activity_count(self, obj):
        return obj.n_activities

    @admin.display(description=gettext_lazy("documento firmato"))
    def signed_document_link(self, obj):
        if obj is None or not obj.signed_document:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:twinning_twinningfile_signed_document", args=[obj.pk]),
            _("Scarica il documento firmato"),
        )

    @admin.display(description=gettext_lazy("date utili"))
    def notice_summary(self, obj):
        if obj is None or obj.notice_date is None:
            return _("Registra le tre date di invio per calcolare le scadenze.")
        return _("Silenzio-assenso dal %(assent)s; firma possibile dal %(earliest)s.") % {
            "assent": obj.silent_assent_date.strftime("%d/%m/%Y"),
            "earliest": obj.earliest_signing_date.strftime("%d/%m/%Y"),
        }

    NOTICE_FIELDS = ("notice_regione_on", "notice_dar_on", "notice_maeci_on")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The notice dates decide when signing becomes lawful: a change made in this form goes
        # through the service too, so the file's history says who changed them and when.
        if change and any(name in form.changed_data for name in self.NOTICE_FIELDS):
            services.twinning_record_notice(
                file=obj,
                actor=request.user,
                regione_on=obj.notice_regione_on,
                dar_on=obj.notice_dar_on,
                maeci_on=obj.notice_maeci_on,
            )

    def get_urls(self):
        return [
            path(
                "<int:pk>/passo/<str:to>/",
                self.admin_site.admin_view(self.step_view),
                name="twinning_twinningfile_step",
            ),
            path(
                "<int:pk>/documento-firmato/",
                self.admin_site.admin_view(self.signed_document_view),
                name="twinning_twinningfile_signed_document",
            ),
            path(
                "<int:pk>/confronto/",
                self.admin_site.admin_view(self.comparison_view),
                name="twinning_twinningfile_comparison",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        file = self.get_object(request, object_id)
        if file is not None:
            order = list(TwinningFile.Status.values)
            extra_context["steps"] = [
                (to, status_label(TwinningFile, to))
                for to in sorted(allowed_transitions(file), key=order.index)
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def step_view(self, request, pk, to):
        file = self.get_object(request, str(pk))
        if file is None or to not in TwinningFile.Status.values:
            raise Http404
        if not self.has_change_permission(request, file):
            raise PermissionDenied
        form_class = STEP_FORMS.get(to, NoteForm)
        form = form_class(request.POST or None, request.FILES or None)
        change_url = reverse("admin:twinning_twinningfile_change", args=[file.pk])
        if request.method == "POST" and form.is_valid():
            try:
                services.twinning_step(file=file, to=to, actor=request.user, data=form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                for message in getattr(error, "messages", [str(error)]):
                    self.message_user(request, message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Pratica passata a «%(status)s».")
                    % {"status": status_label(TwinningFile, to)},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        return TemplateResponse(
            request,
            "admin/twinning/twinningfile/step_form.html",
            {
                **self.admin_site.each_context(request),
                "title": _("%(file)s: passa a «%(status)s»")
                % {"file": file, "status": status_label(TwinningFile, to)},
                "file": file,
                "form": form,
                "to": to,
                "opts": self.model._meta,
                "original": file,
                "change_url": change_url,
                "media": self.media + forms.Media(),
            },
        )

    def signed_document_view(self, request, pk):
        """The signed document, for staff only (it is never public as such)."""
        file = self.get_object(request, str(pk))
        if file is None or not file.signed_document:
            raise Http404
        if not self.has_view_permission(request, file):
            raise PermissionDenied
        from pathlib import Path

        suffix = Path(file.signed_document.name).suffix
        return attachment_response(
            file.signed_document, download_name=f"{file.slug}-firmato{suffix}"
        )

    def comparison_view(self, request, pk):
        from .selectors import candidate_ranking

        file = self.get_object(request, str(pk))
        if file is None:
            raise Http404
        criteria, ranked = candidate_ranking(file)
        return TemplateResponse(
            request,
            "admin/twinning/twinningfile/comparison.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Confronto delle città candidate: %(file)s") % {"file": file},
                "file": file,
                "criteria": criteria,
                "ranked": ranked,
                "opts": self.model._meta,
                "original": file,
            },
        )


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    fields = ["criterion", "value", "justification"]


@admin.register(CandidateAssessment)
class CandidateAssessmentAdmin(admin.ModelAdmin):
    list_display = ["city", "file"]
    list_select_related = ["city", "file__partner_city"]
    autocomplete_fields = ["city"]
    inlines = [ScoreInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "weight", "order", "is_active"]
    list_editable = ["weight", "order", "is_active"]
