"""Logging in and out in the browser, as a person does (password, then the TOTP code)."""

from __future__ import annotations

import re

EMAIL_LABEL = re.compile(r"^E-?mail$", re.I)


def log_in(page, base_url: str, email: str, password: str, totp: str | None = None) -> None:
    """Sign in through allauth; with ``totp`` (the current code) also pass the second factor."""
    page.goto(f"{base_url}/account/login/")
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name=re.compile("Accedi", re.I)).click()
    if totp is not None:
        page.get_by_label(re.compile("Codice|Code", re.I)).fill(totp)
        page.get_by_role("button", name=re.compile("Accedi|Sign In|Conferma", re.I)).click()
        # Leaving the account pages means the second factor was accepted.
        page.wait_for_url(lambda url: "/account/" not in url)


def log_out(page, base_url: str) -> None:
    page.goto(f"{base_url}/account/logout/")
    page.get_by_role("button", name=re.compile("Esci", re.I)).last.click()
