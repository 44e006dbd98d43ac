"""Every write that matters for training: courses, enrolments, attendance, certificates."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from associations.models import Association, Membership
from associations.services import invitation_create
from mondinsieme import capacity
from mondinsieme.emails import email_queue
from mondinsieme.workflow import log_action, transition
from privacy.models import Purpose
from privacy.services import consent_record

from . import selectors
from .models import Attendance, Certificate, Course, Enrolment, Feedback, Session
from .permissions import (
    can_cancel_enrolment,
    can_enrol_for_association,
    can_manage_training,
    is_active_member,
)

User = get_user_model()

#: How an enrolment uses a course's seats (see mondinsieme.capacity).
SEATS = capacity.Seats(
    confirmed=Enrolment.Status.CONFIRMED,
    waitlisted=Enrolment.Status.WAITLISTED,
    capacity_field="capacity",
    status_field="status",
    position_field="waitlist_position",
)


def _absolute(path: str) -> str:
    return settings.PORTAL.get("BASE_URL", "").rstrip("/") + path


def _staff_only(actor) -> None:
    if not can_manage_training(actor):
        raise PermissionDenied(_("Solo il personale può gestire i corsi."))


# --- courses ---------------------------------------------------------------------------------


def course_publish(*, course: Course, actor) -> Course:
    """Publish a draft course: it appears in the public list and opens for enrolment."""

    def guard(locked: Course) -> None:
        if not locked.sessions.exists():
            raise ValidationError(
                _("Aggiungi almeno un incontro prima di pubblicare il corso."), code="no_sessions"
            )

    return transition(
        course,
        to=Course.Status.PUBLISHED,
        actor=actor,
        permission=lambda user, _obj: can_manage_training(user),
        guard=guard,
    )


def course_unpublish(*, course: Course, actor) -> Course:
    """Take a published course back to draft (only while nobody is enrolled)."""

    def guard(locked: Course) -> None:
        if locked.enrolments.exclude(status=Enrolment.Status.CANCELLED).exists():
            raise ValidationError(
                _("Il corso ha già iscritti: annulla le iscrizioni prima di riportarlo in bozza."),
                code="has_enrolments",
            )

    return transition(
        course,
        to=Course.Status.DRAFT,
        actor=actor,
        permission=lambda user, _obj: can_manage_training(user),
        guard=guard,
    )


def course_close(*, course: Course, actor) -> tuple[Course, list[Certificate]]:
    """Close a course whose sessions are over and issue the certificates it earned."""

    def guard(locked: Course) -> None:
        if locked.sessions.filter(ends_at__gt=timezone.now()).exists():
            raise ValidationError(
                _("Il corso ha ancora incontri da svolgere: chiudilo dopo l'ultimo incontro."),
                code="sessions_pending",
            )

    with transaction.atomic():
        course = transition(
            course,
            to=Course.Status.CLOSED,
            actor=actor,
            permission=lambda user, _obj: can_manage_training(user),
            guard=guard,
        )
        certificates = certificates_issue(course=course, actor=actor)
    return course, certificates


def course_archive(*, course: Course, actor) -> Course:
    """Archive a closed course: it leaves the public list; certificates stay verifiable."""
    return transition(
        course,
        to=Course.Status.ARCHIVED,
        actor=actor,
        permission=lambda user, _obj: can_manage_training(user),
    )


# --- enrolments ------------------------------------------------------------------------------


def _notify_enrolment(enrolment: Enrolment, *, template: str) -> None:
    participant = enrolment.participant
    email_queue(
        key=f"training-{template}:{enrolment.pk}:{enrolment.status_changed_at.isoformat()}",
        to=participant.email,
        template=f"training/{template}",
        context={
            "enrolment": enrolment,
            "course": enrolment.course,
            "participant": participant,
            "url": _absolute(enrolment.course.get_absolute_url()),
            "my_url": _absolute(reverse("training:my-training")),
        },
        language=participant.preferred_language or "it",
    )


def _enrolment_template(enrolment: Enrolment) -> str:
    if enrolment.status == Enrolment.Status.WAITLISTED:
        return "enrolment_waitlisted"
    return "enrolment_confirmed"


def enrolment_create(*, course: Course, participant, association: Association, actor) -> Enrolment:
    """Enrol a member of ``association``: a seat if one is free, else the waiting list.

    Capacity holds under concurrent requests because every enrolment of a course first locks the
    course row (mondinsieme.capacity); the unique constraint on (course, participant) catches a
    double click that slips past the existence check.
    """
    if not can_enrol_for_association(actor, association):
        raise PermissionDenied(
            _("Puoi iscrivere solo te stesso e i soci delle associazioni di cui sei referente.")
        )
    if not is_active_member(participant, association):
        raise ValidationError(
            _("Questa persona non è socia dell'associazione: invitala prima a farne parte."),
            code="not_a_member",
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            course = capacity.lock_offer(course)
            if not course.enrolment_open(now):
                raise ValidationError(
                    _("Le iscrizioni a questo corso sono chiuse."), code="enrolment_closed"
                )
            existing = Enrolment.objects.filter(course=course, participant=participant).first()
            if existing is not None and existing.status != Enrolment.Status.CANCELLED:
                raise ValidationError(
                    _("%(name)s è già iscritto o iscritta a questo corso.")
                    % {"name": participant.full_name or participant.email},
                    code="already_enrolled",
                )
            seat = capacity.allocate(offer=course, bookings=course.enrolments.all(), seats=SEATS)
            if existing is not None:
                enrolment = transition(
                    existing,
                    to=seat.status,
                    actor=actor,
                    note=_("Nuova iscrizione dopo un annullamento."),
                    changes={
                        "waitlist_position": seat.waitlist_position,
                        "association": association,
                        "enrolled_by": actor,
                    },
                )
            else:
                enrolment = Enrolment.objects.create(
                    course=course,
                    participant=participant,
                    association=association,
                    status=seat.status,
                    status_changed_at=now,
                    waitlist_position=seat.waitlist_position,
                    enrolled_by=actor,
                )
                log_action(enrolment, actor=actor, action="enrolled", to_status=enrolment.status)
            consent_record(
                purpose=Purpose.TRAINING,
                user=participant,
                source="training.enrolment",
                subject=enrolment,
            )
            _notify_enrolment(enrolment, template=_enrolment_template(enrolment))
    except IntegrityError:
        raise ValidationError(
            _("Questa persona è già iscritta a questo corso."), code="already_enrolled"
        ) from None
    return enrolment


def enrolment_invite(
    *, course: Course, association: Association, actor, email: str
) -> Enrolment | None:
    """Enrol the member with this e-mail, or invite the address into the association.

    A person without an account (or not yet a member) gets the association's invitation and a
    note about the course; their leader enrols them once they have accepted. Returns the
    enrolment, or ``None`` when an invitation went out instead.
    """
    email = email.strip().lower()
    member = (
        User.objects.filter(
            email__iexact=email,
            memberships__association=association,
            memberships__status=Membership.Status.ACTIVE,
        )
        .distinct()
        .first()
    )
    if member is not None:
        return enrolment_create(
            course=course, participant=member, association=association, actor=actor
        )
    if not course.enrolment_open():
        raise ValidationError(_("Le iscrizioni a questo corso sono chiuse."), code="closed")
    with transaction.atomic():
        invitation = invitation_create(
            association=association, actor=actor, email=email, role=Membership.Role.MEMBER
        )
        email_queue(
            key=f"training-invited:{course.pk}:{invitation.pk}",
            to=email,
            template="training/course_invitation",
            context={
                "course": course,
                "association": association,
                "by": actor,
                "url": _absolute(course.get_absolute_url()),
            },
            language=getattr(actor, "preferred_language", "it") or "it",
        )
        log_action(course, actor=actor, action="invited", note=email)
    return None


def _promote(enrolment: Enrolment, actor, note: str = "") -> Enrolment:
    promoted = transition(
        enrolment,
        to=Enrolment.Status.CONFIRMED,
        actor=actor,
        note=note or _("Posto liberato da un annullamento."),
        changes={"waitlist_position": None},
    )
    _notify_enrolment(promoted, template="enrolment_promoted")
    return promoted


def enrolment_cancel(*, enrolment: Enrolment, actor) -> tuple[Enrolment, list[Enrolment]]:
    """Cancel an enrolment; a freed seat goes to the first person waiting, who is told."""
    if not can_cancel_enrolment(actor, enrolment):
        raise PermissionDenied(_("Non puoi annullare questa iscrizione."))
    with transaction.atomic():
        # Course first, then the enrolment: the same lock order as enrolment_create, so two
        # cancellations (or a cancellation and an enrolment) queue instead of deadlocking.
        course = capacity.lock_offer(enrolment.course)
        if course.status != Course.Status.PUBLISHED:
            raise ValidationError(
                _("Il corso è concluso: l'iscrizione non si può più annullare."), code="closed"
            )
        cancelled = transition(
            enrolment,
            to=Enrolment.Status.CANCELLED,
            actor=actor,
            changes={"waitlist_position": None},
        )
        promoted = capacity.fill_free_seats(
            offer=course,
            bookings=course.enrolments.all(),
            seats=SEATS,
            promote=lambda booking: _promote(booking, actor),
        )
    return cancelled, promoted


def enrolment_move_from_waitlist(*, enrolment: Enrolment, actor) -> Enrolment:
    """Staff give a seat to someone waiting, even beyond capacity (a deliberate decision)."""
    _staff_only(actor)
    with transaction.atomic():
        capacity.lock_offer(enrolment.course)
        enrolment.refresh_from_db(fields=["status"])
        if enrolment.status != Enrolment.Status.WAITLISTED:
            raise ValidationError(
                _("Questa persona non è in lista d'attesa."), code="not_waitlisted"
            )
        return _promote(
            enrolment, actor, note=_("Spostata dal personale dalla lista d'attesa, oltre i posti.")
        )


def enrolment_confirm(*, enrolment: Enrolment, actor) -> Enrolment:
    """Staff confirm a waiting or cancelled enrolment within capacity.

    A waiting person gets a free seat (refused when the course is full: moving someone beyond
    capacity is :func:`enrolment_move_from_waitlist`); a cancelled enrolment is restored to a
    free seat or, when the course is full, to the end of the waiting list. The person is told.
    """
    _staff_only(actor)
    with transaction.atomic():
        course = capacity.lock_offer(enrolment.course)
        if course.status != Course.Status.PUBLISHED:
            raise ValidationError(
                _("Il corso non è aperto: non si possono confermare iscrizioni."), code="closed"
            )
        enrolment.refresh_from_db(fields=["status"])
        if enrolment.status == Enrolment.Status.WAITLISTED:
            left = capacity.free_seats(offer=course, bookings=course.enrolments.all(), seats=SEATS)
            if not left:
                raise ValidationError(
                    _(
                        "Il corso è al completo: per dare comunque il posto usa «Sposta dalla "
                        "lista d'attesa ai confermati»."
                    ),
                    code="full",
                )
            return _promote(enrolment, actor, note=_("Confermata dal personale."))
        if enrolment.status != Enrolment.Status.CANCELLED:
            raise ValidationError(_("Questa iscrizione è già confermata."), code="not_pending")
        seat = capacity.allocate(offer=course, bookings=course.enrolments.all(), seats=SEATS)
        restored = transition(
            enrolment,
            to=seat.status,
            actor=actor,
            note=_("Iscrizione ripristinata dal personale."),
            changes={"waitlist_position": seat.waitlist_position},
        )
        _notify_enrolment(restored, template=_enrolment_template(restored))
        return restored


def waitlist_fill(*, course: Course, actor) -> list[Enrolment]:
    """Give the seats a course has free (say, after its capacity grew) to the people waiting."""
    _staff_only(actor)
    with transaction.atomic():
        course = capacity.lock_offer(course)
        if course.status != Course.Status.PUBLISHED:
            return []
        return capacity.fill_free_seats(
            offer=course,
            bookings=course.enrolments.all(),
            seats=SEATS,
            promote=lambda booking: _promote(
                booking, actor, note=_("Posto liberato da un aumento dei posti.")
            ),
        )


# --- attendance ------------------------------------------------------------------------------


def attendance_set(*, session: Session, enrolment: Enrolment, present: bool, actor) -> Attendance:
    """Record whether one participant was at one session."""
    _staff_only(actor)
    if enrolment.course_id != session.course_id:
        raise ValidationError(_("Questa persona non è iscritta a questo corso."), code="course")
    if enrolment.status not in (Enrolment.Status.CONFIRMED, Enrolment.Status.COMPLETED):
        raise ValidationError(
            _("Si registrano le presenze solo delle iscrizioni confermate."), code="status"
        )
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        enrolment=enrolment,
        defaults={"present": present, "recorded_by": actor},
    )
    return attendance


_TRUE = {"1", "si", "sì", "s", "x", "yes", "y", "true", "presente", "present"}
_FALSE = {"0", "no", "n", "false", "assente", "absent", ""}


def attendance_import_csv(*, session: Session, data: bytes, actor) -> tuple[int, list[str]]:
    """Import a sheet with columns ``email`` and ``presente``; return (rows saved, problems).

    Rows with an unknown e-mail or an unreadable value are reported, not saved; the others are.
    """
    _staff_only(actor)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("Il file non è in UTF-8: salvalo come «CSV UTF-8» e riprova."), code="encoding"
        ) from None
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # Cells beyond the header go under "_extra" (ignored); a broken file is refused whole.
    reader = csv.DictReader(io.StringIO(text), dialect=dialect, restkey="_extra")
    try:
        fields = {(name or "").strip().lower() for name in reader.fieldnames or []}
        rows = list(reader)
    except csv.Error:
        raise ValidationError(
            _(
                "Il file non è un CSV leggibile (una cella troppo lunga o delle virgolette "
                "non chiuse?): controllalo e riprova."
            ),
            code="unreadable",
        ) from None
    if "email" not in fields or not fields & {"presente", "present"}:
        raise ValidationError(
            _("Il file deve avere le colonne «email» e «presente»."), code="columns"
        )
    enrolments = {
        enrolment.participant.email.lower(): enrolment
        for enrolment in session.course.enrolments.filter(
            status__in=(Enrolment.Status.CONFIRMED, Enrolment.Status.COMPLETED)
        ).select_related("participant")
    }
    saved, problems = 0, []
    with transaction.atomic():
        for line, row in enumerate(rows, start=2):
            row = {
                (key or "").strip().lower(): value.strip()
                for key, value in row.items()
                if isinstance(value, str)
            }
            email = row.get("email", "").lower()
            value = row.get("presente", row.get("present", "")).lower()
            enrolment = enrolments.get(email)
            if enrolment is None:
                problems.append(
                    _("Riga %(line)s: %(email)s non è tra gli iscritti confermati.")
                    % {"line": line, "email": email or "—"}
                )
                continue
            if value not in _TRUE | _FALSE:
                problems.append(
                    _("Riga %(line)s: scrivi «sì» o «no» nella colonna «presente».")
                    % {"line": line}
                )
                continue
            attendance_set(
                session=session, enrolment=enrolment, present=value in _TRUE, actor=actor
            )
            saved += 1
        log_action(
            session.course,
            actor=actor,
            action="attendance_imported",
            note=ngettext(
                "%(count)s presenza importata per «%(session)s».",
                "%(count)s presenze importate per «%(session)s».",
                saved,
            )
            % {"count": saved, "session": session.topic},
        )
    return saved, problems


# --- certificates ----------------------------------------------------------------------------


def certificates_issue(*, course: Course, actor) -> list[Certificate]:
    """Issue a certificate to every confirmed participant who reached the minimum attendance."""
    _staff_only(actor)
    if course.status not in (Course.Status.CLOSED, Course.Status.ARCHIVED):
        raise ValidationError(
            _("Gli attestati si rilasciano quando il corso è concluso."), code="not_closed"
        )
    issued = []
    summary = selectors.attendance_summary(course)
    with transaction.atomic():
        for enrolment in course.enrolments.filter(status=Enrolment.Status.CONFIRMED).select_related(
            "participant", "course"
        ):
            percent = summary.percent(enrolment.pk)
            if percent < course.min_attendance_percent:
                continue
            certificate, created = Certificate.objects.get_or_create(
                enrolment=enrolment, defaults={"attendance_percent": percent}
            )
            transition(enrolment, to=Enrolment.Status.COMPLETED, actor=actor)
            if created:
                issued.append(certificate)
                email_queue(
                    key=f"training-certificate:{certificate.pk}",
                    to=enrolment.participant.email,
                    template="training/certificate_issued",
                    context={
                        "certificate": certificate,
                        "course": course,
                        "participant": enrolment.participant,
                        "url": _absolute(reverse("training:my-training")),
                        "verify_url": _absolute(certificate.get_verify_url()),
                    },
                    language=enrolment.participant.preferred_language or "it",
                )
        log_action(
            course,
            actor=actor,
            action="certificates_issued",
            note=ngettext(
                "%(count)s attestato rilasciato.", "%(count)s attestati rilasciati.", len(issued)
            )
            % {"count": len(issued)},
        )
    return issued


def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Revoke a certificate: its public verification page says so from now on."""
    _staff_only(actor)
    if not reason.strip():
        raise ValidationError(_("Scrivi il motivo della revoca."), code="reason_required")
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise ValidationError(_("Questo attestato è già revocato."), code="already_revoked")
        locked.revoked_at = timezone.now()
        locked.revoked_reason = reason.strip()
        locked.save(update_fields=["revoked_at", "revoked_reason"])
        log_action(locked, actor=actor, action="revoked", note=locked.revoked_reason)
    certificate.revoked_at, certificate.revoked_reason = locked.revoked_at, locked.revoked_reason
    return locked


# --- feedback --------------------------------------------------------------------------------


def feedback_submit(*, enrolment: Enrolment, actor, rating: int, comment: str = "") -> Feedback:
    """A participant rates a course they attended (once; a second time updates it)."""
    if enrolment.participant_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Puoi valutare solo i corsi a cui sei iscritto o iscritta."))
    if enrolment.status not in (Enrolment.Status.CONFIRMED, Enrolment.Status.COMPLETED):
        raise ValidationError(_("Puoi valutare solo i corsi che hai frequentato."), code="status")
    feedback = Feedback(enrolment=enrolment, rating=rating, comment=comment)
    feedback.full_clean(exclude=["enrolment"])
    feedback, _created = Feedback.objects.update_or_create(
        enrolment=enrolment, defaults={"rating": rating, "comment": comment}
    )
    return feedback
