"""Log every view or export of a list of personal data (GDPR accountability, art. 5.2)."""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings

from mondinsieme.ratelimit import client_ip

from .models import AccessLog
from .services import access_log_record


class AccessLogMiddleware:
    """One ``AccessLog`` row per successful request to a page listed in the settings.

    ``PRIVACY_ACCESS_LOG_ADMIN_MODELS`` ("app_label.model"): the admin list, change and history
    pages of those models, and the exports their admin actions return.
    ``PRIVACY_ACCESS_LOG_URL_NAMES`` ("namespace:name"): staff and leader pages that list people.
    The check is on the resolved URL name, so a public page never writes a row.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.url_names = frozenset(getattr(settings, "PRIVACY_ACCESS_LOG_URL_NAMES", ()))
        self.admin_names: dict[str, tuple[str, str]] = {}
        for label in getattr(settings, "PRIVACY_ACCESS_LOG_ADMIN_MODELS", ()):
            base = label.replace(".", "_")
            self.admin_names[f"admin:{base}_changelist"] = (label, AccessLog.Kind.LIST)
            self.admin_names[f"admin:{base}_change"] = (label, AccessLog.Kind.DETAIL)
            self.admin_names[f"admin:{base}_history"] = (label, AccessLog.Kind.DETAIL)

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if (
            match is None
            or user is None
            or not user.is_authenticated
            or response.status_code != HTTPStatus.OK
        ):
            return response
        name = match.view_name
        if name in self.admin_names:
            what, kind = self.admin_names[name]
        elif name in self.url_names:
            what, kind = name, AccessLog.Kind.LIST
        else:
            return response
        is_export = response.headers.get("Content-Disposition", "").startswith("attachment")
        if request.method != "GET" and not is_export:
            return response  # a form posted back (an edit, an action) is not a new viewing
        access_log_record(
            user=user,
            kind=AccessLog.Kind.EXPORT if is_export else kind,
            what=what,
            object_id=str(match.kwargs.get("object_id") or match.kwargs.get("pk") or ""),
            path=request.path,
            query=_query(request),
            row_count=_row_count(response),
            ip=client_ip(request) or None,
        )
        return response


def _query(request) -> str:
    params = request.GET.urlencode()
    if request.method == "POST":
        # An admin export action: which rows were selected is the "filter" worth keeping.
        selected = request.POST.getlist("_selected_action")
        action = request.POST.get("action", "")
        params = "&".join(
            part
            for part in (params, f"action={action}" if action else "", f"selected={len(selected)}")
            if part
        )
    return params


def _row_count(response) -> int | None:
    context = getattr(response, "context_data", None) or {}
    changelist = context.get("cl")
    if changelist is not None:
        return changelist.result_count
    paginator = context.get("paginator")
    if paginator is not None:
        return paginator.count
    if response.headers.get("Content-Type", "").startswith("text/csv"):
        content = getattr(response, "content", b"")
        return max(content.count(b"\n") - 1, 0)
    return None
