"""Forms of the public manifesto pages and of the leaders' reserved pages."""

from __future__ import annotations

import functools

from django import forms
from django.core.validators import validate_email
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from associations.models import Association, City
from mondinsieme.validators import validate_plain_text

from .models import Amendment, Article, Delegation, Signature

HONEYPOT_FIELD = "website"


@functools.lru_cache(maxsize=16)
def _countries_in(language: str) -> list:
    return list(countries)  # names sorted in the active language, which is ``language``


def _country_choices():
    return _countries_in(get_language() or "")


class _CountryField(forms.ChoiceField):
    """Checks a code against a set instead of walking ~250 choices on every signature."""

    def valid_value(self, value) -> bool:
        return str(value) in _country_codes()


@functools.cache
def _country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


MAX_DELEGATION_MEMBERS = 30


class SignatureForm(forms.Form):
    """A citizen's signature: the data we need and two separate, explicit choices."""

    name = forms.CharField(
        label=_("Nome e cognome"),
        max_length=200,
        validators=[validate_plain_text],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Ti mandiamo un link per confermare la firma."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    residence_city = forms.CharField(
        label=_("Città di residenza"),
        max_length=120,
        validators=[validate_plain_text],
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    # A callable: names (and their order) follow the visitor's language, and building the form
    # does not deep-copy some 250 choices on every request.
    country = _CountryField(label=_("Paese di residenza"), choices=_country_choices, initial="IT")
    consent = forms.BooleanField(
        label=_(
            "Acconsento al trattamento dei miei dati per raccogliere la firma. So che la firma"
            " può rivelare le mie opinioni e che posso ritirarla in ogni momento."
        ),
        error_messages={"required": _("Per firmare serve il tuo consenso.")},
    )
    public_listing = forms.BooleanField(
        label=_("Mostrate il mio nome nell'elenco pubblico dei firmatari"), required=False
    )
    news_opt_in = forms.BooleanField(
        label=_("Voglio ricevere notizie sul Manifesto e sul Forum"), required=False
    )


class AssociationSignatureForm(forms.Form):
    association = forms.ModelChoiceField(
        label=_("Associazione"), queryset=Association.objects.none(), empty_label=None
    )
    public_listing = forms.BooleanField(
        label=_("Mostrate l'associazione nell'elenco pubblico"), required=False, initial=True
    )

    def __init__(self, *args, associations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if associations is not None:
            self.fields["association"].queryset = associations


class CitySignatureForm(forms.Form):
    city = forms.ModelChoiceField(label=_("Città"), queryset=City.objects.order_by("name"))
    signatory = forms.CharField(
        label=_("Chi firma"), max_length=120, validators=[validate_plain_text]
    )
    role = forms.CharField(
        label=_("Carica"),
        max_length=80,
        validators=[validate_plain_text],
        help_text=_("Ad esempio: sindaca, sindaco, assessore."),
    )
    document = forms.FileField(
        label=_("Documento firmato"), help_text=_("La scansione firmata: PDF, PNG o JPG.")
    )


class AmendmentForm(forms.ModelForm):
    association = forms.ModelChoiceField(
        label=_("Per conto di"), queryset=Association.objects.none(), empty_label=None
    )
    article = forms.ModelChoiceField(
        label=_("Articolo"), queryset=Article.objects.none(), empty_label=None
    )

    class Meta:
        model = Amendment
        fields = ["association", "article", "kind", "new_title", "text", "rationale"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 6}),
            "rationale": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "new_title": _("Solo per un nuovo articolo, o se proponi un titolo diverso."),
            "text": _("Il testo completo dell'articolo come lo proponi (non serve per togliere)."),
        }

    def __init__(self, *args, manifesto, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
        self.fields["article"].queryset = manifesto.articles.order_by("position")

    def clean(self):
        data = super().clean()
        if data.get("kind") != Amendment.Kind.DELETE and not (data.get("text") or "").strip():
            self.add_error("text", _("Scrivi il testo che proponi."))
        return data

    def _post_clean(self):
        # The service builds and validates the amendment; the form only parses input.
        pass


class DelegationForm(forms.ModelForm):
    association = forms.ModelChoiceField(
        label=_("Associazione"), queryset=Association.objects.none(), empty_label=None
    )
    city = forms.ModelChoiceField(label=_("Città"), queryset=City.objects.none())

    class Meta:
        model = Delegation
        fields = [
            "association",
            "city",
            "head_name",
            "head_role",
            "head_email",
            "arrival_on",
            "departure_on",
            "interpreting_language",
            "accessibility_needs",
            "invitation_letter",
        ]
        widgets = {
            "arrival_on": forms.DateInput(attrs={"type": "date"}),
            "departure_on": forms.DateInput(attrs={"type": "date"}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
        }

    members = forms.CharField(
        label=_("Altri membri della delegazione"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Una persona per riga: nome e cognome; ruolo; e-mail (ruolo ed e-mail facoltativi)."
            " Servono per la lettera d'invito e i badge."
        ),
    )

    def __init__(self, *args, associations, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
        self.fields["city"].queryset = cities

    def clean_members(self) -> list[dict]:
        """One member per line, "name; role; e-mail": each line checked, errors by line."""
        lines = [line.strip() for line in self.cleaned_data["members"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_DELEGATION_MEMBERS:
            raise forms.ValidationError(
                _("Al massimo %(n)s membri oltre al capo delegazione.")
                % {"n": MAX_DELEGATION_MEMBERS}
            )
        members, errors = [], []
        for number, line in enumerate(lines, start=1):
            parts = [part.strip() for part in line.split(";")]
            if len(parts) > 3 or not parts[0]:
                errors.append(
                    _("Riga %(n)s: scrivi nome e cognome; ruolo; e-mail.") % {"n": number}
                )
                continue
            name, role, email = [*parts, "", ""][:3]
            try:
                validate_plain_text(name)
                validate_plain_text(role)
                if len(name) > 200 or len(role) > 200:
                    raise forms.ValidationError(_("nome e ruolo hanno al massimo 200 caratteri."))
                if email:
                    validate_email(email)
                    if len(email) > 254:  # the column's size; the validator allows 320
                        raise forms.ValidationError(_("l'e-mail ha al massimo 254 caratteri."))
            except forms.ValidationError as error:
                errors.append(
                    _("Riga %(n)s: %(error)s") % {"n": number, "error": " ".join(error.messages)}
                )
                continue
            members.append({"name": name, "role": role, "email": email})
        if errors:
            raise forms.ValidationError(errors)
        return members

    def clean(self):
        data = super().clean()
        if (
            data.get("arrival_on")
            and data.get("departure_on")
            and data["departure_on"] < data["arrival_on"]
        ):
            self.add_error("departure_on", _("La partenza deve venire dopo l'arrivo."))
        return data

    def _post_clean(self):
        pass

    def delegation_data(self) -> dict:
        skip = {"association", "city", "members"}
        return {
            k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields and k not in skip
        }


def _country_filter_choices():
    # A callable: country names follow the language of each request.
    return [("", _("Tutti")), *countries]


class SignatoryFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Tipo"),
        required=False,
        choices=[("", _("Tutti")), *Signature.Kind.choices],
    )
    country = forms.ChoiceField(label=_("Paese"), required=False, choices=_country_filter_choices)


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Nome e cognome"),
        max_length=200,
        validators=[validate_plain_text],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Ti scriviamo se hai un posto o se sei in lista d'attesa."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_("Acconsento al trattamento dei miei dati per organizzare la partecipazione."),
        error_messages={"required": _("Per iscriverti serve il tuo consenso.")},
    )
