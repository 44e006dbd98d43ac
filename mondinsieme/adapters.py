"""allauth adapter: sign-up stores the name, language and consent; addresses are length-checked.

allauth sends its own e-mails (confirmation, password reset) at once, in the visitor's language,
not through the OutgoingEmail queue: they carry one-time keys that must not be kept in a table.
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        # Sign-up, "add an address" and password reset all pass here. allauth would cut a longer
        # address to the column's length and write to someone else: refuse it with a message.
        MaxLengthValidator(get_user_model()._meta.get_field("email").max_length)(email)
        return super().clean_email(email)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data.get("full_name", "")
        user.preferred_language = translation.get_language() or "it"
        if commit:
            user.save()
            from privacy.models import Purpose
            from privacy.services import consent_record

            consent_record(purpose=Purpose.ACCOUNTS, user=user, source="account.signup")
        return user
