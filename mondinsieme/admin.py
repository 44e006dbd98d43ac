from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from .models import ActivityLog, OutgoingEmail, User


class SafeSelectionMixin:
    """Admin actions answer a forged selection (values that are not ids) with a message.

    Django would pass them to the database filter and fail with a 500.
    """

    def response_action(self, request, queryset):
        pk = self.model._meta.pk
        try:
            for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                pk.to_python(value)
        except ValidationError:
            self.message_user(
                request,
                _("La selezione non è valida: ricarica la pagina e riprova."),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)


class ActivityLogMixin(SafeSelectionMixin):
    """Mixin for admins of models with a workflow: shows their activity log read-only."""

    readonly_fields = ("activity_log",)

    @admin.display(description=_("registro attività"))
    def activity_log(self, obj):
        from django.template.loader import render_to_string

        if obj is None or obj.pk is None:
            return "-"
        entries = ActivityLog.objects.for_object(obj).select_related("actor")[:50]
        return render_to_string(
            "admin/activity_log.html",
            {"entries": entries, "status_labels": dict(type(obj).Status.choices)},
        )


@admin.register(User)
class UserAdmin(SafeSelectionMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Dati personali"), {"fields": ("full_name", "preferred_language")}),
        (
            _("Permessi"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Date"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "content_type",
        "object_id",
        "action",
        "from_status",
        "to_status",
        "actor",
    ]
    list_filter = ["content_type", "action"]
    search_fields = ["note", "object_id", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["content_type", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "template", "language"]
    search_fields = ["to", "subject", "key"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
