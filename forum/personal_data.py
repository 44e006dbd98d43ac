"""Privacy hooks of the Forum and the Manifesto: signatures, registrations, delegations."""

from __future__ import annotations

from datetime import datetime

from mondinsieme.personal_data import rows

_SIGNATURE_FIELDS = [
    "manifesto__title", "kind", "status", "name", "role", "email", "residence_city", "country",
    "association__name", "city__name", "public_listing", "news_opt_in", "consent_at",
    "confirmed_at", "withdrawn_at", "created_at",
]  # fmt: skip
_ANONYMOUS_SIGNATURE = {
    "name": "",
    "role": "",
    "email": "",
    "residence_city": "",
    "public_listing": False,
    "news_opt_in": False,
    "token_hash": "",
    "token_expires_at": None,
    "withdraw_token_hash": "",
}


def _touch_manifesto(manifesto_id: int) -> None:
    from django.utils import timezone

    from .models import Manifesto

    # A save (not an update) so the page cache hears of it; the new date rebuilds the PDF.
    manifesto = Manifesto.objects.get(pk=manifesto_id)
    manifesto.signatures_changed_at = timezone.now()
    manifesto.save(update_fields=["signatures_changed_at"])


def _placeholder(user) -> str:
    return f"deleted-{user.pk}@deleted.invalid"


def export(user) -> dict:
    from .models import Amendment, Delegation, DelegationMember, Registration, Signature

    return {
        "signatures": rows(Signature.objects.filter(email__iexact=user.email), _SIGNATURE_FIELDS),
        # Signed on behalf of an association or recorded for a city (by staff): the signatory
        # named there, and the scanned document, are someone else's data.
        "signatures_recorded": rows(
            Signature.objects.filter(signed_by=user).exclude(email__iexact=user.email),
            ["manifesto__title", "kind", "association__name", "city__name", "status", "created_at"],
        ),
        "registrations": rows(
            Registration.objects.filter(email__iexact=user.email),
            ["edition__title", "name", "email", "status", "waitlist_position", "created_at"],
        ),
        # What the person filled in for an association: the head's details are someone else's.
        "delegations_registered": rows(
            Delegation.objects.filter(registered_by=user),
            ["edition__title", "city__name", "association__name", "status", "created_at"],
        ),
        "delegations_headed": rows(
            Delegation.objects.filter(head_email__iexact=user.email),
            [
                "edition__title",
                "city__name",
                "association__name",
                "head_name",
                "head_role",
                "head_email",
                "arrival_on",
                "departure_on",
                "interpreting_language",
                "accessibility_needs",
                "invitation_letter",
                "status",
                "created_at",
            ],
        ),
        "delegation_memberships": rows(
            DelegationMember.objects.filter(email__iexact=user.email),
            ["delegation__edition__title", "delegation__city__name", "name", "role", "email"],
        ),
        "amendments": rows(
            Amendment.objects.filter(proposed_by=user),
            ["manifesto__title", "kind", "article_title", "status", "created_at"],
        ),
    }


def erase(user) -> None:
    from .models import Delegation, DelegationMember, Registration, Signature

    mine = Signature.objects.filter(email__iexact=user.email, kind=Signature.Kind.CITIZEN)
    # Never confirmed: not counted anywhere, nothing to keep.
    mine.filter(status=Signature.Status.PENDING).delete()
    # Confirmed: still counted in the manifesto's total, no longer anyone's. Saved one by one so
    # the cached public pages forget the name, and the signatories' PDF is built again.
    for signature in mine:
        for name, value in _ANONYMOUS_SIGNATURE.items():
            setattr(signature, name, value)
        signature.save(update_fields=list(_ANONYMOUS_SIGNATURE))
        _touch_manifesto(signature.manifesto_id)
    Registration.objects.filter(email__iexact=user.email).update(
        name="Utente eliminato", email=_placeholder(user), cancel_token_hash=""
    )
    Delegation.objects.filter(head_email__iexact=user.email).update(
        head_name="Utente eliminato", head_role="", head_email=_placeholder(user)
    )
    DelegationMember.objects.filter(email__iexact=user.email).update(
        name="Utente eliminato", role="", email=""
    )


def consent_withdrawn(consent, *, actor) -> None:
    """A withdrawn signature consent withdraws the signature; a registration's cancels it."""
    from .models import Registration, Signature
    from .services import registration_cancel, signature_withdraw

    subject = consent.subject
    if isinstance(subject, Signature) and subject.status != Signature.Status.WITHDRAWN:
        signature_withdraw(signature=subject, actor=actor, note="consenso revocato")
    elif isinstance(subject, Registration) and subject.status != Registration.Status.CANCELLED:
        # The cancellation service works from the e-mail link: give it a fresh one to follow.
        from .services import _new_token

        token, hashed = _new_token()
        Registration.objects.filter(pk=subject.pk).update(cancel_token_hash=hashed)
        registration_cancel(token=token)


def _unconfirmed_signatures(*, before: datetime, action: str, dry_run: bool) -> int:
    from .models import Signature

    old = Signature.objects.filter(status=Signature.Status.PENDING, created_at__lt=before)
    count = old.count()
    if not dry_run:
        old.delete()
    return count


def _closed_manifesto_signatures(*, before: datetime, action: str, dry_run: bool) -> int:
    from .models import Manifesto, Signature

    old = Signature.objects.filter(
        kind=Signature.Kind.CITIZEN,
        manifesto__status=Manifesto.Status.CLOSED,
        manifesto__status_changed_at__lt=before,
    ).exclude(email="", name="")
    count = old.count()
    if not dry_run:
        manifesto_ids = set(old.values_list("manifesto_id", flat=True))
        old.update(**_ANONYMOUS_SIGNATURE)
        for manifesto_id in manifesto_ids:
            _touch_manifesto(manifesto_id)
    return count


def _past_registrations(*, before: datetime, action: str, dry_run: bool) -> int:
    from .models import Registration

    old = Registration.objects.filter(edition__ends_on__lt=before.date()).exclude(
        email__endswith="@deleted.invalid"
    )
    count = old.count()
    if not dry_run:
        for registration in old.only("pk"):
            Registration.objects.filter(pk=registration.pk).update(
                name="—", email=f"registration-{registration.pk}@deleted.invalid"
            )
    return count


RETENTION = {
    "forum.unconfirmed_signatures": _unconfirmed_signatures,
    "forum.closed_manifesto_signatures": _closed_manifesto_signatures,
    "forum.past_registrations": _past_registrations,
}
