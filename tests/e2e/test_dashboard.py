"""Staff open the programme dashboard, filter it and read the figures; it stays accessible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accounts import log_in
from tests.e2e.axe import serious_violations
from tests.programme.dashboard_data import seed_dashboard

pytestmark = pytest.mark.django_db(transaction=True)

TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # the ``staff`` fixture's authenticator


def _signatures(page) -> str:
    card = page.locator(".portal-figure", has_text="firme del manifesto confermate")
    return card.locator(".portal-figure-value").inner_text()


def test_staff_filter_the_dashboard_and_see_the_figures_change(page, live_server, staff, totp_code):
    seed_dashboard(n=1)
    log_in(page, live_server.url, staff.email, "password-123!", totp=totp_code(TOTP_SECRET))
    page.goto(f"{live_server.url}/programma/cruscotto/")
    expect(page).to_have_title(re.compile("Cruscotto del programma"))
    assert _signatures(page) == "4"
    assert serious_violations(page) == []

    page.get_by_role("spinbutton", name=re.compile("^Anno")).fill("2025")
    page.get_by_role("button", name="Mostra gli indicatori").click()
    page.get_by_text("Indicatori del 2025, tutti i paesi.").wait_for()
    assert _signatures(page) == "3"

    page.get_by_role("combobox", name=re.compile("^Paese di origine")).select_option(
        label="Senegal"
    )
    page.get_by_role("button", name="Mostra gli indicatori").click()
    page.get_by_text("Indicatori del 2025 per Senegal.").wait_for()
    assert _signatures(page) == "1"
    assert serious_violations(page) == []

    page.get_by_role("spinbutton", name=re.compile("^Anno")).fill("1800")
    page.get_by_role("button", name="Mostra gli indicatori").click()
    page.get_by_text("Correggi i filtri per vedere gli indicatori.").wait_for()
    assert page.get_by_text("Scrivi un anno dal 2000 in poi.").first.is_visible()
    assert serious_violations(page) == []
    assert page.csp_errors == []
