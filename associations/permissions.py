"""Who may do what with an association (``rules`` predicates and permissions).

A leader acts only for the associations where they hold an active leader or legal-representative
membership; staff act for all. Views, templates (``{% has_perm %}``) and the admin use these.
"""

from __future__ import annotations

import rules

from .models import Association, Membership


@rules.predicate
def is_staff_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


@rules.predicate
def is_leader_of(user, association: Association | None) -> bool:
    if association is None or not (user and user.is_authenticated and user.is_active):
        return False
    return Membership.objects.filter(
        user=user,
        association=association,
        status=Membership.Status.ACTIVE,
        role__in=Membership.ACTING_ROLES,
    ).exists()


@rules.predicate
def is_member_of(user, association: Association | None) -> bool:
    if association is None or not (user and user.is_authenticated and user.is_active):
        return False
    return Membership.objects.filter(
        user=user, association=association, status=Membership.Status.ACTIVE
    ).exists()


@rules.predicate
def is_public_association(user, association: Association | None) -> bool:
    return association is not None and association.is_public


can_view_association = is_public_association | is_member_of | is_staff_member
can_change_association = is_leader_of | is_staff_member
can_manage_members = is_leader_of | is_staff_member
can_moderate_associations = is_staff_member

rules.add_perm("associations.view_association_page", can_view_association)
rules.add_perm("associations.change_association_profile", can_change_association)
rules.add_perm("associations.manage_members", can_manage_members)
rules.add_perm("associations.moderate", can_moderate_associations)
