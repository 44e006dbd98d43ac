"""The public pages of the networks and of the business table are cached for anonymous
visitors like the others, and show a change at once."""

import pytest
from django.urls import reverse

from mondinsieme.cache import HIT_HEADER
from networks.reference import ensure_reference_data
from tests.business_table.factories import MeetingFactory
from tests.networks.factories import GoodPracticeFactory, NetworkEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_memory_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "page-cache-networks-table",
        }
    }
    ensure_reference_data()
    yield
    from django.core.cache import cache

    cache.clear()


@pytest.mark.parametrize(
    "url_name", ["networks:index", "networks:event-list", "networks:trend", "business_table:index"]
)
def test_the_second_anonymous_visit_is_a_cache_hit(client, url_name):
    url = reverse(url_name)
    assert client.get(url)[HIT_HEADER] == "miss"
    assert client.get(url)[HIT_HEADER] == "hit"


def test_a_good_practice_made_public_appears_at_once(client):
    url = reverse("networks:index")
    practice = GoodPracticeFactory(private=True, title="Mediatori nei quartieri")
    assert "Mediatori nei quartieri" not in client.get(url).content.decode()
    assert client.get(url)[HIT_HEADER] == "hit"

    practice.is_public = True
    practice.save()

    page = client.get(url)
    assert page[HIT_HEADER] == "miss"
    assert "Mediatori nei quartieri" in page.content.decode()


def test_a_private_event_page_is_not_found_and_not_cached(client):
    event = NetworkEventFactory(private=True)
    url = reverse("networks:event-detail", kwargs={"pk": event.pk})
    assert client.get(url).status_code == 404
    assert HIT_HEADER not in client.get(url)


def test_a_published_meeting_summary_appears_at_once_on_the_table_page(client):
    url = reverse("business_table:index")
    meeting = MeetingFactory(held=True, public_summary="Missione a Casablanca")
    assert "Missione a Casablanca" not in client.get(url).content.decode()

    meeting.summary_published = True
    meeting.save()

    page = client.get(url)
    assert page[HIT_HEADER] == "miss"
    assert "Missione a Casablanca" in page.content.decode()


def test_a_logged_in_table_member_is_never_served_a_cached_page(client, django_user_model):
    url = reverse("business_table:index")
    client.get(url)
    user = django_user_model.objects.create_user(email="staff@example.org", password="x")
    client.force_login(user)
    assert HIT_HEADER not in client.get(url)
