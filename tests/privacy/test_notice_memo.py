"""A consent names the notice current when it was given, also with the per-process memory
that spares the lookup on every signature (privacy/selectors.py, current_notice_id)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from privacy.models import Consent, Notice, Purpose
from privacy.selectors import forget_notice_ids
from privacy.services.consents import consent_record, notice_publish
from tests.factories import UserFactory
from tests.privacy.factories import NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def remembered(settings):
    settings.PRIVACY_NOTICE_MEMO_SECONDS = 30
    forget_notice_ids()
    yield
    forget_notice_ids()


def _sign(email: str):
    return consent_record(purpose=Purpose.SIGNATURES, email=email, source="test", explicit=True)


def test_the_notice_is_looked_up_once_and_then_remembered(remembered):
    current = NoticeFactory(purpose=Purpose.SIGNATURES, published=True)
    assert _sign("first@example.org").notice_id == current.pk

    with CaptureQueriesContext(connection) as queries:
        assert _sign("second@example.org").notice_id == current.pk
    assert not [q for q in queries.captured_queries if "privacy_notice" in q["sql"]]


def test_a_notice_published_here_is_used_by_the_very_next_consent(remembered):
    NoticeFactory(purpose=Purpose.SIGNATURES, published=True)
    _sign("before@example.org")
    draft = NoticeFactory(purpose=Purpose.SIGNATURES)

    published = notice_publish(notice=draft, actor=UserFactory(is_staff=True))

    assert _sign("after@example.org").notice == published


def test_without_any_published_notice_no_consent_is_invented(remembered):
    Notice.objects.filter(purpose=Purpose.SIGNATURES).delete()
    NoticeFactory(purpose=Purpose.SIGNATURES)  # a draft only

    assert _sign("nobody@example.org") is None
    assert not Consent.objects.filter(email="nobody@example.org").exists()
