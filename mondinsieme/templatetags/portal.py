"""Small template helpers shared by every app: ``{% load portal %}``."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """``{{ labels|lookup:value }}``: the value for ``key`` in a dict, or the key itself."""
    try:
        return mapping.get(key, key)
    except AttributeError:
        return key


@register.filter(name="markdown")
def markdown_filter(text):
    """``{{ course.description|markdown }}``: sanitised HTML from Markdown."""
    from mondinsieme.markdown import render_markdown

    return render_markdown(text)


_TONES = {
    "warning": {
        "pending", "requested", "waitlisted", "screening", "planned", "assessing",
        "in_progress", "consultation", "renewal_due", "info_requested", "candidate",
    },
    "success": {
        "approved", "active", "confirmed", "completed", "awarded", "renewed", "held", "done",
        "concluded", "published", "open", "member", "countersigned", "open_for_signature",
    },
    "danger": {
        "suspended", "rejected", "cancelled", "revoked", "expired", "withdrawn", "dropped",
        "left", "overdue",
    },
}  # fmt: skip


@register.filter
def status_tone(status) -> str:
    """The Bootstrap colour of a workflow status: warning, success, danger or secondary."""
    for tone, statuses in _TONES.items():
        if status in statuses:
            return tone
    return "secondary"
