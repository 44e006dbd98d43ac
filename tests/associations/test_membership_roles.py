"""Changing roles and ending memberships: an association always keeps someone who acts for it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from associations import services
from associations.models import Membership
from mondinsieme.models import ActivityLog
from tests.factories import MembershipFactory

LAST_LEADER = "L'associazione deve avere almeno un referente: nomina prima un altro referente."


@pytest.fixture
def leadership(association, leader):
    return Membership.objects.get(user=leader, association=association)


@pytest.fixture
def member(association):
    return MembershipFactory(association=association)


def test_a_leader_promotes_a_member(leader, member):
    services.membership_set_role(membership=member, role=Membership.Role.LEADER, actor=leader)

    member.refresh_from_db()
    assert member.role == Membership.Role.LEADER
    log = ActivityLog.objects.for_object(member).get()
    assert (log.action, log.actor, log.note) == ("role_changed", leader, "member → leader")


def test_the_last_leader_cannot_step_down(leader, leadership):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_set_role(
            membership=leadership, role=Membership.Role.MEMBER, actor=leader
        )

    assert excinfo.value.messages == [LAST_LEADER]
    leadership.refresh_from_db()
    assert leadership.role == Membership.Role.LEADER


def test_a_leader_may_become_legal_representative_even_alone(leader, leadership):
    services.membership_set_role(
        membership=leadership, role=Membership.Role.LEGAL_REPRESENTATIVE, actor=leader
    )

    leadership.refresh_from_db()
    assert leadership.role == Membership.Role.LEGAL_REPRESENTATIVE


def test_a_leader_may_step_down_once_another_leads(association, leader, leadership):
    MembershipFactory(association=association, legal_rep=True)

    services.membership_set_role(membership=leadership, role=Membership.Role.MEMBER, actor=leader)

    leadership.refresh_from_db()
    assert leadership.role == Membership.Role.MEMBER


def test_a_leader_of_an_ended_membership_does_not_count(association, leader, leadership):
    MembershipFactory(association=association, leader=True, status=Membership.Status.ENDED)

    with pytest.raises(ValidationError):
        services.membership_set_role(
            membership=leadership, role=Membership.Role.MEMBER, actor=leader
        )


def test_an_unknown_role_is_refused(leader, member):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_set_role(membership=member, role="boss", actor=leader)

    assert excinfo.value.messages == ["Ruolo non valido: scegline uno dall'elenco."]


def test_a_member_cannot_change_roles(association, member):
    other = MembershipFactory(association=association)

    with pytest.raises(PermissionDenied):
        services.membership_set_role(
            membership=other, role=Membership.Role.LEADER, actor=member.user
        )


def test_a_leader_of_another_association_cannot_change_roles(member):
    outsider = MembershipFactory(leader=True).user

    with pytest.raises(PermissionDenied):
        services.membership_set_role(membership=member, role=Membership.Role.LEADER, actor=outsider)

    member.refresh_from_db()
    assert member.role == Membership.Role.MEMBER


def test_a_leader_removes_a_member(leader, member):
    services.membership_end(membership=member, actor=leader, note="Trasferita")

    member.refresh_from_db()
    assert member.status == Membership.Status.ENDED
    log = ActivityLog.objects.for_object(member).get()
    assert (log.actor, log.from_status, log.to_status, log.note) == (
        leader,
        "active",
        "ended",
        "Trasferita",
    )


def test_a_member_may_leave(member):
    services.membership_end(membership=member, actor=member.user)

    member.refresh_from_db()
    assert member.status == Membership.Status.ENDED


def test_the_last_leader_cannot_leave(leader, leadership):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_end(membership=leadership, actor=leader)

    assert excinfo.value.messages == [LAST_LEADER]
    leadership.refresh_from_db()
    assert leadership.status == Membership.Status.ACTIVE


def test_staff_cannot_remove_the_last_leader_either(staff, leadership):
    with pytest.raises(ValidationError):
        services.membership_end(membership=leadership, actor=staff)


def test_a_leader_of_another_association_cannot_remove_a_member(member):
    outsider = MembershipFactory(leader=True).user

    with pytest.raises(PermissionDenied):
        services.membership_end(membership=member, actor=outsider)

    member.refresh_from_db()
    assert member.status == Membership.Status.ACTIVE


def test_an_ended_membership_cannot_be_ended_again(leader, member):
    services.membership_end(membership=member, actor=leader)

    with pytest.raises(ValidationError) as excinfo:
        services.membership_end(membership=member, actor=leader)

    assert excinfo.value.messages == ["Non è possibile passare da «terminata» a «terminata»."]
