"""Privacy hooks of networks: focal points, commitments, notes, evidence added by staff."""

from __future__ import annotations

from mondinsieme.personal_data import rows


def export(user) -> dict:
    from .models import (
        Assessment,
        Commitment,
        CommitmentEvidence,
        NetworkEvent,
        NetworkMembership,
        ProgressNote,
    )

    evidence = CommitmentEvidence.objects.filter(added_by=user)
    return {
        "focal_point_of": rows(
            NetworkMembership.objects.filter(focal_point=user),
            ["network__name", "organisation", "status"],
        ),
        "events_attended": rows(
            NetworkEvent.objects.filter(staff_participants=user), ["title", "network__name"]
        ),
        "commitments_owned": rows(Commitment.objects.filter(owner=user), ["title", "status"]),
        "progress_notes": rows(
            ProgressNote.objects.filter(author=user), ["commitment__title", "text", "created_at"]
        ),
        "evidence_added": rows(
            evidence, ["commitment__title", "description", "link", "created_at"]
        ),
        "assessments_created": rows(
            Assessment.objects.filter(created_by=user), ["year", "created_at"]
        ),
        "_files": [item.file for item in evidence if item.file],
    }


def erase(user) -> None:
    from .models import NetworkEvent

    # Commitments and notes are the city's record: they keep the anonymised author.
    for event in NetworkEvent.objects.filter(staff_participants=user):
        event.staff_participants.remove(user)
