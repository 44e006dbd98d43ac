"""Helpers shared by the networks views."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError

from mondinsieme.workflow import allowed_transitions, status_label

from ..permissions import can_manage_networks

PAGE_SIZE = 25


def staff_required(view):
    """Anonymous users go to the login page; logged-in users who are not staff get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_manage_networks(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _report(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _transitions(instance) -> list[tuple[str, str]]:
    return [
        (value, status_label(type(instance), value))
        for value in type(instance).Status.values
        if value in allowed_transitions(instance)
    ]


def _ext(field_file) -> str:
    """The stored file's extension, for the download name."""
    name = field_file.name
    return name[name.rfind(".") :] if "." in name else ""
