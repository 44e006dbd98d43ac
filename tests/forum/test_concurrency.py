"""Simultaneous sign requests on PostgreSQL: the unique constraint keeps one row per e-mail."""

import threading
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from forum import services
from forum.models import Signature

from .factories import ManifestoFactory

REQUESTS = 100
# 100 requests on 25 connections: the server's max_connections (100) is shared with other test
# runs, so each thread sends 4 requests back to back; they still overlap heavily.
THREADS = 25

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgresql_only"),
]


def _run(work, requests=REQUESTS, threads=THREADS):
    """Run ``work(i)`` for i in range(requests) on ``threads`` threads released together."""
    barrier = threading.Barrier(threads)
    results, errors = [], []
    lock = threading.Lock()

    def target(first: int) -> None:
        try:
            barrier.wait(timeout=30)
            for index in range(first, requests, threads):
                try:
                    result = work(index)
                    with lock:
                        results.append(result)
                except Exception as error:  # asserted on in the main thread
                    with lock:
                        errors.append(error)
        finally:
            connection.close()

    pool = [threading.Thread(target=target, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in pool), "a thread hung"
    return results, errors


def _post(manifesto, email: str, index: int) -> int:
    client = Client(REMOTE_ADDR=f"10.1.{index // 200}.{index % 200 + 1}")
    response = client.post(
        reverse("forum:manifesto-sign", kwargs={"slug": manifesto.slug}),
        {
            "name": "Awa Diop",
            "email": email,
            "residence_city": "Reggio Emilia",
            "country": "SN",
            "consent": "on",
        },
    )
    return response.status_code


def test_a_hundred_service_calls_with_one_email_keep_one_signature():
    manifesto = ManifestoFactory(open=True)

    results, errors = _run(
        lambda i: services.signature_request(
            manifesto=manifesto,
            name="Awa Diop",
            email="Awa@Example.org" if i % 2 else "awa@example.org",
            residence_city="Reggio Emilia",
            country="SN",
            public_listing=True,
            news_opt_in=False,
        )
    )

    assert errors == []
    assert len(results) == REQUESTS
    assert Signature.objects.filter(manifesto=manifesto).count() == 1


def test_a_hundred_sign_requests_with_one_email_keep_one_signature_and_no_500():
    manifesto = ManifestoFactory(open=True)

    results, errors = _run(lambda i: _post(manifesto, "awa@example.org", i))

    assert errors == []
    assert results == [HTTPStatus.FOUND] * REQUESTS
    assert Signature.objects.filter(manifesto=manifesto).count() == 1


def test_a_hundred_sign_requests_with_different_emails_keep_a_hundred():
    manifesto = ManifestoFactory(open=True)

    results, errors = _run(lambda i: _post(manifesto, f"persona{i}@example.org", i))

    assert errors == []
    assert results == [HTTPStatus.FOUND] * REQUESTS
    assert Signature.objects.filter(manifesto=manifesto).count() == REQUESTS


def test_two_clicks_on_the_confirmation_link_confirm_once():
    from datetime import timedelta

    from django.utils import timezone

    from forum.models import token_hash
    from mondinsieme.models import ActivityLog

    manifesto = ManifestoFactory(open=True)
    signature = Signature.objects.create(
        manifesto=manifesto,
        version=manifesto.current_version,
        kind="citizen",
        name="Awa",
        email="awa@example.org",
        token_hash=token_hash("tok"),
        token_expires_at=timezone.now() + timedelta(days=1),
    )

    def confirm(_i):
        try:
            return services.signature_confirm(token="tok")
        except Exception as error:
            return error

    results, errors = _run(confirm, requests=10, threads=10)

    assert errors == []
    assert sum(isinstance(r, Signature) for r in results) == 1
    assert ActivityLog.objects.for_object(signature).filter(to_status="confirmed").count() == 1


def test_thirty_registrations_for_ten_seats_confirm_exactly_ten():
    from forum.models import Registration

    from .factories import ForumEditionFactory

    edition = ForumEditionFactory(capacity=10, registration_open=True)

    _results, errors = _run(
        lambda i: services.registration_create(
            edition=edition, name="Persona", email=f"p{i}@example.org"
        ),
        requests=30,
        threads=15,
    )

    assert errors == []
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses.count("confirmed") == 10
    assert statuses.count("waitlisted") == 20
    positions = sorted(
        Registration.objects.filter(status="waitlisted").values_list("waitlist_position", flat=True)
    )
    assert positions == list(range(1, 21))
