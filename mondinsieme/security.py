"""Session lifetime rules: an idle timeout and an absolute one, both counted in the session.

The session stores two timestamps (seconds since the epoch, so they survive JSON serialisation):
when the user logged in (set by the ``user_logged_in`` signal) and when they were last seen (set
by ``SessionTimeoutMiddleware``). Keeping them in the session rather than relying on the cookie's
age means a stolen cookie stops working on the server, whatever the browser does with it.
"""

from __future__ import annotations

import enum
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

LOGIN_AT_KEY = "_portal_login_at"
LAST_SEEN_KEY = "_portal_last_seen_at"
# Writing the session on every request would cost a database write per page: the last-seen time
# is refreshed at most this often, so the idle timeout holds to within a minute.
LAST_SEEN_RESOLUTION = 60


class Expiry(enum.Enum):
    IDLE = "idle"
    ABSOLUTE = "absolute"


def session_expiry(session, *, now: float) -> Expiry | None:
    """Why this authenticated session must end now, or ``None`` while it is still valid."""
    login_at = session.get(LOGIN_AT_KEY)
    last_seen = session.get(LAST_SEEN_KEY)
    if login_at is not None and now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT:
        return Expiry.ABSOLUTE
    if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
        return Expiry.IDLE
    return None


def session_touch(session, *, now: float) -> bool:
    """Record activity; stamp sessions that predate these rules instead of ending them.

    Returns whether the last-seen time moved (at most once a ``LAST_SEEN_RESOLUTION``).
    """
    session.setdefault(LOGIN_AT_KEY, now)
    last_seen = session.get(LAST_SEEN_KEY)
    if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
        session[LAST_SEEN_KEY] = now
        return True
    return False


@receiver(user_logged_in, dispatch_uid="portal_session_login_at")
def _stamp_login(sender, request, user, **kwargs) -> None:
    # Django's own signal: sent by allauth's login, the admin's and the test client's force_login.
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LOGIN_AT_KEY] = now
        request.session[LAST_SEEN_KEY] = now
