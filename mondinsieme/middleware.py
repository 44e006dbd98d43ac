"""Staff must protect their accounts with a second factor before they touch any staff page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class StaffMFARequiredMiddleware:
    """Redirect staff without TOTP to the page that activates it.

    Only the account pages (where TOTP is activated, or the user logs out) stay reachable, so the
    admin and every staff view are behind two factors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.PORTAL_STAFF_MFA_REQUIRED
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not self._is_exempt(request.path_info)
            and not self._has_totp(user)
        ):
            messages.warning(
                request,
                _(
                    "Per usare le funzioni del personale attiva prima l'autenticazione a due "
                    "fattori con un'app di autenticazione."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _is_exempt(path: str) -> bool:
        exempt = [reverse("account_login").rsplit("login/", 1)[0], settings.STATIC_URL, "/i18n/"]
        return any(path.startswith(prefix) for prefix in exempt)

    @staticmethod
    def _has_totp(user) -> bool:
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
