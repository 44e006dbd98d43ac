"""Public pages: what the public sees, no personal data, documents only when public."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from twinning.models import TwinningFile

from .factories import ActivityFactory, TwinningDocumentFactory, TwinningFileFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_public_agreements_without_personal_data(client):
    active = TwinningFileFactory(active=True, partner_city__name="Sarajevo — Centar")
    ActivityFactory(file=active, title="Scambio tra licei")
    ActivityFactory(file=active, title="Visita riservata", is_public=False)
    TwinningFileFactory(partner_city__name="Città in valutazione", status="assessment")
    TwinningFileFactory(active=True, is_public=False, partner_city__name="Città nascosta")

    response = client.get(reverse("twinning:index"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Sarajevo — Centar" in html
    assert "Scambio tra licei" in html
    assert "Visita riservata" not in html
    assert "Città in valutazione" not in html
    assert "Città nascosta" not in html
    assert "Mario Riservato" not in html
    assert "Nota riservata" not in html


def test_the_detail_page_shows_an_active_agreement_and_hides_internal_fields(client):
    file = TwinningFileFactory(active=True)
    TwinningDocumentFactory(file=file, title="Testo in bosniaco", public=True)
    TwinningDocumentFactory(file=file, title="Bozza interna")

    response = client.get(file.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Testo in bosniaco" in html
    assert "Bozza interna" not in html
    assert "Mario Riservato" not in html
    assert "Nota riservata" not in html
    assert file.responsible is None or file.responsible.email not in html


@pytest.mark.parametrize("status", ["proposed", "negotiation", "rejected", "revoked"])
def test_files_not_in_force_have_no_public_page(client, status):
    file = TwinningFileFactory(status=status)
    assert client.get(file.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_a_public_document_of_a_public_agreement_downloads_for_anyone(client):
    document = TwinningDocumentFactory(public=True)
    response = client.get(document.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_private_document_is_hidden_from_the_public_and_refused_to_users(client, user):
    document = TwinningDocumentFactory()
    assert client.get(document.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    client.force_login(user)
    assert client.get(document.get_absolute_url()).status_code == HTTPStatus.FORBIDDEN


def test_a_public_document_of_a_file_in_progress_stays_private(client):
    document = TwinningDocumentFactory(public=True, file__status="negotiation")
    assert client.get(document.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_staff_download_private_documents(staff_client):
    document = TwinningDocumentFactory()
    assert staff_client.get(document.get_absolute_url()).status_code == HTTPStatus.OK


def test_an_unknown_document_is_404(client):
    assert client.get(reverse("twinning:document", args=[999999])).status_code == 404


def _count_list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("twinning:index")).status_code == HTTPStatus.OK
    return len(queries)


def test_the_public_list_runs_a_constant_number_of_queries(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # measure the rendering, not the page cache

    def grow(n):
        for _ in range(n):
            file = TwinningFileFactory(active=True)
            ActivityFactory.create_batch(2, file=file)
            TwinningDocumentFactory(file=file, public=True)

    grow(2)
    small = _count_list_queries(client)
    grow(20)
    large = _count_list_queries(client)
    assert TwinningFile.objects.count() == 22
    assert small == large
    assert small >= 2  # the files with their cities, then their activities


def test_the_detail_page_runs_a_constant_number_of_queries(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # measure the rendering, not the page cache
    from tests.factories import CommunityFactory

    file = TwinningFileFactory(active=True)

    def grow(n):
        ActivityFactory.create_batch(n, file=file)
        TwinningDocumentFactory.create_batch(n, file=file, public=True)
        file.communities.add(*CommunityFactory.create_batch(n))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(file.get_absolute_url()).status_code == HTTPStatus.OK
        return len(queries)

    grow(1)
    small = count()
    grow(15)
    assert count() == small >= 4


def test_an_agreement_due_for_renewal_stays_public_with_its_expiry(client):
    file = TwinningFileFactory(active=True, status="renewal_due", partner_city__name="Zadar")
    html = client.get(reverse("twinning:index")).content.decode()
    assert "Zadar" in html and "da rinnovare" in html
    detail = client.get(file.get_absolute_url()).content.decode()
    assert "12 luglio 2027" in detail.lower()
