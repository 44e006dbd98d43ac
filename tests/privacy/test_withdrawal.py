"""Consents are withdrawn from "I miei dati", and the withdrawal does what a person expects."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from forum import services as forum_services
from forum.models import Registration, Signature
from forum.selectors import public_signatories
from privacy.models import Consent, Purpose
from privacy.services import consent_record
from tests.factories import UserFactory
from tests.forum.factories import ForumEditionFactory, ManifestoFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def _confirmed_signature_with_consent(email: str) -> tuple[Signature, Consent]:
    signature = SignatureFactory(confirmed=True, email=email, manifesto=ManifestoFactory(open=True))
    consent = consent_record(
        purpose=Purpose.SIGNATURES, email=email, source="tests", explicit=True, subject=signature
    )
    return signature, consent


def test_withdrawing_a_signature_consent_withdraws_the_signature(client):
    person = UserFactory(email="awa@example.org")
    signature, consent = _confirmed_signature_with_consent("awa@example.org")
    assert signature in public_signatories(signature.manifesto)
    client.force_login(person)
    assert "Revoca" in client.get(reverse("privacy:mine")).content.decode()

    response = client.post(reverse("privacy:consent-withdraw", args=[consent.pk]))

    assert response.status_code == HTTPStatus.FOUND
    signature.refresh_from_db()
    consent.refresh_from_db()
    assert signature.status == Signature.Status.WITHDRAWN
    assert signature.name == "" and signature.email == ""
    assert signature not in public_signatories(signature.manifesto)
    assert consent.withdrawn_at is not None
    assert "revocato il" in client.get(reverse("privacy:mine")).content.decode()


def test_withdrawing_the_signature_by_its_email_link_withdraws_the_consent():
    signature, consent = _confirmed_signature_with_consent("kofi@example.org")

    forum_services.signature_withdraw(signature=signature)

    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.email == ""


def test_withdrawing_a_forum_registration_consent_cancels_it_and_frees_the_seat(client):
    edition = ForumEditionFactory(capacity=1, registration_open=True)
    forum_services.registration_create(edition=edition, name="Uno", email="uno@example.org")
    forum_services.registration_create(edition=edition, name="Due", email="due@example.org")
    person = UserFactory(email="uno@example.org")
    consent = Consent.objects.get(email="uno@example.org")
    client.force_login(person)

    client.post(reverse("privacy:consent-withdraw", args=[consent.pk]))

    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"Uno": "cancelled", "Due": "confirmed"}


def test_nobody_withdraws_someone_elses_consent(client):
    _signature, consent = _confirmed_signature_with_consent("awa@example.org")
    client.force_login(UserFactory(email="other@example.org"))

    response = client.post(reverse("privacy:consent-withdraw", args=[consent.pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_a_notice_only_acknowledgement_is_not_withdrawn_but_explained(client, user):
    consent = consent_record(purpose=Purpose.ACCOUNTS, user=user, source="tests")
    client.force_login(user)

    response = client.post(reverse("privacy:consent-withdraw", args=[consent.pk]), follow=True)

    consent.refresh_from_db()
    assert consent.withdrawn_at is None
    assert "non si basa sul consenso" in response.content.decode()


def test_the_page_needs_a_login(client):
    response = client.get(reverse("privacy:mine"))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_login") in response.url


def test_the_page_speaks_english_under_en(client, user):
    consent_record(purpose=Purpose.SIGNATURES, user=user, source="tests", explicit=True)
    client.force_login(user)

    html = client.get("/en/privacy/i-miei-dati/").content.decode()

    assert "My data and consents" in html and "consent given" in html
    assert "Manifesto signatures" in html
