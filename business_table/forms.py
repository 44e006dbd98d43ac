"""Forms of the business table (staff pages) and of its filters."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from associations.models import Association, Community

from .models import Action, Meeting, Opportunity, TradeAssociation

#: Dates outside these years are typing mistakes (and year 1 overflows the database's range).
FIRST_YEAR, LAST_YEAR = 2000, 2100
#: Days a new opportunity stays valid before it must be reviewed (the form's default).
DEFAULT_VALIDITY = 365


def _check_year(value):
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise forms.ValidationError(
            _("Indica una data tra il %(first)d e il %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return value


def _staff_users():
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("full_name")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MeetingForm(forms.ModelForm):
    trade_associations = forms.ModelMultipleChoiceField(
        label=_("Associazioni di categoria presenti"),
        queryset=TradeAssociation.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    associations = forms.ModelMultipleChoiceField(
        label=_("Associazioni della diaspora presenti"),
        queryset=Association.objects.public().order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    staff_attendees = forms.ModelMultipleChoiceField(
        label=_("Personale presente"),
        queryset=_staff_users(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "place",
            "agenda",
            "trade_associations",
            "associations",
            "staff_attendees",
            "guests",
            "minutes",
            "decisions",
            "public_summary",
            "staff_notes",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "guests": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
            "public_summary": forms.Textarea(attrs={"rows": 4}),
            "staff_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_starts_at(self):
        return _check_year(self.cleaned_data.get("starts_at"))

    def clean_ends_at(self):
        return _check_year(self.cleaned_data.get("ends_at"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("La fine deve venire dopo l'inizio."))
        return cleaned

    def meeting_data(self) -> dict:
        skip = {"trade_associations", "associations", "staff_attendees"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class OpportunityForm(forms.ModelForm):
    connector_associations = forms.ModelMultipleChoiceField(
        label=_("Associazioni che fanno da ponte"),
        queryset=Association.objects.public().order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    connector_communities = forms.ModelMultipleChoiceField(
        label=_("Comunità che fanno da ponte"),
        queryset=Community.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    owner = forms.ModelChoiceField(label=_("Responsabile"), queryset=_staff_users(), required=False)

    class Meta:
        model = Opportunity
        fields = [
            "title",
            "kind",
            "country",
            "city",
            "region",
            "sector",
            "description",
            "source_meeting",
            "source_association",
            "source_trade_association",
            "connector_associations",
            "connector_communities",
            "estimated_value",
            "next_step",
            "owner",
            "expires_on",
            "staff_notes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "staff_notes": forms.Textarea(attrs={"rows": 3}),
            "expires_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_association"].queryset = Association.objects.public()
        self.fields["source_meeting"].queryset = Meeting.objects.order_by("-starts_at")
        if self.instance.pk is None and "expires_on" not in self.initial:
            # Like a partnering profile, a new opportunity is reviewed after a year.
            self.initial["expires_on"] = timezone.localdate() + timedelta(days=DEFAULT_VALIDITY)

    def clean_expires_on(self):
        return _check_year(self.cleaned_data.get("expires_on"))

    def opportunity_data(self) -> dict:
        skip = {"connector_associations", "connector_communities"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Azione da fare"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Responsabile"), queryset=_staff_users())
    due_on = forms.DateField(label=_("Entro il"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Evaluated per form: a staff member added a minute ago must be assignable.
        self.fields["owner"].queryset = _staff_users()

    def clean_due_on(self):
        return _check_year(self.cleaned_data.get("due_on"))


class OpportunityStatusForm(forms.Form):
    to = forms.ChoiceField(label=_("Nuovo stato"), choices=Opportunity.Status.choices)
    outcome = forms.CharField(
        label=_("Esito"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obbligatorio per concludere o abbandonare l'opportunità."),
    )
    note = forms.CharField(label=_("Nota per lo storico"), required=False, max_length=1000)


class ActionStatusForm(forms.Form):
    to = forms.ChoiceField(label=_("Nuovo stato"), choices=Action.Status.choices)
    outcome = forms.CharField(
        label=_("Risultato"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obbligatorio per segnare l'azione come completata."),
    )


class OpportunityFilterForm(forms.Form):
    q = forms.CharField(label=_("Cerca"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Stato"),
        required=False,
        choices=[("", _("Tutti gli stati")), *Opportunity.Status.choices],
    )
    kind = forms.ChoiceField(
        label=_("Tipo"),
        required=False,
        choices=[("", _("Tutti i tipi")), *Opportunity.Kind.choices],
    )
    country = forms.ChoiceField(label=_("Paese"), required=False)
    expiry = forms.ChoiceField(
        label=_("Scadenza"),
        required=False,
        choices=[("", _("Tutte")), ("expired", _("Scadute, da rivedere"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Tutti i paesi")), *countries]
