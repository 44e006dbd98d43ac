"""``{% load privacy_tags %}``: the current notice of a purpose, for links next to consent boxes."""

from django import template

from ..selectors import current_notice as _current_notice

register = template.Library()


@register.simple_tag
def current_notice(purpose: str):
    """``{% current_notice "signatures" as notice %}``: the current Notice, or None."""
    return _current_notice(purpose)
