"""The open-data catalogue and the search: accessible, CSP-clean, and the search box works."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import serious_violations
from tests.programme.factories import seed_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "path",
    [
        "/programma/dati-aperti/",
        "/programma/cerca/?q=Baobab",
        "/programma/cerca/?q=nessunrisultato",
        "/en/programma/cerca/?q=Baobab",
    ],
)
def test_programme_page_has_no_serious_accessibility_violations(page, live_server, path):
    seed_world(n=2)
    page.goto(f"{live_server.url}{path}")
    assert serious_violations(page) == []
    assert page.csp_errors == []


def test_a_visitor_searches_and_opens_a_result(page, live_server):
    seed_world(n=1)
    page.goto(f"{live_server.url}/programma/cerca/")
    page.get_by_label("Cosa cerchi?").fill("Baobab")
    page.get_by_role("button", name="Cerca", exact=True).click()
    page.get_by_role("heading", name="Corsi").wait_for()
    assert page.get_by_text("Baobab corso bozza").count() == 0
    page.get_by_role("link", name="Baobab corso 0").click()
    expect(page).to_have_title(re.compile("Baobab corso 0"))
