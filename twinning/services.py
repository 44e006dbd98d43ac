"""Every write that matters for twinning files: the workflow steps and their guards."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mondinsieme.uploads import validate_document
from mondinsieme.workflow import log_action, transition

from .models import CandidateAssessment, Criterion, Score, TwinningFile
from .permissions import can_assess_twinning, can_manage_twinning

Status = TwinningFile.Status


def add_years(day: date, years: int) -> date:
    """``day`` moved on by whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _missing(labels: list[str]) -> None:
    if labels:
        raise ValidationError(
            _("Mancano: %(fields)s. Completa questi dati e riprova.")
            % {"fields": ", ".join(labels)},
            code="missing",
        )


def _label(name: str) -> str:
    return str(TwinningFile._meta.get_field(name).verbose_name)


def _guard_resolution(file: TwinningFile) -> None:
    _missing(
        [
            _label(name)
            for name in (
                "resolution_number",
                "resolution_date",
                "votes_for",
                "votes_against",
                "votes_abstained",
                "resolution_text",
            )
            if getattr(file, name) in (None, "")
        ]
    )
    if file.votes_for <= file.votes_against:
        raise ValidationError(
            _(
                "Con %(for)s voti favorevoli e %(against)s contrari la delibera non è approvata: "
                "controlla i voti."
            )
            % {"for": file.votes_for, "against": file.votes_against},
            code="not_approved",
        )


def _guard_signature(file: TwinningFile) -> None:
    _missing(
        [
            _label(name)
            for name in ("signed_on", "signed_place", "signed_document")
            if not getattr(file, name)
        ]
    )
    notice = file.notice_date
    if notice is None:
        raise ValidationError(
            _(
                "Prima della firma la bozza va inviata a Regione, Presidenza del Consiglio (DAR) "
                "e Ministero degli Esteri. Registra le date di invio nella pratica."
            ),
            code="notice_missing",
        )
    earliest = file.earliest_signing_date
    if file.signed_on < earliest:
        raise ValidationError(
            _(
                "La bozza è stata inviata il %(notice)s: si può firmare solo dopo 30 giorni, "
                "dal %(earliest)s in poi. Correggi la data della firma."
            )
            % {"notice": date_format(notice, "j F Y"), "earliest": date_format(earliest, "j F Y")},
            code="notice_too_late",
        )
    if file.resolution_date and file.signed_on < file.resolution_date:
        raise ValidationError(
            _("La firma non può precedere la delibera del %(date)s.")
            % {"date": date_format(file.resolution_date, "j F Y")},
            code="signed_before_resolution",
        )


def _guard_countersignature(file: TwinningFile) -> None:
    _missing([_label("countersigned_on")] if not file.countersigned_on else [])
    if file.countersigned_on < file.signed_on:
        raise ValidationError(
            _("La controfirma non può precedere la firma del %(date)s.")
            % {"date": date_format(file.signed_on, "j F Y")},
            code="countersigned_before_signed",
        )


def _guard_term(file: TwinningFile) -> None:
    _missing(
        [
            _label(name)
            for name in ("term_years", "starts_on", "expires_on")
            if not getattr(file, name)
        ]
    )
    if not 1 <= file.term_years <= 30:
        raise ValidationError(_("La durata va da 1 a 30 anni."), code="term_range")


def _guard_renewal(file: TwinningFile) -> None:
    _missing([_label("term_years")] if not file.term_years else [])
    if not file.expires_on:
        raise ValidationError(
            _(
                "La pratica non ha una data di scadenza: indica da quando decorre il rinnovo "
                "e riprova."
            ),
            code="renewal_start_missing",
        )
    if not 1 <= file.term_years <= 30:
        raise ValidationError(_("La durata va da 1 a 30 anni."), code="term_range")


GUARDS = {
    Status.COUNCIL_RESOLUTION: _guard_resolution,
    Status.SIGNED_REGGIO: _guard_signature,
    Status.COUNTERSIGNED: _guard_countersignature,
    Status.ACTIVE: _guard_term,
    Status.RENEWED: _guard_renewal,
}
NEEDS_REASON = {Status.REJECTED, Status.REVOKED, Status.ON_HOLD}


def _check_actor(actor) -> None:
    if not can_manage_twinning(actor):
        raise PermissionDenied(
            _("Solo lo staff del Comune può gestire le pratiche di gemellaggio.")
        )


def twinning_advance(
    *, file: TwinningFile, to: str, actor, note: str = "", changes: dict | None = None
) -> TwinningFile:
    """Move a file to ``to``, saving ``changes`` with the status if the step's guard accepts."""
    _check_actor(actor)
    if to in NEEDS_REASON and not note.strip():
        raise ValidationError(_("Scrivi il motivo nella nota e riprova."), code="reason_required")
    return transition(
        file,
        to=to,
        actor=actor,
        note=note,
        permission=lambda user, _file: can_manage_twinning(user),
        guard=GUARDS.get(to),
        changes=changes,
    )


def twinning_record_resolution(
    *,
    file: TwinningFile,
    actor,
    number: str,
    resolution_date: date | None,
    votes_for: int | None,
    votes_against: int | None,
    votes_abstained: int | None,
    text: str,
    note: str = "",
) -> TwinningFile:
    """Record the council resolution and move the file to «approvata dal Consiglio»."""
    return twinning_advance(
        file=file,
        to=Status.COUNCIL_RESOLUTION,
        actor=actor,
        note=note,
        changes={
            "resolution_number": (number or "").strip(),
            "resolution_date": resolution_date,
            "votes_for": votes_for,
            "votes_against": votes_against,
            "votes_abstained": votes_abstained,
            "resolution_text": (text or "").strip(),
        },
    )


def twinning_sign(
    *,
    file: TwinningFile,
    actor,
    signed_on: date | None,
    place: str,
    document=None,
    note: str = "",
) -> TwinningFile:
    """Record the first signature (date, place, signed document) in the host city."""
    changes: dict = {"signed_on": signed_on, "signed_place": (place or "").strip()}
    if document is not None:
        validate_document(document)
        changes["signed_document"] = document
    return twinning_advance(
        file=file, to=Status.SIGNED_REGGIO, actor=actor, note=note, changes=changes
    )


def twinning_countersign(
    *, file: TwinningFile, actor, countersigned_on: date | None, place: str = "", note: str = ""
) -> TwinningFile:
    """Record the partner city's countersignature."""
    return twinning_advance(
        file=file,
        to=Status.COUNTERSIGNED,
        actor=actor,
        note=note,
        changes={
            "countersigned_on": countersigned_on,
            "countersigned_place": (place or "").strip(),
        },
    )


def twinning_activate(
    *,
    file: TwinningFile,
    actor,
    term_years: int | None,
    starts_on: date | None = None,
    note: str = "",
) -> TwinningFile:
    """Put the agreement in force for ``term_years`` from ``starts_on`` (default: the
    countersignature); the expiry date follows."""
    starts_on = starts_on or file.countersigned_on
    expires_on = add_years(starts_on, term_years) if starts_on and term_years else None
    return twinning_advance(
        file=file,
        to=Status.ACTIVE,
        actor=actor,
        note=note,
        changes={"term_years": term_years, "starts_on": starts_on, "expires_on": expires_on},
    )


def twinning_renew(
    *,
    file: TwinningFile,
    actor,
    term_years: int | None,
    renewed_from: date | None = None,
    note: str = "",
) -> TwinningFile:
    """Renew the agreement for ``term_years`` more, counted from the current expiry (or from
    ``renewed_from`` when the file has no expiry, as for historical records)."""
    base = file.expires_on or renewed_from
    expires_on = add_years(base, term_years) if base and term_years else None
    return twinning_advance(
        file=file,
        to=Status.RENEWED,
        actor=actor,
        note=note,
        changes={"term_years": term_years, "expires_on": expires_on},
    )


def twinning_record_notice(
    *,
    file: TwinningFile,
    actor,
    regione_on: date | None,
    dar_on: date | None,
    maeci_on: date | None,
) -> TwinningFile:
    """Record when the draft was sent to Regione, DAR and Foreign Ministry."""
    _check_actor(actor)
    with transaction.atomic():
        locked = TwinningFile.objects.select_for_update().get(pk=file.pk)
        locked.notice_regione_on = regione_on
        locked.notice_dar_on = dar_on
        locked.notice_maeci_on = maeci_on
        locked.save(update_fields=["notice_regione_on", "notice_dar_on", "notice_maeci_on"])
        earliest = locked.earliest_signing_date
        log_action(
            locked,
            actor=actor,
            action="notice",
            note=(
                _("Bozza inviata: si potrà firmare dal %(date)s.")
                % {"date": date_format(earliest, "j F Y")}
                if earliest
                else _("Date di invio della bozza aggiornate.")
            ),
        )
    file.notice_regione_on, file.notice_dar_on, file.notice_maeci_on = regione_on, dar_on, maeci_on
    return locked


def score_set(
    *,
    assessment: CandidateAssessment,
    criterion: Criterion,
    value: int,
    justification: str,
    actor,
) -> Score:
    """Give (or change) a candidate's score on one criterion."""
    if not can_assess_twinning(actor):
        raise PermissionDenied(_("Solo lo staff può valutare le città candidate."))
    score = Score(
        assessment=assessment, criterion=criterion, value=value, justification=justification
    )
    score.full_clean(exclude=["assessment", "criterion"], validate_unique=False)
    score, _created = Score.objects.update_or_create(
        assessment=assessment,
        criterion=criterion,
        defaults={"value": value, "justification": justification},
    )
    return score


def twinning_step(*, file: TwinningFile, to: str, actor, data: dict) -> TwinningFile:
    """Run the step towards ``to`` with the cleaned data of its form (admin buttons)."""
    note = data.get("note", "")
    if to == Status.COUNCIL_RESOLUTION:
        return twinning_record_resolution(
            file=file,
            actor=actor,
            number=data.get("number", ""),
            resolution_date=data.get("resolution_date"),
            votes_for=data.get("votes_for"),
            votes_against=data.get("votes_against"),
            votes_abstained=data.get("votes_abstained"),
            text=data.get("text", ""),
            note=note,
        )
    if to == Status.SIGNED_REGGIO:
        return twinning_sign(
            file=file,
            actor=actor,
            signed_on=data.get("signed_on"),
            place=data.get("place", ""),
            document=data.get("document"),
            note=note,
        )
    if to == Status.COUNTERSIGNED:
        return twinning_countersign(
            file=file,
            actor=actor,
            countersigned_on=data.get("countersigned_on"),
            place=data.get("place", ""),
            note=note,
        )
    if to == Status.ACTIVE:
        return twinning_activate(
            file=file,
            actor=actor,
            term_years=data.get("term_years"),
            starts_on=data.get("starts_on"),
            note=note,
        )
    if to == Status.RENEWED:
        return twinning_renew(
            file=file,
            actor=actor,
            term_years=data.get("term_years"),
            renewed_from=data.get("renewed_from"),
            note=note,
        )
    return twinning_advance(file=file, to=to, actor=actor, note=note)
