"""Account deletion: the person goes, what others rely on stays (without the person)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mondinsieme.emails import email_queue
from mondinsieme.workflow import log_action

from ..registry import hooks

# Stored in place of the name: activity logs and staff lists then read "Utente eliminato".
DELETED_NAME = "Utente eliminato"


class AccountDeletionRefused(ValidationError):
    """The account cannot go yet (e.g. the only leader of an association)."""


def account_deletion_blockers(user) -> list[str]:
    """Why the account cannot be deleted now, in words for the user (empty: it can)."""
    from associations.models import Association, Membership

    reasons = []
    acting = Membership.objects.filter(
        user=user, status=Membership.Status.ACTIVE, role__in=Membership.ACTING_ROLES
    ).select_related("association")
    for membership in acting:
        association = membership.association
        if association.status == Association.Status.REJECTED:
            continue
        others = (
            Membership.objects.filter(
                association=association,
                status=Membership.Status.ACTIVE,
                role__in=Membership.ACTING_ROLES,
            )
            .exclude(user=user)
            .exists()
        )
        if not others:
            reasons.append(
                _(
                    "Sei l'unico referente di «%(association)s»: nomina prima un altro "
                    "referente o legale rappresentante dalla pagina dei soci."
                )
                % {"association": association.name}
            )
    return reasons


def account_delete(
    *, user, notice: str = "privacy/account_deleted", notice_context: dict | None = None
) -> None:
    """Delete a user's account: anonymise them, erase their data in every app, end sessions.

    ``notice`` is the e-mail template that tells the person (at the address being erased) why.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    with transaction.atomic():
        # The lock stops two deletions (or a deletion and a login) racing on the same row.
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        blockers = account_deletion_blockers(user)
        if blockers:
            raise AccountDeletionRefused(blockers, code="blocked")
        old_email, language = user.email, user.preferred_language or "it"
        # Queued before the address is erased; sent after commit.
        email_queue(
            key=f"privacy-account-deleted:{user.pk}",
            to=old_email,
            template=notice,
            context={"name": user.full_name, **(notice_context or {})},
            language=language,
        )
        for _label, module in hooks():
            module.erase(user)
        for session in UserSession.objects.filter(user=user):
            session.end()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.email = f"deleted-{user.pk}@deleted.invalid"
        user.full_name = DELETED_NAME
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        log_action(user, actor=None, action="account_deleted")
