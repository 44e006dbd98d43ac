"""Who may do what with courses, enrolments and certificates (``rules`` predicates).

A leader acts only for their own association's members; a participant sees their own
enrolments; staff run courses, attendance and certificates.
"""

from __future__ import annotations

import rules

from associations.models import Membership
from associations.permissions import is_leader_of, is_staff_member

from .models import Enrolment


@rules.predicate
def is_participant(user, enrolment: Enrolment | None) -> bool:
    return (
        bool(enrolment is not None and user and user.is_authenticated)
        and enrolment.participant_id == user.pk
    )


@rules.predicate
def leads_enrolment_association(user, enrolment: Enrolment | None) -> bool:
    return enrolment is not None and is_leader_of(user, enrolment.association)


def is_active_member(user, association) -> bool:
    """``user`` holds an active membership (any role) of ``association``."""
    return Membership.objects.filter(
        user=user, association=association, status=Membership.Status.ACTIVE
    ).exists()


can_manage_training = is_staff_member
can_enrol_for_association = is_leader_of | is_staff_member
can_view_enrolment = is_participant | leads_enrolment_association | is_staff_member
can_cancel_enrolment = is_participant | leads_enrolment_association | is_staff_member
can_view_certificate = can_view_enrolment

rules.add_perm("training.manage", can_manage_training)
rules.add_perm("training.enrol_for_association", can_enrol_for_association)
rules.add_perm("training.view_enrolment", can_view_enrolment)
rules.add_perm("training.cancel_enrolment", can_cancel_enrolment)
