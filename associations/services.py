"""Every write that matters for associations and memberships goes through here."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mondinsieme.emails import email_queue
from mondinsieme.workflow import log_action, transition

from .models import Association, Invitation, Membership
from .permissions import can_manage_members, can_moderate_associations, is_leader_of

User = get_user_model()


def _absolute(path: str) -> str:
    from django.conf import settings

    return settings.PORTAL.get("BASE_URL", "").rstrip("/") + path


def _staff_emails() -> list[tuple[str, str]]:
    return list(
        User.objects.filter(is_staff=True, is_active=True).values_list(
            "email", "preferred_language"
        )
    )


def _leader_emails(association: Association) -> list[tuple[str, str]]:
    return list(
        Membership.objects.filter(
            association=association,
            status=Membership.Status.ACTIVE,
            role__in=Membership.ACTING_ROLES,
        ).values_list("user__email", "user__preferred_language")
    )


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A slug for ``name`` that no other association uses."""
    base = slugify(name)[:200] or "associazione"
    slug, counter = base, 2
    existing = Association.objects.exclude(pk=exclude_pk)
    while existing.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def association_register(
    *,
    user,
    data: dict,
    communities: Iterable = (),
    themes: Iterable = (),
    role: str = Membership.Role.LEGAL_REPRESENTATIVE,
) -> Association:
    """Register a new association (pending approval) with ``user`` acting for it."""
    with transaction.atomic():
        association = Association(**data, created_by=user)
        association.slug = unique_slug(association.name)
        association.full_clean(exclude=["slug"])
        association.save()
        association.communities.set(communities)
        association.themes.set(themes)
        Membership.objects.create(
            user=user,
            association=association,
            role=role,
            status=Membership.Status.ACTIVE,
            status_changed_at=timezone.now(),
        )
        log_action(association, actor=user, action="registered", to_status=association.status)
        for email, language in _staff_emails():
            email_queue(
                key=f"association-submitted:{association.pk}:{email}",
                to=email,
                template="associations/association_submitted",
                context={
                    "association": association,
                    "by": user,
                    "url": _absolute(
                        reverse("admin:associations_association_change", args=[association.pk])
                    ),
                },
                language=language,
            )
    return association


def association_update_profile(
    *, association: Association, actor, data: dict, communities=None, themes=None
) -> Association:
    """Save the profile fields a leader may change, and log who changed what."""
    if not is_leader_of(actor, association) and not actor.is_staff:
        raise PermissionDenied(
            _("Solo i referenti dell'associazione possono modificarne il profilo.")
        )
    with transaction.atomic():
        # Compare with the stored row: a bound ModelForm has already changed ``association``.
        stored = Association.objects.select_for_update().get(pk=association.pk)
        changed = [name for name, value in data.items() if getattr(stored, name) != value]
        for name, value in data.items():
            setattr(association, name, value)
        association.full_clean(exclude=["slug"])
        association.save()
        if communities is not None:
            association.communities.set(communities)
        if themes is not None:
            association.themes.set(themes)
        log_action(
            association,
            actor=actor,
            action="profile_updated",
            note=", ".join(str(Association._meta.get_field(name).verbose_name) for name in changed),
        )
    return association


def _notify_association_status(association: Association) -> None:
    template = {
        Association.Status.APPROVED: "associations/association_approved",
        Association.Status.SUSPENDED: "associations/association_suspended",
        Association.Status.REJECTED: "associations/association_rejected",
    }.get(association.status)
    if template is None:
        return
    from mondinsieme.models import ActivityLog

    note = (
        ActivityLog.objects.for_object(association)
        .filter(to_status=association.status)
        .values_list("note", flat=True)
        .first()
    )
    for email, language in _leader_emails(association):
        email_queue(
            key=f"association-status:{association.pk}:{association.status}:"
            f"{association.status_changed_at.isoformat()}:{email}",
            to=email,
            template=template,
            context={
                "association": association,
                "note": note,
                "url": _absolute(association.get_absolute_url()),
            },
            language=language,
        )


def association_set_status(
    *, association: Association, to: str, actor, note: str = ""
) -> Association:
    """Approve, suspend, reject or reopen an association (staff only); leaders are told."""
    if to in (Association.Status.SUSPENDED, Association.Status.REJECTED) and not note.strip():
        raise ValidationError(
            _("Scrivi il motivo: verrà comunicato ai referenti dell'associazione."),
            code="note_required",
        )
    return transition(
        association,
        to=to,
        actor=actor,
        note=note,
        permission=lambda user, _obj: can_moderate_associations(user),
        on_commit=[_notify_association_status],
    )


def membership_request(
    *, user, association: Association, message: str = ""
) -> tuple[Membership, bool]:
    """Ask to join ``association``; asking twice (even at the same instant) keeps one request."""
    if not association.is_public:
        raise ValidationError(
            _("Questa associazione non accetta richieste in questo momento."), code="not_public"
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, association=association, message=message
            )
    except IntegrityError:
        # The unique constraint on (user, association) decides between concurrent requests.
        membership = Membership.objects.get(user=user, association=association)
        if membership.status in (Membership.Status.REJECTED, Membership.Status.ENDED):
            membership = transition(
                membership,
                to=Membership.Status.REQUESTED,
                actor=user,
                note=message,
                changes={"message": message},
            )
            _notify_join_request(membership)
            return membership, True
        return membership, False
    with transaction.atomic():
        log_action(membership, actor=user, action="requested", to_status=membership.status)
        _notify_join_request(membership)
    return membership, True


def _notify_join_request(membership: Membership) -> None:
    url = _absolute(reverse("associations:members", kwargs={"slug": membership.association.slug}))
    recipients = dict(_leader_emails(membership.association)) | dict(_staff_emails())
    for email, language in recipients.items():
        email_queue(
            key=f"membership-requested:{membership.pk}:{membership.status_changed_at}:{email}",
            to=email,
            template="associations/membership_requested",
            context={"membership": membership, "url": url},
            language=language,
        )


def _notify_membership_decision(membership: Membership) -> None:
    template = {
        Membership.Status.ACTIVE: "associations/membership_approved",
        Membership.Status.REJECTED: "associations/membership_rejected",
    }.get(membership.status)
    if template is None:
        return
    email_queue(
        key=f"membership-decision:{membership.pk}:{membership.status}:{membership.status_changed_at.isoformat()}",
        to=membership.user.email,
        template=template,
        context={
            "membership": membership,
            "url": _absolute(reverse("associations:mine")),
        },
        language=membership.user.preferred_language,
    )


def membership_decide(
    *, membership: Membership, approve: bool, actor, role: str | None = None, note: str = ""
) -> Membership:
    """Accept or refuse a request to join; the requester is told by e-mail."""
    changes = {"role": role} if approve and role else None
    return transition(
        membership,
        to=Membership.Status.ACTIVE if approve else Membership.Status.REJECTED,
        actor=actor,
        note=note,
        changes=changes,
        permission=lambda user, obj: can_manage_members(user, obj.association),
        on_commit=[_notify_membership_decision],
    )


def _keep_one_acting_member(membership: Membership, *, leaving: bool, new_role: str | None) -> None:
    if (
        membership.role not in Membership.ACTING_ROLES
        or membership.status != Membership.Status.ACTIVE
    ):
        return
    if not leaving and new_role in Membership.ACTING_ROLES:
        return
    others = Membership.objects.filter(
        association=membership.association,
        status=Membership.Status.ACTIVE,
        role__in=Membership.ACTING_ROLES,
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            _("L'associazione deve avere almeno un referente: nomina prima un altro referente."),
            code="last_leader",
        )


def membership_set_role(*, membership: Membership, role: str, actor) -> Membership:
    """Change a member's role; an association always keeps at least one leader."""
    if not can_manage_members(actor, membership.association):
        raise PermissionDenied(_("Non hai i permessi per gestire i soci di questa associazione."))
    if role not in Membership.Role.values:
        raise ValidationError(_("Ruolo non valido: scegline uno dall'elenco."), code="invalid_role")
    with transaction.atomic():
        # Lock every acting membership of the association: two leaders demoting each other at
        # the same moment must not leave the association without one.
        list(
            Membership.objects.select_for_update().filter(
                association=membership.association, role__in=Membership.ACTING_ROLES
            )
        )
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.status != Membership.Status.ACTIVE:
            raise ValidationError(
                _("Puoi cambiare il ruolo solo a chi fa già parte dell'associazione."),
                code="not_active",
            )
        _keep_one_acting_member(membership, leaving=False, new_role=role)
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        log_action(membership, actor=actor, action="role_changed", note=f"{old} → {role}")
    return membership


def membership_end(*, membership: Membership, actor, note: str = "") -> Membership:
    """Remove a member (or leave, when ``actor`` is the member)."""
    if actor != membership.user and not can_manage_members(actor, membership.association):
        raise PermissionDenied(_("Non hai i permessi per gestire i soci di questa associazione."))
    with transaction.atomic():
        list(
            Membership.objects.select_for_update().filter(
                association=membership.association, role__in=Membership.ACTING_ROLES
            )
        )
        fresh = Membership.objects.get(pk=membership.pk)
        _keep_one_acting_member(fresh, leaving=True, new_role=None)
        return transition(fresh, to=Membership.Status.ENDED, actor=actor, note=note)


def invitation_create(*, association: Association, actor, email: str, role: str) -> Invitation:
    """Invite ``email`` to join; the invitation arrives by e-mail with a personal link."""
    if not can_manage_members(actor, association):
        raise PermissionDenied(_("Non hai i permessi per gestire i soci di questa associazione."))
    email = email.strip().lower()
    if Membership.objects.filter(
        association=association, user__email__iexact=email, status=Membership.Status.ACTIVE
    ).exists():
        raise ValidationError(
            _("Questa persona fa già parte dell'associazione."), code="already_member"
        )
    try:
        with transaction.atomic():
            # An expired invitation still counts as "open" for the unique constraint: without
            # this a leader could never send the new invitation the expired link asks for.
            Invitation.objects.filter(
                association=association,
                email__iexact=email,
                accepted_at__isnull=True,
                expires_at__lte=timezone.now(),
            ).delete()
            invitation = Invitation.objects.create(
                association=association, email=email, role=role, invited_by=actor
            )
            log_action(association, actor=actor, action="invited", note=email)
            email_queue(
                key=f"invitation:{invitation.pk}",
                to=email,
                template="associations/invitation",
                context={
                    "invitation": invitation,
                    "by": actor,
                    "url": _absolute(
                        reverse(
                            "associations:invitation-accept", kwargs={"token": invitation.token}
                        )
                    ),
                },
                language=getattr(actor, "preferred_language", "it"),
            )
    except IntegrityError:
        raise ValidationError(
            _("Hai già invitato questo indirizzo: l'invito è in attesa di risposta."),
            code="already_invited",
        ) from None
    return invitation


def invitation_accept(*, token: str, user) -> Membership:
    """Join through an invitation sent to one of the user's verified e-mail addresses."""
    from allauth.account.models import EmailAddress

    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token=token).first()
        if invitation is None or not invitation.is_open:
            raise ValidationError(
                _("Questo invito non è più valido. Chiedi al referente di inviarne uno nuovo."),
                code="invitation_invalid",
            )
        owns_address = EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists()
        if not owns_address:
            raise PermissionDenied(
                _(
                    "L'invito è stato inviato a un altro indirizzo e-mail. "
                    "Accedi con quell'indirizzo."
                )
            )
        membership, created = Membership.objects.get_or_create(
            user=user,
            association=invitation.association,
            defaults={
                "role": invitation.role,
                "status": Membership.Status.ACTIVE,
                "status_changed_at": timezone.now(),
            },
        )
        if not created and membership.status != Membership.Status.ACTIVE:
            # An invitation from a leader counts as their approval, whatever the old status.
            membership = transition(
                membership,
                to=Membership.Status.ACTIVE,
                actor=user,
                note=_("Invito accettato"),
                changes={"role": invitation.role},
            )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        log_action(
            membership, actor=user, action="invitation_accepted", to_status=membership.status
        )
    return membership
