"""Every write that matters for calls, proposals and reviews goes through here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.models import Association, Membership
from associations.permissions import is_leader_of, is_staff_member
from mondinsieme.emails import email_queue
from mondinsieme.uploads import validate_document
from mondinsieme.workflow import log_action, transition
from privacy.models import Purpose
from privacy.services import consent_record

from .models import Call, Proposal, ProposalAttachment, Review, Score
from .permissions import can_change_proposal, is_proposal_leader, is_reviewer_of

User = get_user_model()
S = Proposal.Status


def _absolute(path: str) -> str:
    from django.conf import settings

    return settings.PORTAL.get("BASE_URL", "").rstrip("/") + path


def leader_recipients(association_id: int) -> list[tuple[str, str]]:
    """(e-mail, language) of whoever acts for the association."""
    return list(
        Membership.objects.filter(
            association_id=association_id,
            status=Membership.Status.ACTIVE,
            role__in=Membership.ACTING_ROLES,
            user__is_active=True,
        ).values_list("user__email", "user__preferred_language")
    )


def staff_recipients() -> list[tuple[str, str]]:
    return list(
        User.objects.filter(is_staff=True, is_active=True).values_list(
            "email", "preferred_language"
        )
    )


# --- calls -----------------------------------------------------------------------------------


def _call_guard(to: str):
    def guard(call: Call) -> None:
        if to == Call.Status.OPEN and not call.criteria.exists():
            raise ValidationError(
                _("Aggiungi almeno un criterio di valutazione prima di aprire il bando.")
            )

    return guard


def call_transition(*, call: Call, actor, to: str, note: str = "") -> Call:
    """Open, close, reopen or archive a call (staff only)."""
    return transition(
        call,
        to=to,
        actor=actor,
        note=note,
        permission=lambda user, _call: is_staff_member(user),
        guard=_call_guard(to),
    )


# --- proposals -------------------------------------------------------------------------------


def _check_amounts(proposal: Proposal) -> None:
    budget = proposal.budget or Decimal(0)
    requested = proposal.requested_amount or Decimal(0)
    cofinancing = proposal.cofinancing or Decimal(0)
    if requested > budget:
        raise ValidationError(
            {"requested_amount": _("Il contributo richiesto non può superare il budget totale.")}
        )
    if requested + cofinancing > budget:
        raise ValidationError(
            {
                "cofinancing": _(
                    "Contributo richiesto e cofinanziamento insieme non possono superare il "
                    "budget totale."
                )
            }
        )


def proposal_create(
    *,
    association: Association,
    actor,
    data: Mapping,
    partner_associations: Iterable = (),
    partner_cities: Iterable = (),
    cities: Iterable = (),
) -> Proposal:
    """A leader starts a proposal for their association; it begins as an idea."""
    if not is_leader_of(actor, association):
        raise PermissionDenied(_("Puoi proporre progetti solo per le associazioni che guidi."))
    proposal = Proposal(**data, association=association, created_by=actor)
    _check_amounts(proposal)
    proposal.full_clean()
    with transaction.atomic():
        proposal.save()
        proposal.partner_associations.set([a for a in partner_associations if a != association])
        proposal.partner_cities.set(partner_cities)
        proposal.cities.set(cities)
        log_action(proposal, actor=actor, action="created", to_status=proposal.status)
        consent_record(
            purpose=Purpose.PROPOSALS, user=actor, source="funding.proposal", subject=proposal
        )
    return proposal


def proposal_update(
    *,
    proposal: Proposal,
    actor,
    data: Mapping,
    partner_associations: Iterable = (),
    partner_cities: Iterable = (),
    cities: Iterable = (),
) -> Proposal:
    """The leaders change their proposal while it is with them."""
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not can_change_proposal(actor, locked):
            raise PermissionDenied(
                _("Puoi modificare la proposta solo quando è nelle mani dell'associazione.")
            )
        previous_call_id = locked.call_id
        for name, value in data.items():
            setattr(locked, name, value)
        if locked.call_id != previous_call_id and locked.reviews.exists():
            # Reviews score the criteria of the call they were assigned under.
            raise ValidationError(
                {"call": _("La proposta ha già revisori assegnati: il bando non può cambiare.")}
            )
        _check_amounts(locked)
        if locked.status != Proposal.Status.IDEA and locked.call_id is None:
            raise ValidationError(
                {"call": _("Dopo la fase di idea la proposta deve restare legata a un bando.")}
            )
        locked.full_clean()
        locked.save()
        locked.partner_associations.set(
            [a for a in partner_associations if a.pk != locked.association_id]
        )
        locked.partner_cities.set(partner_cities)
        locked.cities.set(cities)
        log_action(locked, actor=actor, action="updated")
    return locked


def attachment_add(*, proposal: Proposal, actor, upload, kind: str) -> ProposalAttachment:
    """Attach a checked document to a proposal that is with the leaders (or by staff)."""
    if not (can_change_proposal(actor, proposal) or is_staff_member(actor)):
        raise PermissionDenied(
            _("Puoi aggiungere allegati solo quando la proposta è nelle mani dell'associazione.")
        )
    validate_document(upload)
    with transaction.atomic():
        attachment = ProposalAttachment.objects.create(
            proposal=proposal,
            kind=kind,
            file=upload,
            original_name=upload.name[:200],
            size=upload.size,
            uploaded_by=actor,
        )
        log_action(proposal, actor=actor, action="attachment", note=attachment.original_name)
    return attachment


def _leader_may(locked: Proposal, to: str) -> bool:
    """The moves the leaders make themselves: send an idea, answer questions, withdraw."""
    if to == S.WITHDRAWN:
        return True
    if locked.status == S.IDEA and to == S.SCREENING:
        return True
    return locked.status == S.INFO_REQUESTED and to == locked.returns_to


def _permission(to: str):
    def allowed(user, locked: Proposal) -> bool:
        if is_staff_member(user):
            return True
        return is_proposal_leader(user, locked) and _leader_may(locked, to)

    return allowed


def _proposal_guard(to: str, note: str):
    def guard(locked: Proposal) -> None:
        if to == S.INFO_REQUESTED:
            if not note.strip():
                raise ValidationError(_("Scrivi le domande per l'associazione."))
            # Under the row lock the status is still the one the proposal will return to.
            locked.returns_to = locked.status
        if locked.status == S.INFO_REQUESTED and to != S.WITHDRAWN:
            if to != locked.returns_to:
                raise ValidationError(
                    _("La proposta può tornare solo alla fase da cui sono partite le domande.")
                )
            if not note.strip():
                raise ValidationError(_("Scrivi la risposta alle domande del personale."))
        if to in (S.CONCEPT_NOTE, S.FULL_PROPOSAL, S.INTERNAL_EVALUATION, S.SUBMITTED) and (
            locked.call_id is None
        ):
            raise ValidationError(
                _("Scegli il bando a cui la proposta è destinata prima di andare avanti.")
            )
        if to == S.AWARDED and not (locked.awarded_amount and locked.awarded_amount > 0):
            raise ValidationError(_("Indica il contributo assegnato."))

    return guard


def _notify_leaders(proposal: Proposal) -> None:
    # One message per move: the microsecond stamp tells apart two visits to the same stage.
    stamp = proposal.status_changed_at.strftime("%Y%m%d%H%M%S%f")
    for email, language in leader_recipients(proposal.association_id):
        email_queue(
            key=f"funding:proposal:{proposal.pk}:{proposal.status}:{stamp}:{email}",
            to=email,
            template="funding/proposal_status",
            context={
                "proposal": proposal,
                "status": proposal.get_status_display(),
                "url": _absolute(proposal.get_absolute_url()),
            },
            language=language or "it",
        )


def proposal_transition(
    *,
    proposal: Proposal,
    actor,
    to: str,
    note: str = "",
    awarded_amount: Decimal | None = None,
    notify: bool = True,
) -> Proposal:
    """Move a proposal along the pipeline; leaders make only their own moves, staff the rest."""
    changes: dict = {}
    if to == S.INFO_REQUESTED:
        changes = {"questions": note, "returns_to": ""}
    elif proposal.status == S.INFO_REQUESTED:
        # "returns_to" stays: the guard reads it to check where the answer sends the proposal.
        changes = {"questions": ""}
    if to == S.AWARDED:
        changes["awarded_amount"] = (
            awarded_amount if awarded_amount is not None else proposal.requested_amount
        )
    return transition(
        proposal,
        to=to,
        actor=actor,
        note=note,
        permission=_permission(to),
        guard=_proposal_guard(to, note),
        changes=changes,
        on_commit=[_notify_leaders] if notify else [],
    )


# --- reviews ---------------------------------------------------------------------------------


def review_assign(
    *, proposal: Proposal, reviewer, actor, due_date: date, notify: bool = True
) -> Review:
    """Staff ask a reviewer (staff or an external expert with an account) to score a proposal."""
    if not is_staff_member(actor):
        raise PermissionDenied(_("Solo il personale assegna le valutazioni."))
    if proposal.call_id is None:
        raise ValidationError(_("Scegli prima il bando: i criteri di valutazione sono i suoi."))
    if proposal.is_final:
        raise ValidationError(_("La proposta è chiusa: non si assegnano altre valutazioni."))
    if is_leader_of(reviewer, proposal.association):
        raise ValidationError(_("Chi guida l'associazione proponente non può valutarla."))
    try:
        with transaction.atomic():
            review = Review.objects.create(
                proposal=proposal, reviewer=reviewer, assigned_by=actor, due_date=due_date
            )
            log_action(proposal, actor=actor, action="review_assigned", note=str(reviewer))
    except IntegrityError:
        raise ValidationError(_("Questa persona valuta già la proposta.")) from None
    if notify:
        transaction.on_commit(lambda: _notify_reviewer(review.pk))
    return review


def _notify_reviewer(review_id: int) -> None:
    review = Review.objects.select_related("reviewer", "proposal").get(pk=review_id)
    email_queue(
        key=f"funding:review:{review.pk}:assigned",
        to=review.reviewer.email,
        template="funding/review_assigned",
        context={"review": review, "url": _absolute(review.get_absolute_url())},
        language=review.reviewer.preferred_language or "it",
    )


def review_declare(*, review: Review, actor, conflict: bool, note: str = "") -> Review:
    """The reviewer declares a conflict of interest (and stops) or that there is none."""
    if conflict and not note.strip():
        raise ValidationError(_("Descrivi brevemente il conflitto di interessi."))
    return transition(
        review,
        to=Review.Status.CONFLICT if conflict else Review.Status.SCORING,
        actor=actor,
        note=note,
        permission=is_reviewer_of,
        changes={"conflict_note": note} if conflict else None,
    )


def _points(value, criterion) -> Decimal:
    try:
        points = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            _("«%(criterion)s»: scrivi un numero.") % {"criterion": criterion.name}
        ) from None
    if not points.is_finite() or points < 0 or points > criterion.max_points:
        raise ValidationError(
            _("«%(criterion)s»: il punteggio deve stare tra 0 e %(max)s.")
            % {"criterion": criterion.name, "max": criterion.max_points}
        )
    return points


def review_score(
    *,
    review: Review,
    actor,
    scores: Mapping[int, tuple[object, str]],
    recommendation: str = "",
    comments: str = "",
    submit: bool = False,
) -> Review:
    """Save the reviewer's points per criterion; with ``submit``, send the complete review."""
    with transaction.atomic():
        locked = Review.objects.select_for_update().select_related("proposal").get(pk=review.pk)
        if not is_reviewer_of(actor, locked):
            raise PermissionDenied(_("Questa valutazione non è assegnata a te."))
        if locked.status == Review.Status.CONFLICT:
            raise ValidationError(
                _("Hai dichiarato un conflitto di interessi: non puoi assegnare punteggi.")
            )
        if locked.status == Review.Status.ASSIGNED:
            raise ValidationError(
                _("Prima dichiara se hai conflitti di interessi con questa proposta.")
            )
        if locked.status != Review.Status.SCORING:
            raise ValidationError(_("La valutazione è già stata inviata."))
        if locked.proposal.call_id is None:
            raise ValidationError(
                _("La proposta non è legata a un bando: non ci sono criteri da valutare.")
            )
        criteria = list(locked.proposal.call.criteria.all())
        known = {criterion.pk: criterion for criterion in criteria}
        for criterion_id, (value, comment) in scores.items():
            criterion = known.get(int(criterion_id))
            if criterion is None:
                raise ValidationError(_("Criterio sconosciuto per questo bando."))
            if value in (None, ""):
                Score.objects.filter(review=locked, criterion=criterion).delete()
                continue
            Score.objects.update_or_create(
                review=locked,
                criterion=criterion,
                defaults={"points": _points(value, criterion), "comment": comment or ""},
            )
        locked.recommendation = recommendation
        locked.comments = comments
        locked.save(update_fields=["recommendation", "comments"])
        if not submit:
            return locked

        def complete(row: Review) -> None:
            scored = set(row.scores.values_list("criterion_id", flat=True))
            missing = [c.name for c in criteria if c.pk not in scored]
            if missing:
                raise ValidationError(
                    _("Dai un punteggio anche a: %(names)s.") % {"names": ", ".join(missing)}
                )
            if not row.recommendation:
                raise ValidationError(_("Scegli una raccomandazione."))

        # Same transaction as the scores: a second submission waiting on the lock finds the
        # review sent and changes nothing.
        return transition(
            locked,
            to=Review.Status.SUBMITTED,
            actor=actor,
            permission=is_reviewer_of,
            guard=complete,
            changes={"submitted_at": timezone.now()},
        )
