"""Logging in and out in the browser, as a person does (password, then the TOTP code)."""

from __future__ import annotations

import re
import time

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

#: The authenticator secret of the ``staff`` fixture and of the browser journeys' staff.
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXP"
EMAIL_LABEL = re.compile(r"^E-?mail$", re.I)


def log_in(page, base_url: str, email: str, password: str, totp: str | None = None) -> None:
    """Sign in through allauth; with ``totp`` (the current code) also pass the second factor."""
    page.goto(f"{base_url}/account/login/")
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name=re.compile("Accedi", re.I)).click()
    if totp is not None:
        pass_second_factor(page, totp)


def current_totp(secret: str = STAFF_TOTP_SECRET) -> str:
    """The code an authenticator app shows now for ``secret``."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def pass_second_factor(page, code: str, secret: str = STAFF_TOTP_SECRET) -> None:
    """Type the TOTP code; if it is refused (the 30-second window turned on a slow machine),
    wait for the next window and type that code, as a person would."""
    for attempt in range(2):
        page.get_by_label(re.compile("Codice|Code", re.I)).fill(code)
        page.get_by_role("button", name=re.compile("Accedi|Sign In|Conferma", re.I)).click()
        try:
            # Leaving the account pages means the second factor was accepted.
            timeout = 10_000 if attempt == 0 else None
            page.wait_for_url(lambda url: "/account/" not in url, timeout=timeout)
            return
        except PlaywrightTimeoutError:
            if attempt == 1:
                raise
        time.sleep(30 - time.time() % 30 + 1)
        code = current_totp(secret)


def log_out(page, base_url: str) -> None:
    page.goto(f"{base_url}/account/logout/")
    page.get_by_role("button", name=re.compile("Esci", re.I)).last.click()
