"""Staff tools: the manifesto's workflow, moderation queues, translations, the Forum."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from associations.permissions import is_staff_member
from mondinsieme.admin import ActivityLogMixin
from mondinsieme.exports import export_response

from . import services
from .models import (
    Amendment,
    Article,
    Delegation,
    DelegationMember,
    ForumEdition,
    Manifesto,
    ProgrammeItem,
    Registration,
    Signature,
    Translation,
    Version,
)


def _reason(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


class TextForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)

    def __init__(self, *args, label="", required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label
        self.fields["text"].required = required


def _ask_text(modeladmin, request, queryset, *, action, title, intro, label, required=True):
    """Show a form asking for a text; return the text once submitted, else the page."""
    form = TextForm(
        request.POST if "apply" in request.POST else None, label=label, required=required
    )
    if form.is_valid():
        return form.cleaned_data["text"], None
    return None, TemplateResponse(
        request,
        "admin/forum/reply_form.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "intro": intro,
            "queryset": queryset,
            "form": form,
            "action": action,
            "opts": modeladmin.model._meta,
        },
    )


class ArticleInline(admin.StackedInline):
    model = Article
    extra = 0
    fields = ["position", "title", "body"]


@admin.register(Manifesto)
class ManifestoAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["title", "status", "current_version", "signature_target", "links"]
    list_filter = ["status"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "status_changed_at", "current_version", "activity_log"]
    inlines = [ArticleInline]
    actions = [
        "publish_version",
        "to_consultation",
        "to_final",
        "open_for_signature",
        "close",
    ]

    @admin.display(description=_("collegamenti"))
    def links(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("forum:manifesto-detail", kwargs={"slug": obj.slug}),
            _("pagina pubblica"),
            reverse("forum:city-sign", kwargs={"slug": obj.slug}),
            _("registra la firma di una città"),
        )

    def _move(self, request, queryset, to):
        done = 0
        for manifesto in queryset:
            try:
                services.manifesto_set_status(manifesto=manifesto, to=to, actor=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{manifesto}: {_reason(error)}", messages.ERROR)
        if done:
            self.message_user(
                request,
                ngettext("%(n)d manifesto aggiornato.", "%(n)d manifesti aggiornati.", done)
                % {"n": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Apri la consultazione"))
    def to_consultation(self, request, queryset):
        self._move(request, queryset, Manifesto.Status.CONSULTATION)

    @admin.action(description=_("Segna come testo definitivo"))
    def to_final(self, request, queryset):
        self._move(request, queryset, Manifesto.Status.FINAL)

    @admin.action(description=_("Apri alle firme"))
    def open_for_signature(self, request, queryset):
        self._move(request, queryset, Manifesto.Status.OPEN)

    @admin.action(description=_("Chiudi la raccolta firme"))
    def close(self, request, queryset):
        self._move(request, queryset, Manifesto.Status.CLOSED)

    @admin.action(description=_("Pubblica una nuova versione (con gli emendamenti accolti)"))
    def publish_version(self, request, queryset):
        notes, page = _ask_text(
            self,
            request,
            queryset,
            action="publish_version",
            title=_("Pubblica una nuova versione"),
            intro=_(
                "Gli emendamenti accolti e non ancora applicati entrano nel testo, poi il testo"
                " viene salvato come nuova versione, che non si potrà più modificare."
            ),
            label=_("Note di pubblicazione (facoltative)"),
            required=False,
        )
        if page is not None:
            return page
        for manifesto in queryset:
            try:
                version = services.manifesto_publish_version(
                    manifesto=manifesto, actor=request.user, notes=notes
                )
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{manifesto}: {_reason(error)}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("«%(title)s»: pubblicata la versione %(n)s.")
                    % {"title": manifesto.title, "n": version.number},
                    messages.SUCCESS,
                )
        return None


class TranslationInline(admin.StackedInline):
    model = Translation
    extra = 0
    fields = ["language", "title", "body"]


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ["manifesto", "number", "published_at", "published_by"]
    list_filter = ["manifesto"]
    readonly_fields = [
        "manifesto",
        "number",
        "title",
        "articles",
        "notes",
        "published_at",
        "published_by",
    ]
    inlines = [TranslationInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # The version itself is immutable; only its translations (the inline) are saved.
        if obj.pk is None:
            super().save_model(request, obj, form, change)


@admin.register(Translation)
class TranslationAdmin(admin.ModelAdmin):
    list_display = ["version", "language", "title", "created_at"]
    list_filter = ["language"]
    list_select_related = ["version__manifesto"]


@admin.register(Amendment)
class AmendmentAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["article_title", "kind", "association", "status", "applied_in", "created_at"]
    list_filter = ["status", "kind", "manifesto"]
    search_fields = ["article_title", "text", "rationale", "association__name"]
    list_select_related = ["association", "applied_in"]
    readonly_fields = [
        "manifesto",
        "article",
        "article_title",
        "kind",
        "new_title",
        "text",
        "rationale",
        "association",
        "proposed_by",
        "status",
        "status_changed_at",
        "reply",
        "applied_in",
        "activity_log",
    ]
    actions = ["accept", "reject"]

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, accept: bool):
        reply, page = _ask_text(
            self,
            request,
            queryset,
            action="accept" if accept else "reject",
            title=_("Accogli gli emendamenti") if accept else _("Respingi gli emendamenti"),
            intro=_(
                "La risposta sarà pubblicata insieme agli emendamenti e inviata a chi li ha"
                " proposti."
            ),
            label=_("Risposta pubblica"),
        )
        if page is not None:
            return page
        done = 0
        for amendment in queryset:
            try:
                services.amendment_decide(
                    amendment=amendment, accept=accept, reply=reply, actor=request.user
                )
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{amendment}: {_reason(error)}", messages.ERROR)
        self.message_user(
            request,
            ngettext("%(n)d emendamento deciso.", "%(n)d emendamenti decisi.", done) % {"n": done},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=_("Accogli (con una risposta pubblica)"))
    def accept(self, request, queryset):
        return self._decide(request, queryset, accept=True)

    @admin.action(description=_("Respingi (con una risposta pubblica)"))
    def reject(self, request, queryset):
        return self._decide(request, queryset, accept=False)


EXPORT_HEADERS = [
    _("tipo"),
    _("nome"),
    _("ruolo"),
    _("e-mail"),
    _("città di residenza"),
    _("paese"),
    _("versione"),
    _("elenco pubblico"),
    _("notizie"),
    _("confermata il"),
]


def _export_rows(queryset):
    for signature in queryset.confirmed().select_related("version").iterator():
        yield [
            signature.get_kind_display(),
            signature.name,
            signature.role,
            signature.email,
            signature.residence_city,
            signature.country.code if signature.country else "",
            signature.version.number,
            signature.public_listing,
            signature.news_opt_in,
            signature.confirmed_at,
        ]


@admin.register(Signature)
class SignatureAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "status",
        "country",
        "public_listing",
        "created_at",
        "confirmed_at",
    ]
    list_filter = ["status", "kind", "public_listing", "news_opt_in", "manifesto"]
    search_fields = ["name", "email"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Signature._meta.fields] + ["activity_log"]
    actions = ["withdraw", "export_confirmed_csv"]
    change_list_template = "admin/forum/signature_change_list.html"

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        confirmed = Signature.objects.confirmed()
        # The counts over time follow the manifesto filter of the list.
        manifesto_id = request.GET.get("manifesto__id__exact", "")
        if manifesto_id.isdigit():
            confirmed = confirmed.filter(manifesto_id=int(manifesto_id))
        monthly = (
            confirmed.annotate(month=TruncMonth("confirmed_at"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        extra_context = {**(extra_context or {}), "monthly": list(monthly)}
        return super().changelist_view(request, extra_context=extra_context)

    @admin.action(description=_("Ritira le firme selezionate e cancella i dati personali"))
    def withdraw(self, request, queryset):
        done = 0
        for signature in queryset.exclude(status=Signature.Status.WITHDRAWN):
            services.signature_withdraw(signature=signature, actor=request.user, note="admin")
            done += 1
        self.message_user(
            request,
            ngettext("%(n)d firma ritirata.", "%(n)d firme ritirate.", done) % {"n": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Esporta le firme confermate (CSV)"))
    def export_confirmed_csv(self, request, queryset):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return export_response(
            headers=EXPORT_HEADERS, rows=_export_rows(queryset), filename="firme", fmt="csv"
        )


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


@admin.register(ForumEdition)
class ForumEditionAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["title", "starts_on", "ends_on", "venue", "status", "badges_link"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["cities"]
    readonly_fields = ["status", "status_changed_at", "activity_log"]
    inlines = [ProgrammeItemInline]
    actions = ["publish", "close"]

    @admin.display(description=_("badge"))
    def badges_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("forum:edition-badges", kwargs={"slug": obj.slug}),
            _("badge delle delegazioni (PDF)"),
        )

    def _move(self, request, queryset, to):
        from mondinsieme.workflow import transition

        for edition in queryset:
            try:
                transition(
                    edition, to=to, actor=request.user, permission=lambda u, _o: is_staff_member(u)
                )
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{edition}: {_reason(error)}", messages.ERROR)

    @admin.action(description=_("Pubblica"))
    def publish(self, request, queryset):
        self._move(request, queryset, ForumEdition.Status.PUBLISHED)

    @admin.action(description=_("Segna come concluso"))
    def close(self, request, queryset):
        self._move(request, queryset, ForumEdition.Status.CLOSED)


class DelegationMemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 0


@admin.register(Delegation)
class DelegationAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = [
        "city",
        "edition",
        "association",
        "head_name",
        "invitation_letter",
        "status",
        "letter_link",
    ]
    list_filter = ["status", "edition", "invitation_letter"]
    list_select_related = ["city", "edition", "association"]
    readonly_fields = ["status", "status_changed_at", "registered_by", "activity_log"]
    inlines = [DelegationMemberInline]
    actions = ["confirm", "cancel"]

    @admin.display(description=_("lettera d'invito"))
    def letter_link(self, obj):
        if not obj.invitation_letter:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("forum:delegation-letter", kwargs={"pk": obj.pk}),
            _("scarica il PDF"),
        )

    def _move(self, request, queryset, to):
        done = 0
        for delegation in queryset:
            try:
                services.delegation_set_status(delegation=delegation, to=to, actor=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{delegation}: {_reason(error)}", messages.ERROR)
        self.message_user(
            request,
            ngettext("%(n)d delegazione aggiornata.", "%(n)d delegazioni aggiornate.", done)
            % {"n": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Conferma le delegazioni selezionate"))
    def confirm(self, request, queryset):
        self._move(request, queryset, Delegation.Status.CONFIRMED)

    @admin.action(description=_("Annulla le delegazioni selezionate"))
    def cancel(self, request, queryset):
        self._move(request, queryset, Delegation.Status.CANCELLED)


@admin.register(Registration)
class RegistrationAdmin(ActivityLogMixin, admin.ModelAdmin):
    list_display = ["name", "email", "edition", "status", "waitlist_position", "created_at"]
    list_filter = ["status", "edition"]
    search_fields = ["name", "email"]
    list_select_related = ["edition"]
    readonly_fields = [f.name for f in Registration._meta.fields] + ["activity_log"]

    def has_add_permission(self, request):
        return False
