"""Shared fixtures: factories for the shared core, a leader with their association, staff."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories import AssociationFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters live in the cache: every test starts with fresh limits.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    """A staff member who has activated TOTP (the portal requires it for staff pages)."""
    from allauth.mfa.models import Authenticator

    member = UserFactory(staff=True, is_superuser=True)
    Authenticator.objects.create(
        user=member, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    return member


@pytest.fixture
def association(db):
    return AssociationFactory()


@pytest.fixture
def leader(db, association):
    return MembershipFactory(association=association, leader=True).user


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def pdf_text(tmp_path):
    """Turn PDF bytes into the text a reader sees (poppler's pdftotext)."""
    import subprocess

    def extract(pdf: bytes) -> str:
        path = tmp_path / "document.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout

    return extract


@pytest.fixture(autouse=True)
def _default_language():
    # A request to /en/... leaves English active in the thread, and reverse() would then build
    # /en/ URLs in the next test: every test starts in the default language.
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def postgresql_only(transactional_db):
    """Race tests run on PostgreSQL only (skipped elsewhere, failed in CI)."""
    from tests.concurrency import require_postgresql

    require_postgresql()
