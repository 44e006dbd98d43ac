"""Forms for the course list filters, enrolment by a leader, attendance, feedback, revocation."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Membership

from .models import Course, Path

User = get_user_model()


class CourseFilterForm(forms.Form):
    path = forms.ModelChoiceField(
        label=_("Percorso"),
        queryset=Path.objects.order_by("title"),
        to_field_name="slug",
        required=False,
        empty_label=_("Tutti i percorsi"),
    )
    modality = forms.ChoiceField(
        label=_("Modalità"),
        choices=[("", _("Tutte le modalità")), *Course.Modality.choices],
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Lingua"),
        choices=[("", _("Tutte le lingue")), *Course.Language.choices],
        required=False,
    )
    open = forms.BooleanField(label=_("Solo con iscrizioni aperte"), required=False)


class _MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name or obj.email} ({obj.email})"


class EnrolForm(forms.Form):
    """A leader picks one of their associations and a member, or writes an e-mail address."""

    association = forms.ModelChoiceField(
        label=_("Per l'associazione"), queryset=Association.objects.none(), empty_label=None
    )
    participant = _MemberChoiceField(
        label=_("Socio o socia da iscrivere"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Scegli dall'elenco dei soci"),
    )
    email = forms.EmailField(
        label=_("Oppure l'e-mail di chi non ha ancora un account"),
        # As long as the invitation's e-mail column: a longer address is a form error.
        max_length=254,
        required=False,
        help_text=_("Riceverà l'invito a entrare nell'associazione; poi potrai iscriverla."),
    )

    def __init__(self, *args, leader, **kwargs):
        super().__init__(*args, **kwargs)
        led = Association.objects.filter(
            memberships__user=leader,
            memberships__status=Membership.Status.ACTIVE,
            memberships__role__in=Membership.ACTING_ROLES,
        ).order_by("name")
        self.fields["association"].queryset = led
        self.fields["participant"].queryset = (
            User.objects.filter(
                memberships__association__in=led, memberships__status=Membership.Status.ACTIVE
            )
            .distinct()
            .order_by("full_name", "email")
        )
        self.fields["participant"].initial = leader.pk

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("participant")) == bool(cleaned.get("email")):
            raise forms.ValidationError(
                _("Scegli un socio dall'elenco oppure scrivi un indirizzo e-mail (uno dei due).")
            )
        return cleaned


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("Foglio presenze (CSV)"),
        validators=[FileExtensionValidator(["csv", "txt"])],
        help_text=_(
            "Colonne «email» e «presente» (sì/no). Separatore virgola o punto e virgola, "
            "codifica UTF-8. Al massimo 1 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("Il file supera 1 MB: dividilo in più parti."))
        return upload


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Quanto ti è stato utile il corso?"),
        choices=[(value, str(value)) for value in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("Da 1 (per niente) a 5 (moltissimo)."),
    )
    comment = forms.CharField(
        label=_("Commento"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Motivo della revoca"), max_length=300)
