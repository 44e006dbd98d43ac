"""The forum's rules predicates."""

import pytest

from forum.permissions import can_moderate_forum, can_propose_amendment
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_leader_acts_for_their_approved_association(leader, association):
    assert can_propose_amendment(leader, association)
    assert not can_propose_amendment(leader, AssociationFactory())


def test_a_plain_member_does_not_act_for_the_association(association):
    member = MembershipFactory(association=association).user
    assert not can_propose_amendment(member, association)


def test_a_pending_associations_leader_does_not_act():
    association = AssociationFactory(pending=True)
    leader = MembershipFactory(association=association, leader=True).user
    assert not can_propose_amendment(leader, association)


def test_only_staff_moderate(staff, leader):
    assert can_moderate_forum(staff)
    assert not can_moderate_forum(leader)
    assert not can_moderate_forum(UserFactory(is_active=False, staff=True))
