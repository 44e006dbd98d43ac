"""Forms of the staff pages: they validate input; services do the writing."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from mondinsieme.uploads import validate_document

from .models import Commitment, Network, NetworkEvent, NetworkMembership, PolicyArea

User = get_user_model()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _staff_users():
    return User.objects.filter(is_staff=True, is_active=True).order_by("full_name", "email")


class EventForm(forms.ModelForm):
    class Meta:
        model = NetworkEvent
        fields = [
            "network",
            "kind",
            "title",
            "starts_on",
            "ends_on",
            "place",
            "report",
            "is_public",
            "staff_participants",
            "associations",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "report": forms.Textarea(attrs={"rows": 6}),
            "staff_participants": forms.CheckboxSelectMultiple,
            "associations": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "is_public": _(
                "Se spuntato, l'evento e il suo resoconto compaiono nella pagina pubblica."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = _staff_users()
        associations = Association.objects.filter(status=Association.Status.APPROVED)
        if self.instance.pk:
            # Who went stays on record when they have since left the staff (or the association is
            # no longer approved): saving the event must not drop them silently.
            people = User.objects.filter(
                Q(pk__in=people.values("pk"))
                | Q(pk__in=self.instance.staff_participants.values("pk"))
            ).order_by("full_name", "email")
            associations = Association.objects.filter(
                Q(pk__in=associations.values("pk"))
                | Q(pk__in=self.instance.associations.values("pk"))
            )
        self.fields["staff_participants"].queryset = people
        self.fields["associations"].queryset = associations.order_by("name")

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("La data di fine deve venire dopo quella di inizio."))
        return cleaned


class MembershipStartForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Rete"), queryset=Network.objects.all())
    organisation = forms.ChoiceField(
        label=_("Ente"), choices=NetworkMembership.Organisation.choices
    )


class MembershipForm(forms.ModelForm):
    class Meta:
        model = NetworkMembership
        fields = [
            "since",
            "founder",
            "resolution_number",
            "resolution_date",
            "focal_point",
            "annual_fee",
            "notes",
        ]
        widgets = {
            "since": DateInput(),
            "resolution_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focal_point"].queryset = _staff_users()
        self.fields["annual_fee"].validators.append(MinValueValidator(0))
        self.fields["annual_fee"].widget.attrs["min"] = "0"


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("Azione da seguire"), max_length=300)


class FollowUpConvertForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Responsabile"), queryset=User.objects.none())
    due_date = forms.DateField(label=_("Scadenza"), widget=DateInput())
    area = forms.ModelChoiceField(label=_("Area ICC"), queryset=PolicyArea.objects.all())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff_users()


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["network", "title", "description", "area", "owner", "due_date"]
        widgets = {"due_date": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owners = _staff_users()
        if self.instance.owner_id:
            # The current owner stays a choice even if they have since left the staff.
            owners = User.objects.filter(
                Q(pk__in=owners.values("pk")) | Q(pk=self.instance.owner_id)
            ).order_by("full_name", "email")
        self.fields["owner"].queryset = owners


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Nota di avanzamento"), widget=forms.Textarea(attrs={"rows": 3}))


class EvidenceForm(forms.Form):
    description = forms.CharField(label=_("Che cosa dimostra"), max_length=200)
    link = forms.URLField(label=_("Link"), required=False)
    file = forms.FileField(label=_("File"), required=False, validators=[validate_document])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("link") and not cleaned.get("file") and not self.errors:
            raise ValidationError(_("Indica un link o carica un file."))
        return cleaned


class StepForm(forms.Form):
    completed_on = forms.DateField(label=_("Completato il"), widget=DateInput())
    document = forms.FileField(label=_("Documento"), required=False, validators=[validate_document])
    note = forms.CharField(label=_("Nota"), max_length=300, required=False)

    def clean_completed_on(self):
        value = self.cleaned_data["completed_on"]
        if value > timezone.localdate():
            raise ValidationError(_("La data non può essere nel futuro: controlla la data."))
        return value


class TransitionForm(forms.Form):
    to = forms.CharField(max_length=32)
    note = forms.CharField(label=_("Nota"), max_length=500, required=False)


class AssessmentForm(forms.Form):
    """The year, then a score 0–100 for every area (optional areas may stay empty)."""

    year = forms.IntegerField(label=_("Anno"), min_value=2000, max_value=2100)
    notes = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        for area in self.areas:
            self.fields[f"score_{area.slug}"] = forms.IntegerField(
                label=_("%(area)s: punteggio (0–100)") % {"area": area.label},
                min_value=0,
                max_value=100,
                required=not area.optional,
            )
            self.fields[f"peer_{area.slug}"] = forms.IntegerField(
                label=_("%(area)s: media delle città simili") % {"area": area.label},
                min_value=0,
                max_value=100,
                required=False,
            )
            self.fields[f"evidence_{area.slug}"] = forms.CharField(
                label=_("%(area)s: elementi a sostegno") % {"area": area.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        for area in self.areas:
            if f"score_{area.slug}" in self.errors or cleaned.get(f"score_{area.slug}") is not None:
                continue
            if (
                cleaned.get(f"peer_{area.slug}") is not None
                or (cleaned.get(f"evidence_{area.slug}") or "").strip()
            ):
                # Without a score the area is not assessed: what was written would be lost.
                self.add_error(
                    f"score_{area.slug}",
                    _(
                        "Hai scritto la media delle città simili o gli elementi a sostegno di "
                        "«%(area)s» ma non il punteggio: inserisci il punteggio o svuota gli altri "
                        "campi dell'area."
                    )
                    % {"area": area.label},
                )
        return cleaned

    def scores(self) -> dict:
        """The scores entered, by area (areas left empty are not scored)."""
        found = {}
        for area in self.areas:
            score = self.cleaned_data.get(f"score_{area.slug}")
            if score is None:
                continue
            found[area] = {
                "score": score,
                "peer_average": self.cleaned_data.get(f"peer_{area.slug}"),
                "evidence": self.cleaned_data.get(f"evidence_{area.slug}", ""),
            }
        return found

    def area_rows(self):
        """The fields grouped per area, for the template."""
        return [
            (
                area,
                self[f"score_{area.slug}"],
                self[f"peer_{area.slug}"],
                self[f"evidence_{area.slug}"],
            )
            for area in self.areas
        ]
