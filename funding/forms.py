"""Forms of the funding pages: proposals, attachments, pipeline moves, reviews, board filters."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from associations.models import Association, City
from mondinsieme.uploads import validate_document

from .models import Call, Proposal, ProposalAttachment, Review


class ProposalForm(forms.ModelForm):
    """What the leaders write; ``association`` only when the proposal is created."""

    association = forms.ModelChoiceField(
        label=_("Associazione capofila"), queryset=Association.objects.none()
    )
    partner_associations = forms.ModelMultipleChoiceField(
        label=_("Associazioni partner"),
        queryset=Association.objects.public().order_by("name"),
        required=False,
        help_text=_("Tieni premuto Ctrl (o Cmd) per sceglierne più di una."),
    )
    partner_cities = forms.ModelMultipleChoiceField(
        label=_("Città partner"),
        queryset=City.objects.order_by("name"),
        required=False,
        help_text=_("Comuni partner, a Reggio Emilia e all'estero."),
    )
    cities = forms.ModelMultipleChoiceField(
        label=_("Città di intervento"), queryset=City.objects.order_by("name"), required=False
    )

    class Meta:
        model = Proposal
        fields = [
            "association",
            "title",
            "summary",
            "objectives",
            "call",
            "partner_associations",
            "partner_cities",
            "other_partners",
            "countries",
            "cities",
            "budget",
            "requested_amount",
            "cofinancing",
            "duration_months",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "other_partners": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, associations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = Call.objects.open().order_by("deadline")
        self.fields["call"].required = False
        if self.instance.pk:
            del self.fields["association"]
            # Past the idea stage reviews and criteria hang on the call: it can change, not go.
            self.fields["call"].required = self.instance.status != Proposal.Status.IDEA
            if self.instance.call_id:
                self.fields["call"].queryset = Call.objects.filter(
                    pk=self.instance.call_id
                ) | Call.objects.open().order_by("deadline")
        else:
            self.fields["association"].queryset = associations or Association.objects.none()

    def clean(self):
        cleaned = super().clean()
        budget = cleaned.get("budget") or 0
        requested = cleaned.get("requested_amount") or 0
        cofinancing = cleaned.get("cofinancing") or 0
        if requested > budget:
            self.add_error(
                "requested_amount", _("Il contributo richiesto non può superare il budget totale.")
            )
        elif requested + cofinancing > budget:
            self.add_error(
                "cofinancing",
                _(
                    "Contributo richiesto e cofinanziamento insieme non possono superare il "
                    "budget totale."
                ),
            )
        return cleaned

    def proposal_data(self) -> dict:
        skip = {"association", "partner_associations", "partner_cities", "cities"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo di documento"), choices=ProposalAttachment.Kind.choices)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, immagini, DOCX, XLSX, ODT o ODS, al massimo 10 MB.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_document(upload)
        return upload


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Proposal.Status.choices)
    note = forms.CharField(label=_("Nota"), required=False, max_length=5000, widget=forms.Textarea)
    awarded_amount = forms.DecimalField(
        label=_("Contributo assegnato (€)"), required=False, min_value=0, max_digits=12
    )


class AssignReviewerForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail del revisore"),
        help_text=_("La persona deve avere già un account sul portale."),
    )
    due_date = forms.DateField(
        label=_("Da completare entro"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(
                _("Nessun account con questo indirizzo. Chiedi alla persona di registrarsi.")
            )
        self.reviewer = user
        return email


class ConflictForm(forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("Hai un conflitto di interessi con questa proposta?"),
        choices=[("no", _("No, posso valutarla")), ("yes", _("Sì, devo astenermi"))],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
    )
    note = forms.CharField(
        label=_("Se sì, spiega in breve perché"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScoreForm(forms.Form):
    """One points field and one comment per criterion of the call, then the recommendation."""

    def __init__(self, *args, criteria, scores=None, review: Review, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        existing = {score.criterion_id: score for score in (scores or [])}
        for criterion in criteria:
            score = existing.get(criterion.pk)
            self.fields[f"points_{criterion.pk}"] = forms.DecimalField(
                label=_("%(name)s: punti (da 0 a %(max)s)")
                % {"name": criterion.name, "max": criterion.max_points},
                min_value=0,
                max_value=criterion.max_points,
                decimal_places=2,
                required=False,
                initial=score.points if score else None,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("%(name)s: commento") % {"name": criterion.name},
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )
        self.fields["recommendation"] = forms.ChoiceField(
            label=_("Raccomandazione"),
            choices=[("", "—"), *Review.Recommendation.choices],
            required=False,
            initial=review.recommendation,
        )
        self.fields["comments"] = forms.CharField(
            label=_("Commento generale"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 4}),
            initial=review.comments,
        )

    def scores(self) -> dict:
        return {
            criterion.pk: (
                self.cleaned_data.get(f"points_{criterion.pk}"),
                self.cleaned_data.get(f"comment_{criterion.pk}", ""),
            )
            for criterion in self.criteria
        }


class BoardFilterForm(forms.Form):
    call = forms.ModelChoiceField(
        label=_("Bando"),
        # Only what an option shows: the rows carry long texts the filter never reads.
        queryset=Call.objects.exclude(status=Call.Status.DRAFT)
        .only("pk", "title")
        .order_by("-deadline"),
        required=False,
        empty_label=_("Tutti i bandi"),
    )
    country = forms.ChoiceField(label=_("Paese"), required=False)
    association = forms.ModelChoiceField(
        label=_("Associazione"),
        queryset=Association.objects.filter(funding_proposals__isnull=False)
        .only("pk", "name")
        .distinct()
        .order_by("name"),
        required=False,
        empty_label=_("Tutte le associazioni"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the countries some proposal works in: a filter offering all ~250 countries
        # mostly leads nowhere, and rendering them took most of the board's time.
        used = {
            code
            for value in Proposal.objects.order_by().values_list("countries", flat=True).distinct()
            for code in str(value).split(",")
            if code
        }
        self.fields["country"].choices = [
            ("", _("Tutti i paesi")),
            *((code, name) for code, name in countries if code in used),
        ]
