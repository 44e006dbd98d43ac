"""Forms for the workflow steps in the admin. Fields are optional on purpose: the service's
guard is the one place that says what is missing, with the same message everywhere."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mondinsieme.uploads import validate_document

from .models import TwinningFile

Status = TwinningFile.Status
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Nota"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obbligatoria per sospendere, respingere o revocare: scrivi il motivo."),
    )


class ResolutionForm(NoteForm):
    number = forms.CharField(label=_("Numero della delibera"), required=False, max_length=40)
    resolution_date = forms.DateField(label=_("Data della delibera"), required=False, widget=DATE)
    votes_for = forms.IntegerField(label=_("Voti favorevoli"), required=False, min_value=0)
    votes_against = forms.IntegerField(label=_("Voti contrari"), required=False, min_value=0)
    votes_abstained = forms.IntegerField(label=_("Astenuti"), required=False, min_value=0)
    text = forms.CharField(
        label=_("Testo approvato"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    field_order = [
        "number",
        "resolution_date",
        "votes_for",
        "votes_against",
        "votes_abstained",
        "text",
        "note",
    ]


class SigningForm(NoteForm):
    signed_on = forms.DateField(label=_("Data della firma"), required=False, widget=DATE)
    place = forms.CharField(label=_("Luogo della firma"), required=False, max_length=200)
    document = forms.FileField(
        label=_("Documento firmato"), required=False, validators=[validate_document]
    )
    field_order = ["signed_on", "place", "document", "note"]


class CountersignForm(NoteForm):
    countersigned_on = forms.DateField(
        label=_("Data della controfirma"), required=False, widget=DATE
    )
    place = forms.CharField(label=_("Luogo della controfirma"), required=False, max_length=200)
    field_order = ["countersigned_on", "place", "note"]


class TermForm(NoteForm):
    term_years = forms.IntegerField(
        label=_("Durata in anni"), required=False, min_value=1, max_value=30
    )
    field_order = ["term_years", "note"]


class ActivationForm(TermForm):
    starts_on = forms.DateField(
        label=_("In vigore dal"),
        required=False,
        widget=DATE,
        help_text=_("Se vuoto, dalla data della controfirma."),
    )
    field_order = ["term_years", "starts_on", "note"]


class NoticeForm(forms.Form):
    regione_on = forms.DateField(label=_("Inviata alla Regione il"), required=False, widget=DATE)
    dar_on = forms.DateField(
        label=_("Inviata alla Presidenza del Consiglio (DAR) il"), required=False, widget=DATE
    )
    maeci_on = forms.DateField(
        label=_("Inviata al Ministero degli Esteri il"), required=False, widget=DATE
    )


class RenewalForm(TermForm):
    renewed_from = forms.DateField(
        label=_("Rinnovo in vigore dal"),
        required=False,
        widget=DATE,
        help_text=_("Se vuoto, dalla scadenza attuale. Serve solo se la pratica non ha scadenza."),
    )
    field_order = ["term_years", "renewed_from", "note"]


STEP_FORMS: dict[str, type[forms.Form]] = {
    Status.COUNCIL_RESOLUTION: ResolutionForm,
    Status.SIGNED_REGGIO: SigningForm,
    Status.COUNTERSIGNED: CountersignForm,
    Status.ACTIVE: ActivationForm,
    Status.RENEWED: RenewalForm,
}
