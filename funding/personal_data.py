"""Privacy hooks of funding: proposals a person created, their uploads, their reviews."""

from __future__ import annotations

from mondinsieme.personal_data import rows


def export(user) -> dict:
    from .models import Proposal, ProposalAttachment, Review, Score

    attachments = ProposalAttachment.objects.filter(uploaded_by=user)
    return {
        "proposals_created": rows(
            Proposal.objects.filter(created_by=user),
            ["association__name", "call__title", "title", "summary", "status", "created_at"],
        ),
        "attachments_uploaded": rows(
            attachments, ["proposal__title", "kind", "original_name", "uploaded_at"]
        ),
        "reviews": rows(
            Review.objects.filter(reviewer=user),
            [
                "proposal__title",
                "status",
                "conflict_note",
                "recommendation",
                "comments",
                "submitted_at",
            ],
        ),
        "scores": rows(
            Score.objects.filter(review__reviewer=user),
            ["review__proposal__title", "criterion__name", "points", "max_points", "comment"],
        ),
        "_files": [attachment.file for attachment in attachments],
    }


def erase(user) -> None:
    # Proposals, attachments and reviews belong to the association and to the call's record
    # (public funds must be accounted for): they stay and point to the anonymised user.
    return None
