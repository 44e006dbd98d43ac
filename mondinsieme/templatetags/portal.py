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
