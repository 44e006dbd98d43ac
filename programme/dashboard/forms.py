"""The dashboard's filters: a GET form, so a filtered report has a URL to share and bookmark."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .report import Filters

FIRST_YEAR = 2000
LAST_YEAR = 2100


class DashboardFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Anno"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("Per esempio 2025. Vuoto: tutti gli anni."),
        error_messages={
            "invalid": _("Scrivi l'anno in cifre, per esempio 2025."),
            "min_value": _("Scrivi un anno dal %(limit_value)s in poi."),
            "max_value": _("Scrivi un anno fino al %(limit_value)s."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    country = forms.ChoiceField(
        label=_("Paese di origine"),
        required=False,
        error_messages={"invalid_choice": _("Scegli un paese dall'elenco.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Tutti i paesi")), *countries]

    def filters(self) -> Filters:
        """The cleaned filters; none when the form is empty or invalid."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        return Filters(
            year=self.cleaned_data.get("year"), country=self.cleaned_data.get("country") or ""
        )
