"""A consent names the notice current when it was given, also with the notice id kept in the
cache that spares the lookup on every signature (privacy/selectors.py, current_notice_id)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mondinsieme.cache import HIT_HEADER
from privacy.models import Consent, Notice, Purpose
from privacy.services.consents import consent_record, notice_publish
from tests.factories import UserFactory
from tests.forum.factories import ManifestoFactory
from tests.privacy.factories import ConsentFactory, NoticeFactory

pytestmark = pytest.mark.django_db


def _sign(email: str):
    return consent_record(purpose=Purpose.SIGNATURES, email=email, source="test", explicit=True)


def test_the_notice_is_looked_up_once_and_then_kept():
    current = NoticeFactory(purpose=Purpose.SIGNATURES, published=True)
    assert _sign("first@example.org").notice_id == current.pk

    with CaptureQueriesContext(connection) as queries:
        assert _sign("second@example.org").notice_id == current.pk
    assert not [q for q in queries.captured_queries if "privacy_notice" in q["sql"]]


def test_a_notice_published_is_used_by_the_very_next_consent():
    NoticeFactory(purpose=Purpose.SIGNATURES, published=True)
    _sign("before@example.org")
    draft = NoticeFactory(purpose=Purpose.SIGNATURES)

    published = notice_publish(notice=draft, actor=UserFactory(is_staff=True))

    assert _sign("after@example.org").notice == published


def test_without_any_published_notice_no_consent_is_invented():
    Notice.objects.filter(purpose=Purpose.SIGNATURES).delete()
    NoticeFactory(purpose=Purpose.SIGNATURES)  # a draft only

    assert _sign("nobody@example.org") is None
    assert not Consent.objects.filter(email="nobody@example.org").exists()


def test_consents_do_not_empty_the_cache_but_a_new_notice_does(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    draft = NoticeFactory(purpose=Purpose.SIGNATURES)
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:manifesto-detail", kwargs={"slug": manifesto.slug})
    client.get(url)

    ConsentFactory()  # a signature's consent: shown on no public page
    assert client.get(url)[HIT_HEADER] == "hit"

    notice_publish(notice=draft, actor=UserFactory(is_staff=True))
    assert client.get(url)[HIT_HEADER] == "miss"  # the form links the new notice
