"""The public shell: home with live figures, objective pages, legal pages, errors, headers."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from mondinsieme.objectives import objectives
from tests.factories import AssociationFactory, CommunityFactory

pytestmark = pytest.mark.django_db


def test_home_presents_the_six_objectives_with_links():
    from django.test import Client

    response = Client().get(reverse("home"))
    assert response.status_code == HTTPStatus.OK
    body = response.content.decode()
    assert [objective.number for objective in objectives()] == [1, 2, 3, 4, 5, 6]
    for objective in objectives():
        assert str(objective.title) in body
        assert reverse(objective.url_name) in body


def test_home_figures_count_only_published_associations(client):
    community = CommunityFactory(country="BF")
    AssociationFactory.create_batch(3, communities=[community])
    AssociationFactory(pending=True, name="Associazione ancora da approvare")
    response = client.get(reverse("home"))
    assert response.context["figures"]["associations"] == 3
    assert "Associazione ancora da approvare" not in response.content.decode()


@pytest.mark.parametrize(
    "url_name", [o.url_name for o in objectives()] + ["privacy", "accessibility"]
)
def test_every_section_page_answers(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == HTTPStatus.OK


def test_unknown_page_gets_the_portal_404_in_the_visitors_language(client):
    italian = client.get("/pagina-che-non-esiste/")
    english = client.get("/en/no-such-page/")
    assert italian.status_code == english.status_code == HTTPStatus.NOT_FOUND
    assert "Portale Diaspore" in italian.content.decode()
    assert '<html lang="en"' in english.content.decode()


def test_pages_carry_the_security_headers(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_healthz_reports_the_database_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok"}
