"""Stored signature counters (SignatureTally): they follow every change and stay exact."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum import selectors, services
from forum.models import Signature, SignatureTally, token_hash
from tests.concurrency import run_at_once

from .factories import ManifestoFactory, SignatureFactory

THREADS = 20


def _pending_with_token(manifesto, index: int, country: str = "SN") -> str:
    token = f"token-{manifesto.pk}-{index}"
    signature = SignatureFactory(manifesto=manifesto, country=country)
    Signature.objects.filter(pk=signature.pk).update(
        token_hash=token_hash(token), token_expires_at=timezone.now() + timedelta(days=1)
    )
    return token


def _counted_from_rows(manifesto) -> tuple[int, dict[str, int]]:
    rows = Signature.objects.confirmed().filter(manifesto=manifesto)
    by_country: dict[str, int] = {}
    for code in rows.exclude(country="").values_list("country", flat=True):
        by_country[code] = by_country.get(code, 0) + 1
    return rows.count(), by_country


def _assert_counters_match_rows(manifesto) -> None:
    counters = selectors.signature_counters(manifesto)
    total, by_country = _counted_from_rows(manifesto)
    assert counters.total == total
    assert {country.code: n for country, n in counters.by_country} == by_country


@pytest.mark.django_db
def test_the_counters_follow_confirmation_withdrawal_and_deletion():
    manifesto = ManifestoFactory(open=True)
    services.signature_confirm(token=_pending_with_token(manifesto, 1, "SN"))
    services.signature_confirm(token=_pending_with_token(manifesto, 2, "MA"))
    SignatureFactory(manifesto=manifesto, confirmed=True, country="MA")
    assert selectors.signature_counters(manifesto).total == 3
    _assert_counters_match_rows(manifesto)

    services.signature_withdraw(signature=Signature.objects.confirmed().get(country="SN"))
    Signature.objects.confirmed().filter(country="MA").first().delete()
    counters = selectors.signature_counters(manifesto)
    assert counters.total == 1
    assert [(country.code, n) for country, n in counters.by_country] == [("MA", 1)]
    _assert_counters_match_rows(manifesto)


@pytest.mark.django_db
def test_a_pending_signature_counts_nowhere():
    manifesto = ManifestoFactory(open=True)
    SignatureFactory.create_batch(3, manifesto=manifesto)
    assert selectors.signature_counters(manifesto).total == 0
    assert not SignatureTally.objects.filter(count__gt=0).exists()


@pytest.mark.django_db
def test_rebuild_recounts_after_a_bulk_insert():
    manifesto = ManifestoFactory(open=True)
    SignatureFactory(manifesto=manifesto, confirmed=True, country="GH")
    Signature.objects.bulk_create(
        Signature(
            manifesto=manifesto,
            version=manifesto.current_version,
            kind="citizen",
            status="confirmed",
            confirmed_at=timezone.now(),
            email=f"bulk{i}@example.org",
            country="GH",
        )
        for i in range(5)
    )
    assert selectors.signature_counters(manifesto).total == 1  # bulk_create sends no signal
    SignatureTally.objects.rebuild(manifesto_id=manifesto.pk)
    assert selectors.signature_counters(manifesto).total == 6
    _assert_counters_match_rows(manifesto)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgresql_only")
def test_concurrent_confirmations_are_all_counted():
    manifesto = ManifestoFactory(open=True)
    # A country with no counter yet: the first confirmations race to create its row.
    tokens = [_pending_with_token(manifesto, i, "BF" if i % 2 else "NG") for i in range(THREADS)]

    results, errors = run_at_once(lambda i: services.signature_confirm(token=tokens[i]), THREADS)

    assert errors == []
    assert len(results) == THREADS
    counters = selectors.signature_counters(manifesto)
    assert counters.total == THREADS
    assert {c.code: n for c, n in counters.by_country} == {"BF": 10, "NG": 10}
    _assert_counters_match_rows(manifesto)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgresql_only")
def test_concurrent_confirmations_and_withdrawals_leave_the_counters_exact():
    manifesto = ManifestoFactory(open=True)
    confirmed = [
        SignatureFactory(manifesto=manifesto, confirmed=True, country="SN") for _ in range(10)
    ]
    tokens = [_pending_with_token(manifesto, i, "SN") for i in range(10)]

    def work(i: int):
        if i % 2:
            signature = Signature.objects.get(pk=confirmed[i // 2].pk)
            return services.signature_withdraw(signature=signature)
        return services.signature_confirm(token=tokens[i // 2])

    _results, errors = run_at_once(work, THREADS)

    assert errors == []
    _assert_counters_match_rows(manifesto)
    assert selectors.signature_counters(manifesto).total == 10
