from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from .models import AccessLog, Consent, DataExport, InactivityWarning, Notice, RetentionRule
from .services import notice_publish


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """Staff write a new version as a draft and publish it; a published version never changes."""

    list_display = ["purpose", "version", "title_it", "published_at"]
    list_filter = ["purpose", "published_at"]
    actions = ["publish"]
    fields = [
        "purpose",
        "version",
        "title_it",
        "title_en",
        "body_it",
        "body_en",
        "legal_basis",
        "data_categories",
        "data_subjects",
        "recipients",
        "changes",
        "published_at",
    ]
    readonly_fields = ["version", "published_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.published_at is not None:
            return self.fields
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.published_at is None

    def save_model(self, request, obj, form, change):
        if not change:
            latest = Notice.objects.filter(purpose=obj.purpose).aggregate(v=Max("version"))["v"]
            obj.version = (latest or 0) + 1
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Pubblica le versioni selezionate"))
    def publish(self, request, queryset):
        for notice in queryset:
            try:
                notice_publish(notice=notice, actor=request.user)
            except ValidationError as error:
                self.message_user(request, f"{notice}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("Pubblicata: %(notice)s") % {"notice": notice})


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["given_at", "purpose", "notice", "user", "email", "source", "withdrawn_at"]
    list_filter = ["purpose", "explicit", "source", ("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "user__email"]
    list_select_related = ["notice", "user"]
    date_hierarchy = "given_at"


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = ["requested_at", "user", "status", "size", "expires_at"]
    list_filter = ["status"]
    list_select_related = ["user"]
    exclude = ["file"]


@admin.register(InactivityWarning)
class InactivityWarningAdmin(ReadOnlyAdmin):
    """Who was warned that an unused account will be deleted (and may still log in)."""

    list_display = ["warned_at", "user"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    date_hierarchy = "warned_at"


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = [
        "dataset",
        "purpose",
        "period_days",
        "action",
        "active",
        "last_run_at",
        "last_count",
    ]
    list_filter = ["purpose", "action", "active"]
    readonly_fields = ["last_run_at", "last_count"]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "kind", "what", "object_id", "row_count", "query", "ip"]
    list_filter = ["kind", "what"]
    search_fields = ["user__email", "what", "path"]
    list_select_related = ["user"]
    date_hierarchy = "at"
