"""Every form that collects personal data records the consent with the notice version."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Delegation, Registration, Signature
from funding.models import Proposal
from mondinsieme.models import User
from privacy.models import Consent, Purpose
from privacy.selectors import current_notice
from tests.factories import CityFactory, CommunityFactory, MembershipFactory
from tests.forum.factories import ForumEditionFactory, ManifestoFactory
from tests.funding.factories import CallFactory
from tests.training.factories import CourseFactory
from training.models import Enrolment

pytestmark = pytest.mark.django_db


def _only_consent(purpose: str) -> Consent:
    consent = Consent.objects.get(purpose=purpose)
    assert consent.notice == current_notice(purpose)
    return consent


def test_signing_up_records_the_account_notice(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert reverse("privacy:purpose", args=["accounts"]) in page

    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Fatou Ndiaye",
            "email": "fatou@example.org",
            "password1": "una-password-lunga-2026",
            "password2": "una-password-lunga-2026",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    consent = _only_consent(Purpose.ACCOUNTS)
    assert consent.user == User.objects.get(email="fatou@example.org")
    assert consent.source == "account.signup" and not consent.explicit


def test_signing_the_manifesto_records_an_explicit_consent_for_the_signature(client):
    manifesto = ManifestoFactory(open=True)
    page = client.get(manifesto.get_absolute_url()).content.decode()
    assert reverse("privacy:purpose", args=["signatures"]) in page

    client.post(
        reverse("forum:manifesto-sign", kwargs={"slug": manifesto.slug}),
        {
            "name": "Awa Diop",
            "email": "awa@example.org",
            "residence_city": "Reggio Emilia",
            "country": "SN",
            "consent": "on",
        },
    )

    consent = _only_consent(Purpose.SIGNATURES)
    assert consent.email == "awa@example.org" and consent.user is None
    assert consent.explicit and consent.subject == Signature.objects.get()


def test_registering_for_the_forum_records_a_consent(client):
    edition = ForumEditionFactory(capacity=10, registration_open=True)
    assert (
        reverse("privacy:purpose", args=["forum"])
        in client.get(edition.get_absolute_url()).content.decode()
    )

    client.post(
        reverse("forum:registration-create", kwargs={"slug": edition.slug}),
        {"name": "Marco Rossi", "email": "marco@example.org", "consent": "on"},
    )

    consent = _only_consent(Purpose.FORUM)
    assert consent.subject == Registration.objects.get() and consent.explicit


def test_registering_a_delegation_records_the_leaders_acknowledgement(
    leader_client, leader, association
):
    city = CityFactory(name="Dakar", country="SN")
    community = CommunityFactory()
    community.origin_cities.add(city)
    association.communities.add(community)
    edition = ForumEditionFactory()

    leader_client.post(
        reverse("forum:delegation-create", kwargs={"slug": edition.slug}),
        {
            "association": association.pk,
            "city": city.pk,
            "head_name": "Awa Diop",
            "head_email": "awa@example.org",
            "arrival_on": edition.starts_on,
            "departure_on": edition.ends_on,
            "interpreting_language": "francese",
        },
    )

    consent = _only_consent(Purpose.FORUM)
    assert consent.user == leader and consent.subject == Delegation.objects.get()


def test_enrolling_in_a_course_records_the_training_notice(leader_client, association):
    course = CourseFactory(capacity=5)
    member = MembershipFactory(association=association).user
    assert (
        reverse("privacy:purpose", args=["training"])
        in leader_client.get(course.get_absolute_url()).content.decode()
    )

    leader_client.post(
        reverse("training:enrol", args=[course.slug]),
        {"association": association.pk, "participant": member.pk},
    )

    consent = _only_consent(Purpose.TRAINING)
    assert consent.user == member and consent.subject == Enrolment.objects.get()


def test_creating_a_proposal_records_the_proposals_notice(leader_client, leader, association):
    call = CallFactory()
    assert (
        reverse("privacy:purpose", args=["proposals"])
        in leader_client.get(reverse("funding:proposal-create")).content.decode()
    )

    leader_client.post(
        reverse("funding:proposal-create"),
        {
            "association": association.pk,
            "title": "Biblioteche a Dakar",
            "summary": "Libri in wolof e italiano.",
            "call": call.pk,
            "countries": ["SN"],
            "budget": "50000",
            "requested_amount": "40000",
            "cofinancing": "10000",
            "duration_months": "12",
        },
    )

    consent = _only_consent(Purpose.PROPOSALS)
    assert consent.user == leader and consent.subject == Proposal.objects.get()
