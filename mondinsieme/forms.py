"""Account forms: sign-up asks for the name the portal shows to staff and other leaders."""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .validators import validate_plain_text


class SignupForm(AllauthSignupForm):
    full_name = forms.CharField(
        label=_("Nome e cognome"),
        max_length=150,
        validators=[validate_plain_text],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["full_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The notice the new account accepts (privacy.Consent records its version).
        self.fields["email"].help_text = format_html(
            _('Come usiamo i tuoi dati: <a href="{url}">informativa sugli account</a>.'),
            url=reverse("privacy:purpose", args=["accounts"]),
        )
