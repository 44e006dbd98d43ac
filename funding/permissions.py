"""Who may do what with calls, proposals and reviews (``rules`` predicates).

Leaders act only for proposals of their own associations; staff run the pipeline; a reviewer
sees only the reviews assigned to them.
"""

from __future__ import annotations

import rules

from associations.permissions import is_leader_of, is_staff_member

from .models import Proposal, Review


@rules.predicate
def is_proposal_leader(user, proposal: Proposal | None) -> bool:
    return proposal is not None and is_leader_of(user, proposal.association)


@rules.predicate
def is_with_leaders(user, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.is_with_leaders


@rules.predicate
def is_reviewer_of(user, review: Review | None) -> bool:
    return (
        review is not None
        and bool(user and user.is_authenticated and user.is_active)
        and review.reviewer_id == user.pk
    )


@rules.predicate
def is_assigned_reviewer(user, proposal: Proposal | None) -> bool:
    # A reviewer who declared a conflict of interest no longer sees the proposal's documents.
    return (
        proposal is not None
        and bool(user and user.is_authenticated and user.is_active)
        and proposal.reviews.filter(reviewer=user).exclude(status=Review.Status.CONFLICT).exists()
    )


can_view_proposal = is_proposal_leader | is_staff_member
# Reviewers score the proposal's documents too, so they may download its attachments.
can_download_attachment = can_view_proposal | is_assigned_reviewer
can_change_proposal = is_proposal_leader & is_with_leaders
can_manage_proposals = is_staff_member
can_review = is_reviewer_of

rules.add_perm("funding.view_proposal_page", can_view_proposal)
rules.add_perm("funding.change_proposal_page", can_change_proposal)
rules.add_perm("funding.manage", can_manage_proposals)
rules.add_perm("funding.review", can_review)
