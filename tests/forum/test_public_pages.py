"""The public manifesto pages: counters of confirmed signatures, list, translations, queries."""

import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum import selectors, services
from forum.models import Signature, SignatureTally, token_hash
from mondinsieme.cache import generation_bump

from .factories import ManifestoFactory, SignatureFactory, TranslationFactory

pytestmark = pytest.mark.django_db


def _bulk(manifesto, count, *, start=0, **fields):
    defaults = {"status": Signature.Status.CONFIRMED, "public_listing": True, "country": "IT"}
    defaults.update(fields)
    Signature.objects.bulk_create(
        Signature(
            manifesto=manifesto,
            version=manifesto.current_version,
            kind="citizen",
            name=f"Firmatario {start + i}",
            email=f"bulk{start + i}@example.org",
            confirmed_at=timezone.now() if defaults["status"] == "confirmed" else None,
            **defaults,
        )
        for i in range(count)
    )
    # bulk_create sends no signal: recount the tallies and drop cached pages, as an import would.
    SignatureTally.objects.rebuild(manifesto_id=manifesto.pk)
    generation_bump("forum")


def test_counters_count_only_confirmed_signatures():
    manifesto = ManifestoFactory(open=True)
    SignatureFactory(manifesto=manifesto, confirmed=True, country="SN")
    SignatureFactory(manifesto=manifesto, confirmed=True, country="SN")
    SignatureFactory(manifesto=manifesto, confirmed=True, country="MA")
    SignatureFactory(manifesto=manifesto)  # pending
    withdrawn = SignatureFactory(manifesto=manifesto, confirmed=True, country="AL")
    services.signature_withdraw(signature=withdrawn)

    counters = selectors.signature_counters(manifesto)

    assert counters.total == 3
    assert counters.by_kind == {"citizen": 3, "association": 0, "city": 0}
    assert [(country.code, n) for country, n in counters.by_country] == [("SN", 2), ("MA", 1)]
    assert counters.progress == 3  # of a target of 100


def test_the_counter_moves_when_a_signature_is_confirmed_and_withdrawn(client):
    manifesto = ManifestoFactory(open=True)
    signature = SignatureFactory(manifesto=manifesto, name="Zainab Rossi")
    url = reverse("forum:manifesto-detail", kwargs={"slug": manifesto.slug})
    list_url = reverse("forum:signatory-list", kwargs={"slug": manifesto.slug})
    assert selectors.signature_counters(manifesto).total == 0
    assert "Zainab Rossi" not in client.get(list_url).content.decode()

    token = "a-known-token"
    Signature.objects.filter(pk=signature.pk).update(
        token_hash=token_hash(token), token_expires_at=timezone.now() + timedelta(days=1)
    )
    services.signature_confirm(token=token)
    page = client.get(url).content.decode()
    assert 'data-testid="signature-total">1<' in page
    assert "Zainab Rossi" in client.get(list_url).content.decode()

    services.signature_withdraw(signature=Signature.objects.get(pk=signature.pk))
    page = client.get(url).content.decode()
    assert 'data-testid="signature-total">0<' in page
    assert "Zainab Rossi" not in client.get(list_url).content.decode()


def test_the_list_shows_only_opted_in_signatories_institutions_first(client):
    from tests.factories import AssociationFactory, CityFactory

    manifesto = ManifestoFactory(open=True)
    SignatureFactory(manifesto=manifesto, name="Anna Pubblica", confirmed=True)
    SignatureFactory(
        manifesto=manifesto, name="Bruno Riservato", confirmed=True, public_listing=False
    )
    SignatureFactory(manifesto=manifesto, name="Carla In Attesa")
    association = AssociationFactory(name="Associazione Firmataria")
    SignatureFactory(
        manifesto=manifesto,
        kind="association",
        association=association,
        email="",
        name=association.name,
        confirmed=True,
    )
    city = CityFactory(name="Dakar", country="SN")
    SignatureFactory(
        manifesto=manifesto, kind="city", city=city, email="", name="Dakar", confirmed=True
    )

    html = client.get(
        reverse("forum:signatory-list", kwargs={"slug": manifesto.slug})
    ).content.decode()

    assert "Anna Pubblica" in html
    assert "Bruno Riservato" not in html and "Carla In Attesa" not in html
    assert html.index("Dakar") < html.index("Associazione Firmataria") < html.index("Anna Pubblica")
    # No e-mail addresses on public pages.
    assert not re.search(r"firma\d+@example\.org", html)


def test_the_list_filters_by_kind_and_country(client):
    manifesto = ManifestoFactory(open=True)
    SignatureFactory(manifesto=manifesto, name="Dal Senegal", country="SN", confirmed=True)
    SignatureFactory(manifesto=manifesto, name="Dal Marocco", country="MA", confirmed=True)
    url = reverse("forum:signatory-list", kwargs={"slug": manifesto.slug})

    html = client.get(url, {"country": "SN", "kind": "citizen"}).content.decode()
    assert "Dal Senegal" in html and "Dal Marocco" not in html
    html = client.get(url, {"kind": "city"}).content.decode()
    assert "Dal Senegal" not in html


@pytest.mark.parametrize(
    "query", [{"kind": "nope"}, {"country": "ZZZ"}, {"page": "x"}, {"page": "999"}]
)
def test_bad_filters_do_not_break_the_list(client, query):
    manifesto = ManifestoFactory(open=True)
    response = client.get(reverse("forum:signatory-list", kwargs={"slug": manifesto.slug}), query)
    assert response.status_code == HTTPStatus.OK


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(context)


@pytest.mark.parametrize("name", ["forum:manifesto-detail", "forum:signatory-list"])
def test_public_pages_run_the_same_queries_with_few_or_many_signatures(client, name):
    manifesto = ManifestoFactory(open=True)
    TranslationFactory(version=manifesto.current_version, language="ar")
    url = reverse(name, kwargs={"slug": manifesto.slug})
    _bulk(manifesto, 3)
    few = _queries(client, url)
    _bulk(manifesto, 400, start=3, country="SN")
    _bulk(manifesto, 50, start=500, status="pending")
    many = _queries(client, url)
    assert few == many
    assert many <= 8


def test_the_counters_run_one_query_whatever_the_signatures(django_assert_num_queries):
    manifesto = ManifestoFactory(open=True)
    _bulk(manifesto, 200)
    with django_assert_num_queries(1):
        selectors.signature_counters(manifesto)


def test_an_arabic_translation_is_rendered_right_to_left(client):
    manifesto = ManifestoFactory(open=True)
    TranslationFactory(
        version=manifesto.current_version,
        language="ar",
        title="بيان الصداقة",
        body="## المادة 1\n\nنص المادة.",
    )
    url = reverse("forum:manifesto-detail", kwargs={"slug": manifesto.slug})

    html = client.get(url, {"lang": "ar"}).content.decode()

    assert 'id="manifesto-text" class="forum-text" lang="ar" dir="rtl"' in html
    assert "بيان الصداقة" in html
    assert 'hreflang="ar"' in html


def test_an_unknown_language_falls_back_to_italian(client):
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:manifesto-detail", kwargs={"slug": manifesto.slug})
    html = client.get(url, {"lang": "<script>"}).content.decode()
    assert 'lang="it" dir="ltr"' in html
    assert "Titolo 1" in html


def test_the_forum_index_lists_public_manifestos_only(client):
    ManifestoFactory(open=True, title="Manifesto aperto")
    ManifestoFactory(title="Manifesto in bozza")
    html = client.get(reverse("forum:index")).content.decode()
    assert "Manifesto aperto" in html and "Manifesto in bozza" not in html


def test_the_manifesto_page_is_in_english_under_en(client):
    manifesto = ManifestoFactory(open=True)
    html = client.get(f"/en/forum/manifesto/{manifesto.slug}/").content.decode()
    assert "Sign the Manifesto" in html
    assert "Firma il Manifesto" not in html
