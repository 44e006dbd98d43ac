"""Privacy hooks of the shared core: memberships, invitations, associations one created."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from mondinsieme.personal_data import rows


def export(user) -> dict:
    from .models import Association, Invitation, Membership

    return {
        "memberships": rows(
            Membership.objects.filter(user=user),
            ["association__name", "role", "status", "message", "created_at", "status_changed_at"],
        ),
        "invitations_received": rows(
            Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user)),
            ["association__name", "email", "role", "created_at", "accepted_at"],
        ),
        # Whom the person invited is the invitees' data: only that they sent invitations.
        "invitations_sent": rows(
            Invitation.objects.filter(invited_by=user),
            ["association__name", "role", "created_at", "accepted_at"],
        ),
        "associations_registered": rows(
            Association.objects.filter(created_by=user), ["name", "status", "created_at"]
        ),
    }


def erase(user) -> None:
    from django.utils import timezone

    from mondinsieme.workflow import log_action

    from .models import Invitation, Membership

    # Ended, not deleted: the association's history keeps that someone was a member.
    for membership in Membership.objects.filter(user=user).exclude(status=Membership.Status.ENDED):
        log_action(
            membership,
            actor=None,
            action="transition",
            from_status=membership.status,
            to_status=Membership.Status.ENDED,
            note="account eliminato",
        )
    Membership.objects.filter(user=user).exclude(status=Membership.Status.ENDED).update(
        status=Membership.Status.ENDED, status_changed_at=timezone.now()
    )
    Membership.objects.filter(user=user).update(message="")
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
    Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user)).update(
        email=f"deleted-{user.pk}@deleted.invalid"
    )


def _stale_invitations(*, before: datetime, action: str, dry_run: bool) -> int:
    from .models import Invitation

    stale = Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=before)
    count = stale.count()
    if not dry_run:
        stale.delete()
    return count


RETENTION = {"associations.stale_invitations": _stale_invitations}
