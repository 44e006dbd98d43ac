"""Public pages have no serious or critical accessibility violations (axe-core)."""

from __future__ import annotations

import pytest

from tests.e2e.axe import serious_violations
from tests.factories import AssociationFactory, CommunityFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def directory_data():
    community = CommunityFactory(name="Comunità senegalese", country="SN")
    theme = ThemeFactory(name="Istruzione")
    for index in range(3):
        AssociationFactory(
            name=f"Associazione di prova {index}", communities=[community], themes=[theme]
        )


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/associazioni/", "/associazioni/?q=prova", "/account/login/"]
)
def test_public_page_has_no_serious_accessibility_violations(
    page, live_server, directory_data, path
):
    page.goto(f"{live_server.url}{path}")
    assert serious_violations(page) == []
    assert page.csp_errors == []


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_home_page_with_news_from_every_objective_is_accessible(page, live_server, path):
    from tests.programme.factories import seed_world

    seed_world(n=2)
    page.goto(f"{live_server.url}{path}")
    news = page.locator("section[aria-labelledby=news-title]")
    news.wait_for()
    assert news.get_by_role("link").count() >= 3
    assert serious_violations(page) == []
    assert page.csp_errors == []
