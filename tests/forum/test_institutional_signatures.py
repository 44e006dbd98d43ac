"""Associations sign through a leader; staff record a city's signature with the document."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forum import services
from forum.models import Signature
from tests.factories import AssociationFactory, CityFactory

from .factories import ManifestoFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def test_a_leader_signs_for_their_association(leader_client, association):
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:association-sign", kwargs={"slug": manifesto.slug})

    response = leader_client.post(url, {"association": association.pk, "public_listing": "on"})

    assert response.status_code == HTTPStatus.FOUND
    signature = Signature.objects.get()
    assert signature.kind == "association"
    assert signature.status == "confirmed"
    assert signature.association == association


def test_an_association_signs_once(leader, association):
    manifesto = ManifestoFactory(open=True)
    services.signature_sign_as_association(
        manifesto=manifesto, association=association, actor=leader
    )
    with pytest.raises(ValidationError):
        services.signature_sign_as_association(
            manifesto=manifesto, association=association, actor=leader
        )
    assert Signature.objects.count() == 1


def test_a_leader_cannot_sign_for_another_association(leader_client):
    manifesto = ManifestoFactory(open=True)
    other = AssociationFactory()
    url = reverse("forum:association-sign", kwargs={"slug": manifesto.slug})
    response = leader_client.post(url, {"association": other.pk})
    assert response.status_code == HTTPStatus.FOUND
    assert Signature.objects.count() == 0


def test_it_refuses_the_service_for_a_non_leader(user, association):
    manifesto = ManifestoFactory(open=True)
    with pytest.raises(PermissionDenied):
        services.signature_sign_as_association(
            manifesto=manifesto, association=association, actor=user
        )


def test_a_user_without_association_gets_403(client, user):
    client.force_login(user)
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:association-sign", kwargs={"slug": manifesto.slug})
    assert client.post(url, {}).status_code == HTTPStatus.FORBIDDEN


def test_staff_record_a_city_signature_with_the_document(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    manifesto = ManifestoFactory(open=True)
    city = CityFactory(name="Kragujevac", country="RS")
    url = reverse("forum:city-sign", kwargs={"slug": manifesto.slug})

    response = staff_client.post(
        url,
        {
            "city": city.pk,
            "signatory": "Nikola Dašić",
            "role": "sindaco",
            "document": SimpleUploadedFile("firma.pdf", PDF, content_type="application/pdf"),
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    signature = Signature.objects.get()
    assert signature.kind == "city" and signature.city == city
    assert signature.document.name.startswith("forum/signatures/")
    assert "firma" not in signature.document.name.rsplit("/", 1)[-1]


def test_a_fake_document_is_refused(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    manifesto = ManifestoFactory(open=True)
    city = CityFactory()
    url = reverse("forum:city-sign", kwargs={"slug": manifesto.slug})
    response = staff_client.post(
        url,
        {
            "city": city.pk,
            "signatory": "X",
            "role": "sindaco",
            "document": SimpleUploadedFile("firma.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert Signature.objects.count() == 0


def test_the_city_page_is_for_staff_only(leader_client):
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:city-sign", kwargs={"slug": manifesto.slug})
    response = leader_client.get(url)
    assert response.status_code == HTTPStatus.FOUND
    assert "/gestione/login/" in response.url


def test_it_refuses_a_city_signature_from_non_staff(leader):
    manifesto = ManifestoFactory(open=True)
    with pytest.raises(PermissionDenied):
        services.signature_record_city(
            manifesto=manifesto,
            city=CityFactory(),
            signatory="X",
            role="Y",
            document=SimpleUploadedFile("f.pdf", PDF),
            actor=leader,
        )
