"""Every write that matters for networks goes through here."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mondinsieme.workflow import log_action, transition

from .models import (
    AreaScore,
    Assessment,
    Commitment,
    CommitmentEvidence,
    FollowUpAction,
    JoiningStep,
    Network,
    NetworkEvent,
    NetworkMembership,
    PolicyArea,
    ProgressNote,
)
from .permissions import can_manage_networks


def _require_staff(actor) -> None:
    if not can_manage_networks(actor):
        raise PermissionDenied(_("Solo il personale può gestire le reti."))


# Memberships ------------------------------------------------------------------------------------


def membership_start(
    *, network: Network, organisation: str, actor, focal_point=None
) -> NetworkMembership:
    """Open a candidature of the Comune or the Fondazione, with the network's joining steps."""
    _require_staff(actor)
    try:
        with transaction.atomic():
            membership = NetworkMembership.objects.create(
                network=network, organisation=organisation, focal_point=focal_point
            )
            JoiningStep.objects.bulk_create(
                JoiningStep(membership=membership, definition=definition)
                for definition in network.step_definitions.all()
            )
            log_action(membership, actor=actor, action="created", to_status=membership.status)
    except IntegrityError as error:
        raise ValidationError(
            _("Questo ente ha già un'adesione a questa rete: aggiorna quella esistente."),
            code="duplicate",
        ) from error
    return membership


def _update_logged(instance, *, actor, data: dict):
    """Save ``data`` on the locked row, validated, and log which fields changed."""
    with transaction.atomic():
        stored = type(instance).objects.select_for_update().get(pk=instance.pk)
        changed = [name for name, value in data.items() if getattr(stored, name) != value]
        for name, value in data.items():
            setattr(stored, name, value)
        stored.full_clean()
        stored.save()
        if changed:
            log_action(stored, actor=actor, action="updated", note=", ".join(sorted(changed)))
    return stored


def membership_update(*, membership: NetworkMembership, actor, data: dict) -> NetworkMembership:
    """Save the membership's details (resolution, focal point, fee, notes), logging the change."""
    _require_staff(actor)
    return _update_logged(membership, actor=actor, data=data)


def joining_step_complete(
    *, step: JoiningStep, actor, completed_on: date, document=None, note: str = ""
) -> JoiningStep:
    """Mark a joining step done on a date, with its document if there is one."""
    _require_staff(actor)
    if completed_on > timezone.localdate():
        raise ValidationError(_("La data non può essere nel futuro: controlla la data."))
    with transaction.atomic():
        step = JoiningStep.objects.select_for_update().get(pk=step.pk)
        step.completed_on = completed_on
        if note:
            step.note = note
        if document is not None:
            step.document = document
        step.save()
        log_action(step.membership, actor=actor, action="step_completed", note=str(step))
    return step


def _steps_all_done(membership: NetworkMembership) -> None:
    missing = [str(step) for step in membership.steps.all() if not step.is_done]
    if missing:
        raise ValidationError(
            _("Mancano ancora questi passaggi: %(steps)s. Completali prima di confermare.")
            % {"steps": ", ".join(missing)},
            code="steps_missing",
        )


def membership_transition(
    *, membership: NetworkMembership, to: str, actor, note: str = ""
) -> NetworkMembership:
    """Move a membership along candidate → member → suspended → left."""
    changes = {}
    guard = None
    if to == NetworkMembership.Status.MEMBER:
        guard = _steps_all_done
        if membership.since is None:
            changes["since"] = timezone.localdate()
    return transition(
        membership,
        to=to,
        actor=actor,
        note=note,
        permission=can_manage_networks,
        guard=guard,
        changes=changes,
    )


# Commitments ------------------------------------------------------------------------------------


def commitment_create(
    *,
    network: Network,
    title: str,
    area: PolicyArea,
    owner,
    due_date: date,
    actor,
    description: str = "",
) -> Commitment:
    """Add a commitment to the action plan."""
    _require_staff(actor)
    commitment = Commitment(
        network=network,
        title=title,
        area=area,
        owner=owner,
        due_date=due_date,
        description=description,
    )
    commitment.full_clean()
    with transaction.atomic():
        commitment.save()
        log_action(commitment, actor=actor, action="created", to_status=commitment.status)
    return commitment


def commitment_update(*, commitment: Commitment, actor, data: dict) -> Commitment:
    """Change a commitment's details (title, description, network, area, owner, due date), logging
    which fields changed. A new due date is a new promise: if it is missed, the owner is reminded
    again."""
    _require_staff(actor)
    return _update_logged(commitment, actor=actor, data=data)


def _has_evidence(commitment: Commitment) -> None:
    if not commitment.evidence.exists():
        raise ValidationError(
            _(
                "Aggiungi almeno una prova (un link o un file) prima di segnare l'impegno "
                "completato."
            ),
            code="no_evidence",
        )


def commitment_transition(*, commitment: Commitment, to: str, actor, note: str = "") -> Commitment:
    """Move a commitment along its workflow; completing it needs evidence."""
    changes: dict = {}
    guard = None
    if to == Commitment.Status.COMPLETED:
        guard = _has_evidence
        changes["completed_on"] = timezone.localdate()
    elif commitment.status == Commitment.Status.COMPLETED:
        changes["completed_on"] = None
    return transition(
        commitment,
        to=to,
        actor=actor,
        note=note,
        permission=can_manage_networks,
        guard=guard,
        changes=changes,
    )


def commitment_add_note(*, commitment: Commitment, actor, text: str) -> ProgressNote:
    """Record how a commitment is going."""
    _require_staff(actor)
    if not text.strip():
        raise ValidationError(_("Scrivi il testo della nota."))
    return ProgressNote.objects.create(commitment=commitment, author=actor, text=text.strip())


def commitment_add_evidence(
    *, commitment: Commitment, actor, description: str, link: str = "", file=None
) -> CommitmentEvidence:
    """Attach a link or a file that shows the commitment moved."""
    _require_staff(actor)
    if not link and not file:
        raise ValidationError(_("Indica un link o carica un file."), code="empty")
    evidence = CommitmentEvidence(
        commitment=commitment, description=description, link=link, added_by=actor
    )
    if file:
        evidence.file = file
    evidence.save()
    log_action(commitment, actor=actor, action="evidence_added", note=description)
    return evidence


# Events ---------------------------------------------------------------------------------------


def event_save(*, form, actor) -> NetworkEvent:
    """Create or update a network event from a valid ModelForm, participants included."""
    _require_staff(actor)
    with transaction.atomic():
        creating = form.instance.pk is None
        event = form.save()
        log_action(event, actor=actor, action="created" if creating else "updated")
    return event


def event_add_followup(*, event: NetworkEvent, actor, text: str) -> FollowUpAction:
    """Note an action decided at the event."""
    _require_staff(actor)
    if not text.strip():
        raise ValidationError(_("Scrivi l'azione da seguire."))
    return FollowUpAction.objects.create(event=event, text=text.strip()[:300])


def event_followup_to_commitment(
    *, followup: FollowUpAction, owner, due_date: date, area: PolicyArea, actor
) -> Commitment:
    """Turn a follow-up action into a commitment of the action plan, once."""
    _require_staff(actor)
    with transaction.atomic():
        # The lock makes a double click (or two staff members) produce one commitment, not two.
        locked = (
            FollowUpAction.objects.select_for_update()
            .select_related("event__network")
            .get(pk=followup.pk)
        )
        if locked.commitment_id is not None:
            raise ValidationError(
                _("Questa azione è già diventata un impegno."), code="already_converted"
            )
        commitment = commitment_create(
            network=locked.event.network,
            title=locked.text[:200],
            area=area,
            owner=owner,
            due_date=due_date,
            actor=actor,
            description=_("Nato dall'evento «%(event)s» del %(date)s.")
            % {"event": locked.event.title, "date": locked.event.starts_on.strftime("%d/%m/%Y")},
        )
        locked.commitment = commitment
        locked.save(update_fields=["commitment"])
    followup.commitment = commitment
    return commitment


# ICC Index ------------------------------------------------------------------------------------


def assessment_create(
    *, year: int, actor, scores: dict[PolicyArea, dict], notes: str = ""
) -> Assessment:
    """Record a yearly self-assessment; ``scores`` maps an area to score, peer_average, evidence."""
    _require_staff(actor)
    if not scores:
        raise ValidationError(_("Inserisci il punteggio di almeno un'area."), code="no_scores")
    for area, values in scores.items():
        for key in ("score", "peer_average"):
            value = values.get(key)
            if value is not None and not 0 <= value <= 100:
                raise ValidationError(
                    _("Il punteggio di «%(area)s» deve essere tra 0 e 100.") % {"area": area.label},
                    code="out_of_range",
                )
    with transaction.atomic():
        try:
            # The unique year, not a prior check, decides between two simultaneous saves.
            with transaction.atomic():
                assessment = Assessment.objects.create(year=year, notes=notes, created_by=actor)
        except IntegrityError as error:
            raise ValidationError(
                _("Esiste già un'autovalutazione per il %(year)s: scegli un altro anno.")
                % {"year": year},
                code="duplicate_year",
            ) from error
        AreaScore.objects.bulk_create(
            AreaScore(
                assessment=assessment,
                area=area,
                score=values["score"],
                peer_average=values.get("peer_average"),
                evidence=values.get("evidence", ""),
            )
            for area, values in scores.items()
        )
        log_action(assessment, actor=actor, action="created")
    return assessment
