"""Who may do what in the Forum and the Manifesto (``rules`` predicates and permissions).

Leaders act only for approved associations they lead; staff moderate everything. The public
needs no permission to read, sign as a citizen or register for the Forum.
"""

from __future__ import annotations

import rules

from associations.permissions import is_leader_of, is_staff_member


@rules.predicate
def acts_for_approved_association(user, association) -> bool:
    return association is not None and association.is_public and is_leader_of(user, association)


can_propose_amendment = acts_for_approved_association
can_sign_for_association = acts_for_approved_association
can_register_delegation = acts_for_approved_association
can_moderate_forum = is_staff_member

rules.add_perm("forum.propose_amendment", can_propose_amendment)
rules.add_perm("forum.sign_for_association", can_sign_for_association)
rules.add_perm("forum.register_delegation", can_register_delegation)
rules.add_perm("forum.moderate", can_moderate_forum)
