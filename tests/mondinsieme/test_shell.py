"""The public shell: skip link, header and footer, language switcher, local assets, error pages."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from mondinsieme.views import server_error
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db


def test_every_page_starts_with_a_skip_link_to_the_content(client):
    page = client.get(reverse("home")).content.decode()

    skip = re.search(r'<a[^>]+href="#([\w-]+)"[^>]*>', page)
    assert skip, "no skip link"
    assert page.index(skip.group(0)) < page.index("<header")
    assert f'id="{skip.group(1)}"' in page


def test_the_header_and_footer_name_the_comune_and_the_fondazione(client):
    page = client.get(reverse("home")).content.decode()
    portal = settings.PORTAL

    header, footer = page.split("<footer", 1)
    for name in (portal["OWNER_NAME"], portal["PARTNER_NAME"]):
        assert name in header
        assert name in footer
    assert f'href="{reverse("privacy")}"' in footer
    assert f'href="{reverse("accessibility")}"' in footer


def test_the_language_switcher_offers_english_and_keeps_the_page(client):
    page = client.get(reverse("home")).content.decode()

    assert f'action="{reverse("set_language")}"' in page
    assert 'name="language" value="en"' in page

    response = client.post(reverse("set_language"), {"language": "en", "next": "/privacy/"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/en/privacy/"


def test_the_shell_loads_only_the_portals_own_files(client):
    page = client.get(reverse("home")).content.decode()

    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources
    for source in sources:
        assert source.startswith(("/", "#")), f"{source} is not served by the portal"
    assert "fonts.googleapis" not in page
    assert "cdn" not in " ".join(sources).lower()


def test_the_fonts_are_declared_in_a_static_stylesheet():
    fonts_css = (settings.BASE_DIR / "static" / "css" / "fonts.css").read_text()

    assert fonts_css.count("@font-face") >= 3
    for url in re.findall(r"url\(([^)]+)\)", fonts_css):
        assert not url.strip("'\"").startswith(("http:", "https:", "//")), url
    licence = settings.BASE_DIR / "static" / "vendor" / "bootstrap-italia" / "LICENSE"
    assert licence.exists()


@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "Non puoi vedere questa pagina"), ("/en", "You cannot view")]
)
def test_a_refused_page_is_the_portals_403_in_the_visitors_language(client, user, prefix, heading):
    association = AssociationFactory()
    client.force_login(user)

    with translation.override("en" if prefix else "it"):
        url = reverse("associations:edit", kwargs={"slug": association.slug})
    response = client.get(url)

    assert response.status_code == HTTPStatus.FORBIDDEN
    page = response.content.decode()
    assert heading in page
    assert 'class="skiplinks"' in page
    assert association.fiscal_code not in page


@pytest.mark.parametrize(
    ("language", "title"), [("it", "Errore del server"), ("en", "Server error")]
)
def test_the_500_page_is_styled_and_translated_without_the_database(rf, language, title):
    with translation.override(language):
        response = server_error(rf.get("/"))

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    page = response.content.decode()
    assert f'<html lang="{language}"' in page
    assert title in page
    assert "bootstrap-italia.min.css" in page
