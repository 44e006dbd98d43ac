"""Inviting people by e-mail: one open invitation per address, accepted only by its owner."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from associations import services
from associations.models import Invitation, Membership
from mondinsieme.models import ActivityLog
from tests.factories import InvitationFactory, MembershipFactory, UserFactory

GONE = "Questo invito non è più valido. Chiedi al referente di inviarne uno nuovo."


def test_a_leader_invites_an_address_and_an_email_goes_out(
    association, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            association=association,
            actor=leader,
            email="  Awa.Diop@Example.org ",
            role=Membership.Role.LEADER,
        )

    assert invitation.email == "awa.diop@example.org"
    assert invitation.role == Membership.Role.LEADER
    assert invitation.invited_by == leader
    assert invitation.is_open
    [message] = mail.outbox
    assert message.to == ["awa.diop@example.org"]
    assert invitation.token in message.body
    log = ActivityLog.objects.for_object(association).get()
    assert (log.action, log.note) == ("invited", "awa.diop@example.org")


def test_a_second_open_invitation_to_the_same_address_is_refused(association, leader):
    services.invitation_create(
        association=association, actor=leader, email="awa@example.org", role="member"
    )

    with pytest.raises(ValidationError) as excinfo:
        services.invitation_create(
            association=association, actor=leader, email="AWA@example.org", role="leader"
        )

    assert excinfo.value.messages == [
        "Hai già invitato questo indirizzo: l'invito è in attesa di risposta."
    ]
    assert Invitation.objects.count() == 1
    assert len(ActivityLog.objects.for_object(association)) == 1


def test_an_active_member_is_not_invited_again(association, leader):
    member = MembershipFactory(association=association).user

    with pytest.raises(ValidationError) as excinfo:
        services.invitation_create(
            association=association, actor=leader, email=member.email.upper(), role="member"
        )

    assert excinfo.value.messages == ["Questa persona fa già parte dell'associazione."]


def test_a_leader_of_another_association_cannot_invite(association):
    outsider = MembershipFactory(leader=True).user

    with pytest.raises(PermissionDenied):
        services.invitation_create(
            association=association, actor=outsider, email="x@example.org", role="leader"
        )

    assert not Invitation.objects.exists()


def test_the_invited_person_accepts_with_their_verified_address(association):
    invitation = InvitationFactory(association=association, role=Membership.Role.LEADER)
    invited = UserFactory(email=invitation.email)

    membership = services.invitation_accept(token=invitation.token, user=invited)

    assert membership.user == invited
    assert membership.association == association
    assert membership.status == Membership.Status.ACTIVE
    assert membership.role == Membership.Role.LEADER
    invitation.refresh_from_db()
    assert invitation.accepted_by == invited
    assert invitation.accepted_at is not None
    assert not invitation.is_open


def test_a_verified_secondary_address_counts(association):
    invitation = InvitationFactory(association=association)
    invited = UserFactory()
    EmailAddress.objects.create(user=invited, email=invitation.email.upper(), verified=True)

    membership = services.invitation_accept(token=invitation.token, user=invited)

    assert membership.user == invited


def test_an_unverified_address_does_not_count(association):
    invitation = InvitationFactory(association=association)
    invited = UserFactory()
    EmailAddress.objects.create(user=invited, email=invitation.email, verified=False)

    with pytest.raises(PermissionDenied):
        services.invitation_accept(token=invitation.token, user=invited)

    assert not Membership.objects.filter(user=invited).exists()


def test_someone_else_cannot_accept_the_invitation(association, user):
    invitation = InvitationFactory(association=association)

    with pytest.raises(PermissionDenied) as excinfo:
        services.invitation_accept(token=invitation.token, user=user)

    assert "inviato a un altro indirizzo e-mail" in str(excinfo.value)
    assert not Membership.objects.filter(user=user).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_expired_invitation_is_refused(association):
    invitation = InvitationFactory(association=association, expired=True)
    invited = UserFactory(email=invitation.email)

    with pytest.raises(ValidationError) as excinfo:
        services.invitation_accept(token=invitation.token, user=invited)

    assert excinfo.value.messages == [GONE]
    assert not Membership.objects.filter(user=invited).exists()


def test_an_invitation_cannot_be_used_twice(association):
    invitation = InvitationFactory(association=association)
    invited = UserFactory(email=invitation.email)
    services.invitation_accept(token=invitation.token, user=invited)

    with pytest.raises(ValidationError) as excinfo:
        services.invitation_accept(token=invitation.token, user=invited)

    assert excinfo.value.messages == [GONE]


def test_an_unknown_token_is_refused(user):
    with pytest.raises(ValidationError):
        services.invitation_accept(token="nope", user=user)


def test_accepting_turns_a_pending_request_into_a_membership(association):
    invitation = InvitationFactory(association=association, role=Membership.Role.LEADER)
    invited = UserFactory(email=invitation.email)
    request = MembershipFactory(user=invited, association=association, requested=True)

    membership = services.invitation_accept(token=invitation.token, user=invited)

    assert membership.pk == request.pk
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE
    assert request.role == Membership.Role.LEADER


def test_after_acceptance_the_address_may_be_invited_again_elsewhere(association, leader):
    invitation = services.invitation_create(
        association=association, actor=leader, email="awa@example.org", role="member"
    )
    services.invitation_accept(token=invitation.token, user=UserFactory(email="awa@example.org"))
    other_leader = MembershipFactory(leader=True)

    again = services.invitation_create(
        association=other_leader.association,
        actor=other_leader.user,
        email="awa@example.org",
        role="member",
    )

    assert again.pk != invitation.pk


def test_an_expired_invitation_can_be_replaced_by_a_new_one(association, leader):
    # The refusal message tells the invited person to ask for a new invitation: it must be possible.
    expired = InvitationFactory(association=association, email="awa@example.org", expired=True)

    fresh = services.invitation_create(
        association=association, actor=leader, email="awa@example.org", role="member"
    )

    assert fresh.is_open
    invited = UserFactory(email="awa@example.org")
    with pytest.raises(ValidationError):
        services.invitation_accept(token=expired.token, user=invited)
    assert services.invitation_accept(token=fresh.token, user=invited).status == "active"


def test_an_invitation_reactivates_a_rejected_request_through_the_workflow(db):
    membership = MembershipFactory(requested=True)
    membership.status = Membership.Status.REJECTED
    membership.save()
    invitation = InvitationFactory(
        association=membership.association,
        email=membership.user.email,
        role=Membership.Role.LEADER,
    )
    accepted = services.invitation_accept(token=invitation.token, user=membership.user)
    assert accepted.pk == membership.pk
    assert (accepted.status, accepted.role) == (Membership.Status.ACTIVE, Membership.Role.LEADER)
    log = ActivityLog.objects.for_object(membership).filter(action="transition").get()
    assert (log.from_status, log.to_status) == ("rejected", "active")


def test_a_role_cannot_be_given_to_someone_who_is_not_an_active_member(association, leader):
    pending = MembershipFactory(association=association, requested=True)
    with pytest.raises(ValidationError):
        services.membership_set_role(membership=pending, role=Membership.Role.LEADER, actor=leader)
    pending.refresh_from_db()
    assert pending.role == Membership.Role.MEMBER
