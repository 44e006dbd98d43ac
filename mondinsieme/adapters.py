"""allauth adapter: account e-mails go through the portal's queue in the user's language."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
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
