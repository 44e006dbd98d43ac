"""Asking to join and deciding on requests: one request per person, decided by the right people."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from associations import services
from associations.models import Membership
from mondinsieme.models import ActivityLog, OutgoingEmail
from tests.factories import AssociationFactory, MembershipFactory


def test_a_request_is_created_and_leaders_are_told(
    association, leader, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership, created = services.membership_request(
            user=user, association=association, message="Sono socia dal 2019."
        )

    assert created is True
    assert membership.status == Membership.Status.REQUESTED
    assert membership.role == Membership.Role.MEMBER
    assert membership.message == "Sono socia dal 2019."
    log = ActivityLog.objects.for_object(membership).get()
    assert (log.action, log.actor) == ("requested", user)
    [message] = mail.outbox
    assert message.to == [leader.email]
    assert message.subject == f"Nuova richiesta di adesione a {association.name}"
    assert "Sono socia dal 2019." in message.body


def test_asking_twice_keeps_one_request(
    association, leader, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, first_created = services.membership_request(user=user, association=association)
        second, second_created = services.membership_request(user=user, association=association)

    assert (first_created, second_created) == (True, False)
    assert first.pk == second.pk
    assert Membership.objects.filter(user=user, association=association).count() == 1
    assert len(mail.outbox) == 1


def test_staff_are_told_too(association, leader, user, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_request(user=user, association=association)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([leader.email, staff.email])


@pytest.mark.parametrize("trait", ["pending", "suspended"])
def test_a_request_to_an_association_not_public_is_refused(user, trait):
    association = AssociationFactory(**{trait: True})

    with pytest.raises(ValidationError) as excinfo:
        services.membership_request(user=user, association=association)

    assert excinfo.value.messages == [
        "Questa associazione non accetta richieste in questo momento."
    ]
    assert not Membership.objects.filter(user=user).exists()


def test_a_rejected_person_may_ask_again(
    association, leader, user, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(
        user=user, association=association, status=Membership.Status.REJECTED
    )

    with django_capture_on_commit_callbacks(execute=True):
        again, created = services.membership_request(user=user, association=association)

    assert created is True
    assert again.pk == membership.pk
    assert again.status == Membership.Status.REQUESTED
    assert len(mail.outbox) == 1


@pytest.fixture
def request_to_join(association):
    return MembershipFactory(association=association, requested=True)


@pytest.mark.parametrize("decider", ["staff", "leader"])
def test_staff_or_a_leader_accept_a_request_and_the_requester_is_told(
    request, request_to_join, decider, django_capture_on_commit_callbacks
):
    actor = request.getfixturevalue(decider)

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_decide(
            membership=request_to_join, approve=True, actor=actor, role=Membership.Role.LEADER
        )

    request_to_join.refresh_from_db()
    assert request_to_join.status == Membership.Status.ACTIVE
    assert request_to_join.role == Membership.Role.LEADER
    log = ActivityLog.objects.for_object(request_to_join).get()
    assert (log.actor, log.from_status, log.to_status) == (actor, "requested", "active")
    [message] = mail.outbox
    assert message.to == [request_to_join.user.email]


@pytest.mark.parametrize("decider", ["staff", "leader"])
def test_staff_or_a_leader_reject_a_request(
    request, request_to_join, decider, django_capture_on_commit_callbacks
):
    actor = request.getfixturevalue(decider)

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_decide(membership=request_to_join, approve=False, actor=actor)

    request_to_join.refresh_from_db()
    assert request_to_join.status == Membership.Status.REJECTED
    assert request_to_join.role == Membership.Role.MEMBER
    assert OutgoingEmail.objects.get().template == "associations/membership_rejected"


def test_a_leader_of_another_association_cannot_decide(request_to_join):
    outsider = MembershipFactory(leader=True).user

    with pytest.raises(PermissionDenied):
        services.membership_decide(membership=request_to_join, approve=True, actor=outsider)

    request_to_join.refresh_from_db()
    assert request_to_join.status == Membership.Status.REQUESTED
    assert not ActivityLog.objects.for_object(request_to_join).exists()


def test_a_plain_member_cannot_decide(association, request_to_join):
    member = MembershipFactory(association=association).user

    with pytest.raises(PermissionDenied):
        services.membership_decide(membership=request_to_join, approve=True, actor=member)


def test_a_leader_whose_membership_ended_cannot_decide(association, request_to_join):
    former = MembershipFactory(
        association=association, leader=True, status=Membership.Status.ENDED
    ).user

    with pytest.raises(PermissionDenied):
        services.membership_decide(membership=request_to_join, approve=True, actor=former)


def test_an_accepted_request_cannot_be_accepted_again(request_to_join, staff):
    services.membership_decide(membership=request_to_join, approve=True, actor=staff)

    with pytest.raises(ValidationError) as excinfo:
        services.membership_decide(membership=request_to_join, approve=False, actor=staff)

    assert excinfo.value.messages == ["Non è possibile passare da «attiva» a «respinta»."]
    request_to_join.refresh_from_db()
    assert request_to_join.status == Membership.Status.ACTIVE
