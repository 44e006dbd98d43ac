"""Account deletion: re-authentication, anonymised person, counts kept, sessions ended."""

from http import HTTPStatus

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.urls import reverse

from forum.models import Signature
from forum.selectors import public_signatories, signature_counters
from mondinsieme.models import ActivityLog, OutgoingEmail, User
from privacy.services import account_delete
from tests.factories import MembershipFactory, UserFactory
from tests.forum.factories import ManifestoFactory, SignatureFactory
from tests.training.factories import CourseFactory, EnrolmentFactory
from training.models import Enrolment

pytestmark = pytest.mark.django_db


def _reauthenticated(client):
    # The user types the password again on allauth's page (UserFactory's password).
    response = client.post(reverse("account_reauthenticate"), {"password": "password-123!"})
    assert response.status_code == HTTPStatus.FOUND


@pytest.fixture
def member(db):
    user = UserFactory(email="awa@example.org", full_name="Awa Diop")
    MembershipFactory(user=user)
    return user


def test_it_asks_for_the_password_again_before_deleting(client, member):
    client.force_login(member)
    page = client.get(reverse("privacy:account-delete"))
    assert page.status_code == HTTPStatus.OK

    response = client.post(reverse("privacy:account-delete"), {"confirm": "yes"})

    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_reauthenticate") in response.url
    member.refresh_from_db()
    assert member.is_active and member.email == "awa@example.org"

    # Once the password is typed again, allauth resumes the deletion that was asked for.
    resumed = client.post(response.url, {"password": "password-123!"})
    assert resumed.status_code == HTTPStatus.FOUND
    assert resumed.url == reverse("privacy:account-deleted")
    member.refresh_from_db()
    assert not member.is_active


def test_deleting_anonymises_keeps_counts_and_ends_sessions(client, member):
    course = CourseFactory(capacity=10)
    EnrolmentFactory(course=course, participant=member)
    EnrolmentFactory(course=course)
    manifesto = ManifestoFactory(open=True)
    SignatureFactory(manifesto=manifesto, email="awa@example.org", name="Awa Diop", confirmed=True)
    SignatureFactory(manifesto=manifesto, confirmed=True)
    other_device = client.__class__()
    # A real login (allauth records the session in the user's list of active sessions).
    other_device.post(
        reverse("account_login"), {"login": "awa@example.org", "password": "password-123!"}
    )
    assert UserSession.objects.filter(user=member).exists()
    client.force_login(member)
    _reauthenticated(client)
    enrolments_before = Enrolment.objects.filter(course=course).count()
    confirmed_before = Signature.objects.filter(manifesto=manifesto, status="confirmed").count()
    total_before = signature_counters(manifesto).total
    signatories_url = reverse("forum:signatory-list", kwargs={"slug": manifesto.slug})
    visitor = client.__class__()  # anonymous: the page may come from the page cache
    assert "Awa Diop" in visitor.get(signatories_url).content.decode()

    response = client.post(reverse("privacy:account-delete"), {"confirm": "yes"})

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("privacy:account-deleted")
    member.refresh_from_db()
    assert member.email.endswith("@deleted.invalid") and member.full_name == "Utente eliminato"
    assert not member.is_active and not member.has_usable_password()
    assert Enrolment.objects.filter(course=course).count() == enrolments_before
    assert (
        Signature.objects.filter(manifesto=manifesto, status="confirmed").count()
        == confirmed_before
    )
    assert not Signature.objects.filter(name="Awa Diop").exists()
    assert signature_counters(manifesto).total == total_before == 2
    assert "Awa Diop" not in visitor.get(signatories_url).content.decode()
    assert all(s.name != "Awa Diop" for s in public_signatories(manifesto))
    assert not User.objects.filter(email="awa@example.org").exists()
    # Both devices are signed out.
    assert client.get(reverse("privacy:mine")).status_code == HTTPStatus.FOUND
    assert other_device.get(reverse("privacy:mine")).status_code == HTTPStatus.FOUND
    assert not UserSession.objects.filter(user=member).exists()
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(member.pk) for s in Session.objects.all()
    )
    notice = OutgoingEmail.objects.get(template="privacy/account_deleted")
    assert notice.to == "awa@example.org"
    assert ActivityLog.objects.filter(action="account_deleted").exists()


def test_it_refuses_to_delete_the_only_leader_of_an_association(client):
    leader = MembershipFactory(leader=True).user
    client.force_login(leader)
    _reauthenticated(client)

    response = client.post(reverse("privacy:account-delete"), {"confirm": "yes"})

    assert response.status_code == HTTPStatus.OK
    assert "unico referente" in response.content.decode()
    leader.refresh_from_db()
    assert leader.is_active


def test_a_leader_with_a_colleague_may_go(client):
    membership = MembershipFactory(leader=True)
    MembershipFactory(association=membership.association, leader=True)
    account_delete(user=membership.user)
    membership.refresh_from_db()
    assert membership.status == "ended"


def test_without_the_confirmation_box_nothing_happens(client, member):
    client.force_login(member)
    _reauthenticated(client)
    response = client.post(reverse("privacy:account-delete"), {})
    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert member.is_active
