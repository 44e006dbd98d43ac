"""Who may see and change an association: leaders act only for their own, staff for all."""

import pytest
from django.contrib.auth.models import AnonymousUser

from associations.models import Membership
from associations.permissions import (
    can_change_association,
    can_manage_members,
    can_moderate_associations,
    can_view_association,
    is_leader_of,
)
from tests.factories import AssociationFactory, MembershipFactory, UserFactory


@pytest.mark.parametrize(
    ("role", "status", "expected"),
    [
        (Membership.Role.LEADER, Membership.Status.ACTIVE, True),
        (Membership.Role.LEGAL_REPRESENTATIVE, Membership.Status.ACTIVE, True),
        (Membership.Role.MEMBER, Membership.Status.ACTIVE, False),
        (Membership.Role.LEADER, Membership.Status.REQUESTED, False),
        (Membership.Role.LEADER, Membership.Status.ENDED, False),
        (Membership.Role.LEADER, Membership.Status.REJECTED, False),
    ],
)
def test_is_leader_of_needs_an_active_acting_role(db, role, status, expected):
    membership = MembershipFactory(role=role, status=status)

    assert is_leader_of(membership.user, membership.association) is expected


def test_is_leader_of_is_about_one_association_only(leader):
    assert is_leader_of(leader, AssociationFactory()) is False


def test_an_inactive_user_leads_nothing(association, leader):
    leader.is_active = False
    leader.save()

    assert is_leader_of(leader, association) is False


def test_anonymous_users_lead_nothing(association):
    assert is_leader_of(AnonymousUser(), association) is False
    assert is_leader_of(UserFactory(), None) is False


def test_everyone_sees_an_approved_association(association, user):
    assert can_view_association(AnonymousUser(), association)
    assert can_view_association(user, association)


@pytest.mark.parametrize("trait", ["pending", "suspended"])
def test_a_hidden_association_is_invisible_to_strangers(db, user, trait):
    hidden = AssociationFactory(**{trait: True})
    outsider = MembershipFactory(leader=True).user

    assert not can_view_association(AnonymousUser(), hidden)
    assert not can_view_association(user, hidden)
    assert not can_view_association(outsider, hidden)


def test_a_pending_association_is_visible_to_its_leader_and_staff(db, staff):
    pending = AssociationFactory(pending=True)
    own_leader = MembershipFactory(association=pending, leader=True).user

    assert can_view_association(own_leader, pending)
    assert can_view_association(staff, pending)


def test_a_pending_request_does_not_reveal_a_hidden_association(db):
    pending = AssociationFactory(pending=True)
    requester = MembershipFactory(association=pending, requested=True).user

    assert not can_view_association(requester, pending)


def test_only_leaders_of_that_association_and_staff_may_change_it(association, leader, staff, user):
    member = MembershipFactory(association=association).user
    outsider = MembershipFactory(leader=True).user

    assert can_change_association(leader, association)
    assert can_change_association(staff, association)
    assert not can_change_association(member, association)
    assert not can_change_association(outsider, association)
    assert not can_change_association(user, association)
    assert not can_change_association(AnonymousUser(), association)


def test_managing_members_follows_the_same_rule(association, leader, staff):
    outsider = MembershipFactory(leader=True).user

    assert can_manage_members(leader, association)
    assert can_manage_members(staff, association)
    assert not can_manage_members(outsider, association)


def test_only_staff_moderate(leader, staff):
    assert can_moderate_associations(staff)
    assert not can_moderate_associations(leader)
    assert not can_moderate_associations(AnonymousUser())


def test_the_rules_are_registered_as_object_permissions(association, leader):
    outsider = MembershipFactory(leader=True).user

    assert leader.has_perm("associations.change_association_profile", association)
    assert not outsider.has_perm("associations.change_association_profile", association)
    assert leader.has_perm("associations.manage_members", association)
