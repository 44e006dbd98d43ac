"""The signing form speaks the visitor's language, country names included."""

import pytest
from django.urls import reverse
from django.utils import translation

from forum.models import Signature

from .factories import ManifestoFactory

pytestmark = pytest.mark.django_db


def _page(client, manifesto, language: str) -> str:
    with translation.override(language):
        url = reverse("forum:manifesto-detail", kwargs={"slug": manifesto.slug})
    return client.get(url).content.decode()


def test_country_names_follow_the_language_of_the_page(client):
    manifesto = ManifestoFactory(open=True)

    italian = _page(client, manifesto, "it")
    english = _page(client, manifesto, "en")

    assert '<option value="HU">Ungheria</option>' in italian
    assert '<option value="HU">Hungary</option>' in english
    assert "Ungheria" not in english


def test_an_english_visitor_signs_with_a_country_chosen_from_english_names(client):
    manifesto = ManifestoFactory(open=True)
    with translation.override("en"):
        url = reverse("forum:manifesto-sign", kwargs={"slug": manifesto.slug})
    data = {
        "name": "Jane Doe",
        "email": "jane@example.org",
        "residence_city": "Leeds",
        "country": "GB",
        "consent": "on",
    }

    assert client.post(url, data).status_code == 302
    assert Signature.objects.get(email="jane@example.org").country == "GB"


@pytest.mark.parametrize("country", ["XX", "", "senegal", "SN<script>"])
def test_an_unknown_country_is_refused_with_a_message_and_nothing_is_kept(client, country):
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:manifesto-sign", kwargs={"slug": manifesto.slug})
    data = {
        "name": "Awa Diop",
        "email": "awa@example.org",
        "residence_city": "Reggio Emilia",
        "country": country,
        "consent": "on",
    }

    response = client.post(url, data)

    assert response.status_code == 400
    assert "Paese di residenza" in response.content.decode()
    assert "is-invalid" in response.content.decode() or "invalid" in response.content.decode()
    assert not Signature.objects.exists()
