"""Every write of the business table: meetings, opportunities, actions and their workflows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mondinsieme.workflow import log_action, transition

from .models import Action, Meeting, Opportunity
from .permissions import can_manage_table


def _require_staff(actor) -> None:
    if not can_manage_table(actor):
        raise PermissionDenied(_("Solo il personale gestisce il tavolo."))


def _staff_permission(actor, _obj) -> bool:
    return can_manage_table(actor)


# --- Meetings ---------------------------------------------------------------------------------


def meeting_save(
    *,
    actor,
    data: dict,
    meeting: Meeting | None = None,
    trade_associations: Iterable = (),
    associations: Iterable = (),
    staff_attendees: Iterable = (),
) -> Meeting:
    """Create or update a meeting with its attendees (status and publication stay as they are)."""
    _require_staff(actor)
    data = {k: v for k, v in data.items() if k not in {"status", "summary_published"}}
    creating = meeting is None
    with transaction.atomic():
        if creating:
            meeting = Meeting(created_by=actor)
        for name, value in data.items():
            setattr(meeting, name, value)
        meeting.full_clean()
        # An edit writes only what was edited: never a stale status or publication flag.
        meeting.save(update_fields=None if creating else list(data))
        meeting.trade_associations.set(trade_associations)
        meeting.associations.set(associations)
        meeting.staff_attendees.set(staff_attendees)
        log_action(meeting, actor=actor, action="created" if creating else "updated")
    return meeting


def _meeting_held_guard(meeting: Meeting) -> None:
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            _("La riunione non è ancora iniziata: segnala che si è svolta dopo la data.")
        )


def meeting_set_status(*, meeting: Meeting, to: str, actor, note: str = "") -> Meeting:
    """Mark a meeting held, cancelled or planned again."""
    return transition(
        meeting,
        to=to,
        actor=actor,
        note=note,
        permission=_staff_permission,
        guard=_meeting_held_guard if to == Meeting.Status.HELD else None,
    )


def meeting_publish_summary(*, meeting: Meeting, actor, publish: bool = True) -> Meeting:
    """Publish (or withdraw) the public summary of a meeting that has taken place."""
    _require_staff(actor)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if publish:
            if locked.status != Meeting.Status.HELD:
                raise ValidationError(
                    _("Pubblica la sintesi solo dopo che la riunione si è svolta.")
                )
            if not locked.public_summary.strip():
                raise ValidationError(_("Scrivi la sintesi pubblica prima di pubblicarla."))
        if locked.summary_published == publish:
            return locked
        locked.summary_published = publish
        locked.summary_published_at = timezone.now() if publish else None
        locked.save(update_fields=["summary_published", "summary_published_at"])
        log_action(
            locked,
            actor=actor,
            action="summary_published" if publish else "summary_withdrawn",
        )
    meeting.summary_published = locked.summary_published
    meeting.summary_published_at = locked.summary_published_at
    return locked


# --- Opportunities ----------------------------------------------------------------------------


def opportunity_save(
    *,
    actor,
    data: dict,
    opportunity: Opportunity | None = None,
    connector_associations: Iterable = (),
    connector_communities: Iterable = (),
) -> Opportunity:
    """Create or update an opportunity and its connectors (the status moves only by workflow)."""
    _require_staff(actor)
    data = {
        k: v for k, v in data.items() if k not in {"status", "outcome", "expiry_notice_sent_at"}
    }
    creating = opportunity is None
    with transaction.atomic():
        if creating:
            opportunity = Opportunity(created_by=actor)
        fields = list(data)
        if "expires_on" in data and data["expires_on"] != opportunity.expires_on:
            # A renewed (or re-dated) opportunity gets its notice again when the new date passes.
            opportunity.expiry_notice_sent_at = None
            fields.append("expiry_notice_sent_at")
        for name, value in data.items():
            setattr(opportunity, name, value)
        opportunity.full_clean()
        # An edit writes only what was edited: never a stale status or notice date.
        opportunity.save(update_fields=None if creating else fields)
        opportunity.connector_associations.set(connector_associations)
        opportunity.connector_communities.set(connector_communities)
        log_action(opportunity, actor=actor, action="created" if creating else "updated")
    return opportunity


def _opportunity_guard(to: str):
    def guard(opportunity: Opportunity) -> None:
        problems = []
        if to == Opportunity.Status.ACTIVE:
            if not opportunity.next_step.strip():
                problems.append(_("Scrivi il prossimo passo prima di attivare l'opportunità."))
            if opportunity.owner_id is None:
                problems.append(_("Indica un responsabile prima di attivare l'opportunità."))
            if opportunity.expires_on and opportunity.expires_on < timezone.localdate():
                problems.append(
                    _("L'opportunità è scaduta: aggiorna la data di scadenza prima di attivarla.")
                )
        if to == Opportunity.Status.CONCLUDED and not opportunity.outcome.strip():
            problems.append(_("Scrivi l'esito prima di concludere l'opportunità."))
        if to == Opportunity.Status.DROPPED and not opportunity.outcome.strip():
            problems.append(_("Scrivi perché l'opportunità viene abbandonata."))
        if problems:
            raise ValidationError(problems)

    return guard


def opportunity_set_status(
    *, opportunity: Opportunity, to: str, actor, note: str = "", outcome: str | None = None
) -> Opportunity:
    """Move an opportunity along identified → assessing → active → concluded / dropped."""
    changes = {"outcome": outcome.strip()} if outcome and outcome.strip() else None
    return transition(
        opportunity,
        to=to,
        actor=actor,
        note=note,
        permission=_staff_permission,
        guard=_opportunity_guard(to),
        changes=changes,
    )


# --- Actions ----------------------------------------------------------------------------------


def action_create(
    *,
    actor,
    title: str,
    owner,
    due_on: date,
    meeting: Meeting | None = None,
    opportunity: Opportunity | None = None,
) -> Action:
    """Assign an action agreed at a meeting or needed by an opportunity."""
    _require_staff(actor)
    if meeting is None and opportunity is None:
        raise ValidationError(_("Collega l'azione a una riunione o a un'opportunità."))
    if meeting is None and opportunity is not None:
        # The chain meeting → action → result stays whole when the opportunity came from one.
        meeting = opportunity.source_meeting
    action = Action(
        title=title, owner=owner, due_on=due_on, meeting=meeting, opportunity=opportunity
    )
    action.full_clean()
    with transaction.atomic():
        action.save()
        log_action(action, actor=actor, action="assigned", note=str(owner))
    return action


def _action_guard(to: str):
    def guard(action: Action) -> None:
        if to == Action.Status.DONE and not action.outcome.strip():
            raise ValidationError(
                _("Scrivi il risultato prima di segnare l'azione come completata.")
            )

    return guard


def _action_permission(actor, action: Action) -> bool:
    # The owner may report progress on their own action; staff manage all of them.
    return can_manage_table(actor) or (
        getattr(actor, "is_authenticated", False) and action.owner_id == actor.pk
    )


def action_set_status(
    *, action: Action, to: str, actor, outcome: str | None = None, note: str = ""
) -> Action:
    """Move an action to in progress, done (with its result) or cancelled."""
    changes = {"outcome": outcome.strip()} if outcome and outcome.strip() else None
    return transition(
        action,
        to=to,
        actor=actor,
        note=note,
        permission=_action_permission,
        guard=_action_guard(to),
        changes=changes,
    )


def opportunity_send_expiry_notice(*, opportunity_id: int) -> bool:
    """Tell the owner, once, that an open opportunity is past its date and must be reviewed.

    Like an expired partnering profile: the opportunity stays on the table flagged "expired"
    and cannot be activated until staff renew the date or close it. False if there is nothing
    to send (not expired, closed, no owner, or already notified for this date).
    """
    from django.conf import settings

    from mondinsieme.emails import email_queue

    with transaction.atomic():
        opportunity = (
            Opportunity.objects.select_for_update(of=("self",))
            .select_related("owner")
            .filter(pk=opportunity_id)
            .first()
        )
        if (
            opportunity is None
            or opportunity.expiry_notice_sent_at is not None
            or not opportunity.is_expired
            or opportunity.owner is None
            or not opportunity.owner.is_active
            or not opportunity.owner.email
        ):
            return False
        sent_at = timezone.now()
        opportunity.expiry_notice_sent_at = sent_at
        opportunity.save(update_fields=["expiry_notice_sent_at"])
        owner = opportunity.owner
        email_queue(
            # One e-mail per notice: a renewal re-arms the notice and the next one gets a new key.
            key=f"business-opportunity-expired-{opportunity.pk}-{sent_at:%Y%m%d%H%M%S%f}",
            to=owner.email,
            template="business_table/opportunity_expired",
            context={
                "opportunity": opportunity,
                "owner": owner,
                "url": settings.PORTAL["BASE_URL"].rstrip("/") + opportunity.get_absolute_url(),
            },
            language=getattr(owner, "preferred_language", "") or "it",
        )
        log_action(opportunity, actor=None, action="expiry_notice_sent")
    return True


def _action_url(action: Action) -> str:
    from django.conf import settings

    target = action.opportunity or action.meeting
    return settings.PORTAL["BASE_URL"].rstrip("/") + target.get_absolute_url()


def action_send_overdue_reminder(*, action_id: int) -> bool:
    """Queue the one reminder an overdue action gets; False if it was already sent or not due."""
    from mondinsieme.emails import email_queue

    with transaction.atomic():
        # The row lock and the reminder_sent_at column make a second run (or a retry) a no-op.
        action = (
            Action.objects.select_for_update(of=("self",))
            .select_related("owner", "meeting", "opportunity")
            .filter(pk=action_id)
            .first()
        )
        if action is None or action.reminder_sent_at is not None or not action.is_overdue:
            return False
        action.reminder_sent_at = timezone.now()
        action.save(update_fields=["reminder_sent_at"])
        email_queue(
            key=f"business-action-overdue-{action.pk}",
            to=action.owner.email,
            template="business_table/action_overdue",
            context={"action": action, "owner": action.owner, "url": _action_url(action)},
            language=getattr(action.owner, "preferred_language", "") or "it",
        )
        log_action(action, actor=None, action="overdue_reminder_sent")
    return True
