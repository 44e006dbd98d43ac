"""The map's filters: a plain GET form, so they work without JavaScript."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import Country

from .links import KINDS


class MapFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(
        label=_("Tipo di legame"),
        required=False,
        choices=[(kind.code, kind.label) for kind in KINDS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Scegli i tipi di legame dall'elenco.")},
    )
    country = forms.ChoiceField(
        label=_("Paese"),
        required=False,
        error_messages={"invalid_choice": _("Scegli un paese dall'elenco.")},
    )

    def __init__(self, *args, country_codes: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = sorted(((c, str(Country(c).name)) for c in country_codes), key=lambda c: c[1])
        self.fields["country"].choices = [("", pgettext_lazy("map filter", "tutti")), *choices]

    def filters(self) -> tuple[set[str], str]:
        """The kinds and the country to show; a value that is not valid filters nothing."""
        if not self.is_bound:
            return set(), ""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return set(data.get("kind") or ()), data.get("country") or ""
