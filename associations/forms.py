"""Forms of the reserved area: a leader's association profile, join requests, invitations."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import FileExtensionValidator, RegexValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from mondinsieme.uploads import GeneratedName
from mondinsieme.validators import normalise_fiscal_code, validate_plain_text

from .models import Association, Community, Membership, Theme

phone_validator = RegexValidator(
    r"^\+?[0-9 ./()-]{6,20}$",
    _("Scrivi il numero di telefono con sole cifre, spazi e l'eventuale prefisso +."),
)


class AssociationForm(forms.ModelForm):
    """The profile a leader keeps: everything except what staff decide (status, AICS, adhesion)."""

    communities = forms.ModelMultipleChoiceField(
        label=_("Comunità"),
        queryset=Community.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Le comunità della diaspora a cui l'associazione si rivolge."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Temi"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    logo = forms.ImageField(
        label=_("Logo"),
        required=False,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "webp"])],
        help_text=_("Immagine PNG, JPG o WebP, al massimo 1 MB."),
    )

    class Meta:
        model = Association
        fields = [
            "name",
            "acronym",
            "legal_form",
            "register",
            "register_number",
            "fiscal_code",
            "founded_year",
            "communities",
            "countries_of_intervention",
            "themes",
            "description",
            "email",
            "phone",
            "website",
            "address",
            "logo",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "founded_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(phone_validator)
        self.fields["description"].validators.append(validate_plain_text)
        self.fields["countries_of_intervention"].required = False
        self.fields["countries_of_intervention"].help_text = _(
            "Tieni premuto Ctrl (o Cmd) per sceglierne più di uno."
        )

    def clean_fiscal_code(self) -> str:
        return normalise_fiscal_code(self.cleaned_data.get("fiscal_code", ""))

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > settings.PORTAL_LOGO_MAX_BYTES:
            raise forms.ValidationError(
                _("Il logo pesa %(size)s: il massimo è %(max)s. Riduci l'immagine e riprova.")
                % {
                    "size": filesizeformat(logo.size),
                    "max": filesizeformat(settings.PORTAL_LOGO_MAX_BYTES),
                }
            )
        if logo and hasattr(logo, "content_type"):
            # A fresh upload (not the stored file): never keep the name the user gave it.
            logo.name = "logo-" + GeneratedName("")(None, logo.name).lstrip("/")
        return logo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("register") and not cleaned.get("register_number"):
            self.add_error(
                "register_number", _("Indica il numero di iscrizione al registro scelto.")
            )
        return cleaned

    def profile_data(self) -> dict:
        """The plain field values for the service (relations are passed apart)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("communities", "themes") and not (name == "logo" and value is None)
        }


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Messaggio per i referenti (facoltativo)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_plain_text],
        help_text=_("Per esempio: chi sei e perché vuoi entrare nell'associazione."),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail della persona da invitare"), max_length=254)
    role = forms.ChoiceField(
        label=_("Ruolo"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Ruolo"), choices=Membership.Role.choices)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Accetta")), ("reject", _("Rifiuta"))], widget=forms.HiddenInput
    )
    role = forms.ChoiceField(
        label=_("Ruolo"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        required=False,
    )
