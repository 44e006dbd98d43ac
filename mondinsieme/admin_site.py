"""The admin site of the portal: Django's, with the list of apps built once per request."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class PortalAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        """Django builds the list of apps and models twice for every admin page (the page and
        the navigation sidebar), each time checking permissions and reversing the URLs of
        some 80 models: a third of the admin index's time (docs/performance.md)."""
        built = request.__dict__.setdefault("_portal_app_lists", {})
        if app_label not in built:
            built[app_label] = super().get_app_list(request, app_label)
        return built[app_label]


class PortalAdminConfig(AdminConfig):
    """``django.contrib.admin`` in INSTALLED_APPS, with the portal's site as the default."""

    default_site = "mondinsieme.admin_site.PortalAdminSite"
