"""The map of relationships and the country dossiers in a browser: accessible, CSP-clean, usable."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accounts import log_in
from tests.e2e.axe import serious_violations
from tests.programme.factories import seed_country

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "path",
    [
        "/programma/mappa/",
        "/programma/mappa/?kind=twin&country=ZZ",
        "/programma/paesi/",
        "/programma/paesi/sn/",
        "/en/programma/mappa/",
        "/en/programma/paesi/sn/",
    ],
)
def test_map_and_dossier_pages_have_no_serious_accessibility_violations(page, live_server, path):
    seed_country(n=2)
    page.goto(f"{live_server.url}{path}")
    page.locator("h1").wait_for()
    assert serious_violations(page) == []
    assert page.csp_errors == []


def test_the_staff_dossier_has_no_serious_accessibility_violations(
    page, live_server, staff, totp_code
):
    seed_country(n=1)
    log_in(page, live_server.url, staff.email, "password-123!", totp=totp_code("JBSWY3DPEHPK3PXP"))
    page.goto(f"{live_server.url}/programma/gestione/paesi/sn/")
    expect(page).to_have_title(re.compile("scheda paese per lo staff"))
    assert page.get_by_text("Capo Riservato sn 0").count() == 1
    assert serious_violations(page) == []
    assert page.csp_errors == []


def test_a_visitor_filters_the_map_and_opens_a_country_dossier(page, live_server):
    seed_country(n=1)
    seed_country(n=1, code="MA", tag="ma")
    page.goto(f"{live_server.url}/programma/mappa/")
    map_image = page.get_by_role("img", name="Mappa dei legami di Reggio Emilia nel mondo")
    expect(map_image).to_be_visible()
    # Bootstrap Italia draws the box over the input: a visitor clicks the label.
    page.locator("#map-filters").get_by_text("città gemellata", exact=True).click()
    expect(page.get_by_label("città gemellata")).to_be_checked()
    page.get_by_role("button", name="Mostra").click()
    page.wait_for_url(re.compile(r"kind=twin"))
    table = page.locator("table.portal-map-links")
    expect(table.locator("tbody tr")).to_have_count(2)  # one agreement in force per country
    expect(table.get_by_text("città di origine")).to_have_count(0)
    expect(page.locator("svg.portal-map .map-marker")).to_have_count(2)
    table.get_by_role("link", name="Senegal").click()
    expect(page).to_have_title(re.compile("Senegal: scheda paese"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Senegal")
    assert page.get_by_text("Riservat").count() == 0
    assert page.csp_errors == []
