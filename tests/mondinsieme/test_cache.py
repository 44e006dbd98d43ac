"""The anonymous page cache: hits, misses, invalidation, and no token or personal data kept."""

import re
from http import HTTPStatus

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.models import Signature
from mondinsieme.cache import CSRF_PLACEHOLDER, HIT_HEADER, generations
from tests.factories import AssociationFactory, CommunityFactory
from tests.forum.factories import ManifestoFactory, SignatureFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _local_memory_cache(settings):
    # These tests read the stored entries back; in CI the cache is Redis, so they get their own
    # local-memory cache (the Redis path runs in every other page test).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "page-cache-tests",
        }
    }
    yield
    from django.core.cache import cache

    cache.clear()


def _stored_pages() -> list[str]:
    # LocMemCache keys carry a ":<version>:" prefix.
    keys = [key.split(":", 2)[2] for key in list(cache._cache) if ":page:" in key]
    return [entry["content"] for entry in map(cache.get, keys) if entry]


def test_it_serves_the_second_anonymous_request_from_the_cache_without_queries(client):
    AssociationFactory(name="Associazione Burkinabè")
    url = reverse("associations:list")
    first = client.get(url)
    assert first[HIT_HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.status_code == HTTPStatus.OK
    assert second[HIT_HEADER] == "hit"
    assert len(queries) == 0
    assert "Associazione Burkinabè" in second.content.decode()


def test_it_keys_pages_by_query_string_and_language(client):
    AssociationFactory(name="Associazione Senegalese")
    url = reverse("associations:list")
    client.get(url)
    assert client.get(url + "?q=senegal")[HIT_HEADER] == "miss"
    english = client.get("/en" + url)
    assert english[HIT_HEADER] == "miss"
    assert english["Content-Language"] == "en"


def test_it_never_caches_for_logged_in_users(leader_client, leader):
    url = reverse("associations:list")
    for _ in range(2):
        response = leader_client.get(url)
        assert response.status_code == HTTPStatus.OK
        assert HIT_HEADER not in response
    # What the leader saw was not stored for anybody else.
    anonymous = Client().get(url)
    assert anonymous[HIT_HEADER] == "miss"
    assert leader.email not in anonymous.content.decode()


def test_it_never_caches_a_post(client):
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:manifesto-detail", kwargs={"slug": manifesto.slug})
    response = client.post(url)
    assert HIT_HEADER not in response
    assert _stored_pages() == []


def test_a_change_shows_up_at_once(client):
    association = AssociationFactory(name="Nome di prima")
    list_url = reverse("associations:list")
    detail_url = reverse("associations:detail", kwargs={"slug": association.slug})
    client.get(list_url), client.get(detail_url)
    assert client.get(detail_url)[HIT_HEADER] == "hit"

    association.name = "Nome di adesso"
    association.save()

    for url in (list_url, detail_url):
        body = client.get(url).content.decode()
        assert "Nome di adesso" in body and "Nome di prima" not in body


def test_a_many_to_many_change_shows_up_at_once(client):
    association = AssociationFactory()
    url = reverse("associations:detail", kwargs={"slug": association.slug})
    client.get(url)
    association.communities.add(CommunityFactory(name="Comunità ghanese di prova"))
    assert "Comunità ghanese di prova" in client.get(url).content.decode()


def test_a_confirmed_signature_moves_the_cached_counter_but_a_pending_one_does_not_invalidate(
    client,
):
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:manifesto-detail", kwargs={"slug": manifesto.slug})
    client.get(url)
    before = generations(("forum",))

    SignatureFactory(manifesto=manifesto)  # waiting for the e-mail: shown nowhere
    assert generations(("forum",)) == before
    assert client.get(url)[HIT_HEADER] == "hit"

    SignatureFactory(manifesto=manifesto, confirmed=True)
    page = client.get(url)
    assert page[HIT_HEADER] == "miss"
    assert 'data-testid="signature-total">1<' in page.content.decode()


def test_a_cached_page_holds_no_csrf_token_and_each_visitor_gets_a_working_one():
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:manifesto-detail", kwargs={"slug": manifesto.slug})
    first_visitor, second_visitor = Client(), Client(enforce_csrf_checks=True)

    first_token = TOKEN.search(first_visitor.get(url).content.decode()).group(1)
    (stored,) = _stored_pages()
    assert CSRF_PLACEHOLDER in stored
    assert first_token not in stored
    assert not TOKEN.search(stored.replace(CSRF_PLACEHOLDER, ""))

    page = second_visitor.get(url)
    assert page[HIT_HEADER] == "hit"
    body = page.content.decode()
    assert CSRF_PLACEHOLDER not in body
    second_token = TOKEN.search(body).group(1)
    assert second_token != first_token
    assert "csrftoken" in page.cookies  # the visitor's own cookie, set on the cached answer

    signed = second_visitor.post(
        reverse("forum:manifesto-sign", kwargs={"slug": manifesto.slug}),
        {
            "csrfmiddlewaretoken": second_token,
            "name": "Fatou Ndiaye",
            "email": "fatou@example.org",
            "residence_city": "Reggio Emilia",
            "country": "SN",
            "consent": "on",
        },
    )
    assert signed.status_code == HTTPStatus.FOUND
    assert Signature.objects.filter(email="fatou@example.org").exists()


def test_a_waiting_flash_message_is_shown_not_hidden_behind_the_cache(client):
    AssociationFactory()
    url = reverse("associations:list")
    client.get(url)
    # A message set by a previous request, as after a failed form (cookie storage).
    storage = CookieStorage(type("Request", (), {"COOKIES": {}})())
    encoded = storage._encode([_message("Il link non è valido o è scaduto.")])
    client.cookies[storage.cookie_name] = encoded
    response = client.get(url)
    assert HIT_HEADER not in response
    assert "Il link non è valido o è scaduto." in response.content.decode()


def _message(text: str):
    from django.contrib.messages.storage.base import Message

    return Message(constants.ERROR, text)


def test_it_caches_no_error_page(client):
    url = reverse("associations:detail", kwargs={"slug": "non-esiste"})
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert _stored_pages() == []


def test_the_cache_can_be_turned_off(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    url = reverse("associations:list")
    client.get(url)
    assert HIT_HEADER not in client.get(url)


def test_visitors_who_miss_together_wait_for_one_render_instead_of_rendering_all(client):
    import threading
    import time

    from mondinsieme import cache as page_cache

    AssociationFactory(name="Associazione in attesa")
    url = reverse("associations:list")
    client.get(url)
    key = next(key.split(":", 2)[2] for key in list(cache._cache) if ":page:" in key)
    entry = cache.get(key)
    cache.delete(key)
    # Another request is rendering this page and stores it 0.2 s later.
    cache.add(f"{key}:rendering", 1, timeout=page_cache.RENDER_LOCK_SECONDS)
    threading.Timer(0.2, lambda: cache.set(key, entry)).start()

    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response[HIT_HEADER] == "hit"
    assert len(queries) == 0
    assert time.monotonic() - started < page_cache.RENDER_LOCK_SECONDS


def test_a_waiting_visitor_renders_at_once_if_the_other_render_kept_nothing(client):
    import threading
    import time

    from mondinsieme import cache as page_cache

    url = reverse("associations:detail", kwargs={"slug": "non-esiste"})
    client.get(url)
    key = page_cache._page_key(client.get(url).wsgi_request, ("associations",))
    cache.set(key, {"content": "prova", "content_type": "text/html"})
    assert client.get(url).content == b"prova"  # the key is the one the view uses
    cache.delete(key)
    cache.add(f"{key}:rendering", 1, timeout=page_cache.RENDER_LOCK_SECONDS)
    threading.Timer(0.2, lambda: cache.delete(f"{key}:rendering")).start()

    started = time.monotonic()
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert time.monotonic() - started < page_cache.RENDER_LOCK_SECONDS
