"""The portal's own middleware: response security headers, session timeouts, staff MFA."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .security import Expiry, session_expiry, session_touch

# Browser features the portal never uses: a script injected despite the CSP cannot use them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
        "xr-spatial-tracking",
    )
)


class SecurityHeadersMiddleware:
    """Add the headers Django's SecurityMiddleware does not, and keep personal pages out of caches.

    ``Cache-Control: private, no-store`` goes on every response to a logged-in user, on every
    response that sets a cookie, on downloads (``Content-Disposition: attachment``) and on every
    page under the account and admin prefixes, so neither a shared proxy nor the browser's back
    button keeps a copy of personal data. A view that already forbids storing keeps its header.
    Placed first in MIDDLEWARE, so it also covers redirects and error pages made by the others.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._private_prefixes: tuple[str, ...] | None = None

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if self._is_personal(request, response):
            cache_control = response.headers.get("Cache-Control", "")
            if "no-store" not in cache_control or "private" not in cache_control:
                add_never_cache_headers(response)
        return response

    def _is_personal(self, request, response) -> bool:
        user = getattr(request, "user", None)
        return bool(
            (user is not None and user.is_authenticated)
            or response.cookies
            or response.headers.get("Content-Disposition", "").startswith("attachment")
            or request.path_info.startswith(self.private_prefixes())
        )

    def private_prefixes(self) -> tuple[str, ...]:
        # Built on first use, when the URLconf is loaded; one prefix per language (/en/account/).
        if self._private_prefixes is None:
            prefixes = []
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    prefixes.append(reverse("account_login").rsplit("login/", 1)[0])
                    prefixes.append(reverse("admin:index"))
            self._private_prefixes = tuple(prefixes)
        return self._private_prefixes


class SessionTimeoutMiddleware:
    """Log out a user idle for too long, or logged in too long ago.

    The limits are ``SESSION_IDLE_TIMEOUT`` and ``SESSION_ABSOLUTE_TIMEOUT`` (seconds, from the
    environment).

    The request then goes on as anonymous: a reserved page sends the user to the login page, where
    the message explains why. Must sit after the authentication and message middleware.

    It also keeps allauth's list of the user's sessions (``usersessions``) up to date: its own
    middleware would write the session row on every request, this one when the last-seen time
    moves, at most once a minute. allauth records the session itself at login.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            expiry = session_expiry(request.session, now=now)
            if expiry is None:
                if session_touch(request.session, now=now):
                    from allauth.usersessions.models import UserSession

                    UserSession.objects.create_from_request(request)
            else:
                logout(request)
                messages.warning(request, self._message(expiry))
        return self.get_response(request)

    @staticmethod
    def _message(expiry: Expiry) -> str:
        if expiry is Expiry.IDLE:
            return _(
                "Nessuna attività da più di %(minutes)s minuti: per sicurezza la sessione è "
                "stata chiusa. Accedi di nuovo per continuare."
            ) % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60}
        return _(
            "Per sicurezza una sessione dura al massimo %(hours)s ore dall'accesso: accedi di "
            "nuovo per continuare."
        ) % {"hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600}


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
