"""``select_options``: the options of a select written in Python (templates/django/forms/
widgets/select.html). Django renders each option through the template language, which made a
250-country select cost more than the rest of a staff page together (docs/performance.md)."""

from __future__ import annotations

from django import template
from django.template.loader import get_template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name.
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


@register.filter
def select_options(optgroups) -> str:
    parts = []
    for group_name, group_choices, _index in optgroups:
        if group_name:
            parts.append(format_html('<optgroup label="{}">', group_name))
        for option in group_choices:
            if option["template_name"] != _OPTION_TEMPLATE:  # a widget with its own template
                parts.append(get_template(option["template_name"]).render({"widget": option}))
                continue
            parts.append(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    str(option["value"]),
                    mark_safe(_attrs(option["attrs"])),
                    localize(option["label"]),  # as {{ option.label }}: numbers, dates
                )
            )
        if group_name:
            parts.append("</optgroup>")
    return mark_safe("\n".join(parts))
