"""Every write that matters for the Manifesto and the Forum goes through here."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.models import Association, City
from mondinsieme import capacity
from mondinsieme.emails import email_queue
from mondinsieme.workflow import log_action, transition
from privacy.models import Purpose
from privacy.services import consent_record, consents_withdraw_for

from .models import (
    Amendment,
    Article,
    Delegation,
    DelegationMember,
    Manifesto,
    Registration,
    Signature,
    Version,
    token_hash,
)
from .permissions import (
    can_moderate_forum,
    can_propose_amendment,
    can_register_delegation,
    can_sign_for_association,
)

User = get_user_model()

CONFIRMATION_VALIDITY = timedelta(days=7)
UNCONFIRMED_RETENTION = timedelta(days=30)


def _absolute(path: str) -> str:
    return settings.PORTAL.get("BASE_URL", "").rstrip("/") + path


def _touch_signatures(manifesto_id: int) -> None:
    # The cached PDF and the counters depend on the confirmed signatures.
    Manifesto.objects.filter(pk=manifesto_id).update(signatures_changed_at=timezone.now())


def _require_staff(actor) -> None:
    if not can_moderate_forum(actor):
        raise PermissionDenied(_("Solo il personale può farlo."))


# --- Manifesto status and versions ---------------------------------------------------------


def _guard_open(manifesto: Manifesto) -> None:
    if manifesto.current_version_id is None:
        raise ValidationError(
            _("Pubblica prima una versione del testo: le firme si raccolgono su una versione.")
        )


def manifesto_set_status(*, manifesto: Manifesto, to: str, actor, note: str = "") -> Manifesto:
    """Move the manifesto along draft → consultation → final → open for signature → closed."""
    guard = _guard_open if to == Manifesto.Status.OPEN else None
    return transition(
        manifesto,
        to=to,
        actor=actor,
        note=note,
        permission=lambda user, _obj: can_moderate_forum(user),
        guard=guard,
    )


def _apply_amendment(manifesto: Manifesto, amendment: Amendment, slots: dict[int, int]) -> None:
    article = Article.objects.filter(pk=amendment.article_id).first()
    if article is None:
        return
    if amendment.kind == Amendment.Kind.CHANGE:
        article.body = amendment.text
        if amendment.new_title:
            article.title = amendment.new_title
        article.save(update_fields=["body", "title"])
    elif amendment.kind == Amendment.Kind.DELETE:
        article.delete()
    elif amendment.kind == Amendment.Kind.ADD_AFTER:
        # Positions were spread by 1000: slot the new article in, renumber at the end.
        slots[article.pk] = slots.get(article.pk, 0) + 1
        Article.objects.create(
            manifesto=manifesto,
            position=article.position + slots[article.pk],
            title=amendment.new_title or _("Nuovo articolo"),
            body=amendment.text,
        )


def _renumber(manifesto: Manifesto) -> list[Article]:
    articles = list(Article.objects.filter(manifesto=manifesto).order_by("position"))
    # Two passes so the unique (manifesto, position) never clashes midway.
    for index, article in enumerate(articles, start=1):
        article.position = 1_000_000 + index
    Article.objects.bulk_update(articles, ["position"])
    for index, article in enumerate(articles, start=1):
        article.position = index
    Article.objects.bulk_update(articles, ["position"])
    return articles


def manifesto_publish_version(*, manifesto: Manifesto, actor, notes: str = "") -> Version:
    """Apply the accepted amendments to the articles and publish a new immutable version."""
    _require_staff(actor)
    with transaction.atomic():
        locked = Manifesto.objects.select_for_update().get(pk=manifesto.pk)
        if locked.status == Manifesto.Status.CLOSED:
            raise ValidationError(_("Il manifesto è chiuso: riaprilo prima di pubblicare."))
        # Spread positions so "add after" can slot new articles in between.
        spread = list(Article.objects.filter(manifesto=locked).order_by("-position"))
        for article in spread:
            article.position *= 1000
            article.save(update_fields=["position"])
        accepted = list(
            Amendment.objects.select_for_update()
            .filter(manifesto=locked, status=Amendment.Status.ACCEPTED, applied_in__isnull=True)
            .order_by("created_at", "pk")
        )
        slots: dict[int, int] = {}
        for amendment in accepted:
            _apply_amendment(locked, amendment, slots)
        articles = _renumber(locked)
        if not articles:
            raise ValidationError(_("Il manifesto non ha articoli: scrivine almeno uno."))
        last = Version.objects.filter(manifesto=locked).aggregate(n=Max("number"))["n"] or 0
        version = Version.objects.create(
            manifesto=locked,
            number=last + 1,
            title=locked.title,
            articles=[{"title": a.title, "body": a.body} for a in articles],
            notes=notes,
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        Amendment.objects.filter(pk__in=[a.pk for a in accepted]).update(applied_in=version)
        locked.current_version = version
        locked.save(update_fields=["current_version"])
        log_action(
            locked,
            actor=actor,
            action="version_published",
            note=_("Versione %(n)s (%(count)s emendamenti applicati)")
            % {"n": version.number, "count": len(accepted)},
        )
    manifesto.current_version = version
    return version


# --- Amendments ------------------------------------------------------------------------------


def amendment_propose(
    *,
    manifesto: Manifesto,
    article: Article,
    association: Association,
    actor,
    kind: str,
    text: str,
    rationale: str,
    new_title: str = "",
) -> Amendment:
    """A leader proposes an amendment for their association while the text is in consultation."""
    if not can_propose_amendment(actor, association):
        raise PermissionDenied(
            _("Solo i referenti di un'associazione approvata possono proporre emendamenti.")
        )
    if article.manifesto_id != manifesto.pk:
        raise ValidationError(_("L'articolo non fa parte di questo manifesto."))
    if manifesto.status != Manifesto.Status.CONSULTATION:
        raise ValidationError(
            _("La consultazione è chiusa: non si possono più proporre emendamenti.")
        )
    amendment = Amendment(
        manifesto=manifesto,
        article=article,
        article_title=str(article),
        association=association,
        proposed_by=actor,
        kind=kind,
        text=text if kind != Amendment.Kind.DELETE else "",
        new_title=new_title,
        rationale=rationale,
    )
    amendment.full_clean()
    with transaction.atomic():
        amendment.save()
        log_action(amendment, actor=actor, action="proposed", to_status=amendment.status)
    return amendment


def amendment_decide(*, amendment: Amendment, accept: bool, reply: str, actor) -> Amendment:
    """Staff accept or reject an amendment with a public reply, and tell the proposer."""
    if not reply.strip():
        raise ValidationError(_("Scrivi una risposta: sarà pubblicata con l'emendamento."))
    to = Amendment.Status.ACCEPTED if accept else Amendment.Status.REJECTED

    def notify(saved: Amendment) -> None:
        if saved.proposed_by is None:
            return
        email_queue(
            key=f"forum-amendment-decided:{saved.pk}",
            to=saved.proposed_by.email,
            template="forum/amendment_decided",
            context={
                "amendment": saved,
                "url": _absolute(
                    reverse("forum:amendment-list", kwargs={"slug": saved.manifesto.slug})
                ),
            },
            language=saved.proposed_by.preferred_language or "it",
        )

    with transaction.atomic():
        saved = transition(
            amendment,
            to=to,
            actor=actor,
            note=reply,
            permission=lambda user, _obj: can_moderate_forum(user),
            changes={"reply": reply.strip()},
        )
        # The message row is part of the transaction; email_queue sends it after commit.
        notify(saved)
    return saved


# --- Signatures ----------------------------------------------------------------------------


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def _require_open(manifesto: Manifesto) -> None:
    if not manifesto.is_open_for_signature or manifesto.current_version_id is None:
        raise ValidationError(_("Il manifesto non è aperto alle firme in questo momento."))


def _send_confirmation(signature: Signature, token: str, *, fresh: bool = False) -> None:
    email_queue(
        key=f"forum-signature-confirm:{signature.pk}:{signature.token_hash[:16]}",
        to=signature.email,
        template="forum/signature_confirm",
        context={
            "name": signature.name,
            "manifesto": signature.manifesto,
            "url": _absolute(reverse("forum:signature-confirm", kwargs={"token": token})),
            "days": CONFIRMATION_VALIDITY.days,
        },
        language=signature.language,
        fresh=fresh,  # the key names the signature and its new token
    )


class _AlreadySigned(Exception):
    """The address has a signature already (raised to roll the failed INSERT back)."""


def signature_request(
    *,
    manifesto: Manifesto,
    name: str,
    email: str,
    residence_city: str,
    country: str,
    public_listing: bool,
    news_opt_in: bool,
    language: str = "it",
) -> None:
    """A citizen asks to sign: one row per e-mail, a confirmation e-mail, the same outcome
    whether the address is new, waiting or already confirmed (nobody learns who signed)."""
    _require_open(manifesto)
    email = email.strip()
    token, hashed = _new_token()
    now = timezone.now()
    try:
        with transaction.atomic():
            try:
                # Under a race the unique constraint, not a prior check, keeps one row. No
                # savepoint (two round trips on every signature): a conflict aborts this
                # transaction, which has done nothing else yet, and the next one handles it.
                signature = Signature.objects.create(
                    manifesto=manifesto,
                    version_id=manifesto.current_version_id,
                    kind=Signature.Kind.CITIZEN,
                    name=name.strip(),
                    email=email,
                    residence_city=residence_city.strip(),
                    country=country,
                    public_listing=public_listing,
                    news_opt_in=news_opt_in,
                    consent_at=now,
                    language=language,
                    token_hash=hashed,
                    token_expires_at=now + CONFIRMATION_VALIDITY,
                )
            except IntegrityError:
                raise _AlreadySigned from None
            consent_record(
                purpose=Purpose.SIGNATURES,
                email=email,
                source="forum.signature",
                explicit=True,
                subject=signature,
            )
            _send_confirmation(signature, token, fresh=True)
        return
    except _AlreadySigned:
        pass
    with transaction.atomic():
        existing = (
            Signature.objects.select_for_update()
            .filter(manifesto=manifesto, email__iexact=email)
            .first()
        )
        if existing is None:  # withdrawn in the meantime: nothing to do
            return
        if existing.status == Signature.Status.PENDING:
            # A new link replaces the old one (only the latest works).
            existing.token_hash = hashed
            existing.token_expires_at = now + CONFIRMATION_VALIDITY
            existing.save(update_fields=["token_hash", "token_expires_at"])
            _send_confirmation(existing, token)
        else:
            email_queue(
                key=f"forum-signature-already:{existing.pk}:{now:%Y-%m-%d}",
                to=existing.email,
                template="forum/signature_already",
                context={"manifesto": manifesto, "name": existing.name},
                language=existing.language,
            )


def signature_for_token(token: str) -> Signature | None:
    """The waiting signature a confirmation link points to, if the link is still valid."""
    if not token or len(token) > 100:
        return None
    return (
        Signature.objects.select_related("manifesto")
        .filter(
            token_hash=token_hash(token),
            status=Signature.Status.PENDING,
            token_expires_at__gt=timezone.now(),
        )
        .first()
    )


def signature_confirm(*, token: str) -> Signature:
    """Confirm a signature from the e-mail link; the link works once and expires."""
    signature = signature_for_token(token)
    if signature is None:
        raise ValidationError(
            _(
                "Il link non è valido o è scaduto. Se non hai ancora confermato, firma di nuovo:"
                " ti manderemo un nuovo link."
            ),
            code="invalid_token",
        )
    withdraw_token, withdraw_hash = _new_token()

    def notify(saved: Signature) -> None:
        email_queue(
            key=f"forum-signature-confirmed:{saved.pk}",
            to=saved.email,
            template="forum/signature_confirmed",
            context={
                "name": saved.name,
                "manifesto": saved.manifesto,
                "manifesto_url": _absolute(saved.manifesto.get_absolute_url()),
                "withdraw_url": _absolute(
                    reverse("forum:signature-withdraw", kwargs={"token": withdraw_token})
                ),
            },
            language=saved.language,
        )

    with transaction.atomic():
        # Re-read under the lock: two clicks at once confirm once, the second finds no token.
        still_valid = (
            Signature.objects.select_for_update()
            .filter(
                pk=signature.pk,
                token_hash=token_hash(token),
                status=Signature.Status.PENDING,
                token_expires_at__gt=timezone.now(),
            )
            .exists()
        )
        if not still_valid:
            raise ValidationError(_("Il link non è valido o è scaduto."), code="invalid_token")
        saved = transition(
            signature,
            to=Signature.Status.CONFIRMED,
            actor=None,
            changes={
                "confirmed_at": timezone.now(),
                "token_hash": "",
                "token_expires_at": None,
                "withdraw_token_hash": withdraw_hash,
            },
        )
        # The message row is part of the transaction; email_queue sends it after commit.
        notify(saved)
        _touch_signatures(saved.manifesto_id)
    return saved


def signature_withdraw(*, signature: Signature, actor=None, note: str = "") -> Signature:
    """Withdraw a signature and erase the personal data it held."""
    with transaction.atomic():
        saved = transition(
            signature,
            to=Signature.Status.WITHDRAWN,
            actor=actor,
            note=note,
            changes={
                "name": "",
                "role": "",
                "email": "",
                "residence_city": "",
                "country": "",
                "public_listing": False,
                "news_opt_in": False,
                "token_hash": "",
                "token_expires_at": None,
                "withdraw_token_hash": "",
                "withdrawn_at": timezone.now(),
            },
        )
        consents_withdraw_for(subject=saved, source="forum.signature_withdraw")
        _forget_signature_emails(saved.pk)
        _touch_signatures(saved.manifesto_id)
    return saved


def _forget_signature_emails(signature_id: int) -> None:
    """The e-mails about a withdrawn signature (address, name) go too: the copies already sent
    and any still queued, whose links no longer work (the send task skips a missing row)."""
    from mondinsieme.models import OutgoingEmail

    OutgoingEmail.objects.filter(
        Q(key__startswith=f"forum-signature-confirm:{signature_id}:")
        | Q(key=f"forum-signature-confirmed:{signature_id}")
        | Q(key__startswith=f"forum-signature-already:{signature_id}:")
    ).delete()


def signature_withdraw_by_token(*, token: str) -> Signature:
    """The signer withdraws from the link in the confirmation e-mail."""
    signature = (
        Signature.objects.filter(withdraw_token_hash=token_hash(token)).first()
        if token and len(token) <= 100
        else None
    )
    if signature is None:
        raise ValidationError(_("Il link non è valido o la firma è già stata ritirata."))
    return signature_withdraw(signature=signature)


def signature_sign_as_association(
    *, manifesto: Manifesto, association: Association, actor, public_listing: bool = True
) -> Signature:
    """A leader signs for their association (no e-mail round trip: their account is verified)."""
    if not can_sign_for_association(actor, association):
        raise PermissionDenied(
            _("Solo i referenti di un'associazione approvata possono firmare a suo nome.")
        )
    _require_open(manifesto)
    now = timezone.now()
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                manifesto=manifesto,
                version_id=manifesto.current_version_id,
                kind=Signature.Kind.ASSOCIATION,
                status=Signature.Status.CONFIRMED,
                confirmed_at=now,
                consent_at=now,
                name=association.name,
                country="IT",
                residence_city=settings.PORTAL.get("HOST_CITY_NAME", ""),
                association=association,
                signed_by=actor,
                public_listing=public_listing,
            )
            log_action(signature, actor=actor, action="signed", to_status=signature.status)
            _touch_signatures(manifesto.pk)
    except IntegrityError:
        raise ValidationError(_("L'associazione ha già firmato questo manifesto.")) from None
    return signature


def signature_record_city(
    *, manifesto: Manifesto, city: City, signatory: str, role: str, document, actor
) -> Signature:
    """Staff record a city's signature (e.g. a mayor at the Forum) with the scanned document."""
    _require_staff(actor)
    _require_open(manifesto)
    from mondinsieme.uploads import validate_document

    validate_document(document, extensions=("pdf", "png", "jpg", "jpeg"))
    now = timezone.now()
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                manifesto=manifesto,
                version_id=manifesto.current_version_id,
                kind=Signature.Kind.CITY,
                status=Signature.Status.CONFIRMED,
                confirmed_at=now,
                consent_at=now,
                name=city.name,
                role=f"{signatory}, {role}".strip(", "),
                country=city.country.code if city.country else "",
                residence_city=city.name,
                city=city,
                document=document,
                signed_by=actor,
                public_listing=True,
            )
            log_action(signature, actor=actor, action="signed", to_status=signature.status)
            _touch_signatures(manifesto.pk)
    except IntegrityError:
        raise ValidationError(_("Questa città ha già firmato il manifesto.")) from None
    return signature


def signatures_purge_unconfirmed(*, now=None) -> int:
    """Delete the signatures never confirmed within the retention period; return how many."""
    now = now or timezone.now()
    deleted, _details = Signature.objects.filter(
        status=Signature.Status.PENDING, created_at__lt=now - UNCONFIRMED_RETENTION
    ).delete()
    return deleted


# --- Forum delegations -----------------------------------------------------------------------


def delegation_register(
    *, edition, city: City, association: Association, actor, data: dict, members=()
):
    """A leader registers the delegation of a city their association's communities come from,
    with its members (dicts of name, role, e-mail) besides the head of delegation."""
    if not can_register_delegation(actor, association):
        raise PermissionDenied(_("Solo i referenti di un'associazione approvata possono farlo."))
    if not City.objects.filter(pk=city.pk, communities__associations=association).exists():
        raise ValidationError(
            _("Puoi registrare solo città di origine delle comunità della tua associazione.")
        )
    from .models import ForumEdition

    if edition.status != ForumEdition.Status.PUBLISHED:
        raise ValidationError(_("Le iscrizioni delle delegazioni sono chiuse."))
    delegation = Delegation(
        edition=edition, city=city, association=association, registered_by=actor, **data
    )
    delegation.full_clean(validate_constraints=False)
    people = [DelegationMember(**member) for member in members]
    for person in people:
        person.full_clean(exclude=["delegation"])
    try:
        with transaction.atomic():
            delegation.save()
            for person in people:
                person.delegation = delegation
            DelegationMember.objects.bulk_create(people)
            log_action(delegation, actor=actor, action="registered", to_status=delegation.status)
            consent_record(
                purpose=Purpose.FORUM, user=actor, source="forum.delegation", subject=delegation
            )
    except IntegrityError:
        raise ValidationError(_("Questa città ha già una delegazione per il Forum.")) from None
    return delegation


def delegation_set_status(*, delegation: Delegation, to: str, actor, note: str = "") -> Delegation:
    """Staff confirm or cancel a delegation; the leader who registered it is told."""
    with transaction.atomic():
        saved = transition(
            delegation,
            to=to,
            actor=actor,
            note=note,
            permission=lambda user, _obj: can_moderate_forum(user),
        )
        leader = saved.registered_by
        if to != Delegation.Status.REQUESTED and leader is not None and leader.email:
            # The message row is part of the transaction; email_queue sends it after commit.
            stamp = saved.status_changed_at.strftime("%Y%m%d%H%M%S%f")
            email_queue(
                key=f"forum-delegation-status:{saved.pk}:{to}:{stamp}",
                to=leader.email,
                template="forum/delegation_status",
                context={
                    "delegation": saved,
                    "edition": saved.edition,
                    "note": note,
                    "url": _absolute(saved.edition.get_absolute_url()),
                },
                language=leader.preferred_language or "it",
            )
    return saved


# --- Public registration to the Forum ----------------------------------------------------------

SEATS = capacity.Seats(
    confirmed=Registration.Status.CONFIRMED, waitlisted=Registration.Status.WAITLISTED
)


def _registration_email(registration: Registration, *, token: str = "", key: str) -> None:
    email_queue(
        key=key,
        to=registration.email,
        template="forum/registration",
        context={
            "registration": registration,
            "edition": registration.edition,
            "edition_url": _absolute(registration.edition.get_absolute_url()),
            "cancel_url": _absolute(reverse("forum:registration-cancel", kwargs={"token": token}))
            if token
            else "",
        },
        language=registration.language,
    )


def registration_create(*, edition, name: str, email: str, language: str = "it") -> None:
    """A citizen registers: a seat while there are any, then the waiting list. The answer is the
    same for an address already registered (it gets no second place)."""
    from .models import ForumEdition

    token, hashed = _new_token()
    with transaction.atomic():
        # Every registration and cancellation queues on the edition row: no seat is sold twice.
        locked = capacity.lock_offer(edition)
        if locked.status != ForumEdition.Status.PUBLISHED or not locked.registration_open:
            raise ValidationError(_("Le iscrizioni al Forum sono chiuse."))
        if (
            locked.registrations.filter(email__iexact=email.strip())
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        ):
            return  # under the lock this check is exact; the constraint backs it up
        seat = capacity.allocate(offer=locked, bookings=locked.registrations.all(), seats=SEATS)
        registration = Registration.objects.create(
            edition=locked,
            name=name.strip(),
            email=email.strip(),
            status=seat.status,
            waitlist_position=seat.waitlist_position,
            cancel_token_hash=hashed,
            language=language,
        )
        log_action(registration, actor=None, action="registered", to_status=registration.status)
        consent_record(
            purpose=Purpose.FORUM,
            email=registration.email,
            source="forum.registration",
            explicit=True,
            subject=registration,
        )
        _registration_email(
            registration, token=token, key=f"forum-registration:{registration.pk}:{seat.status}"
        )


def registration_cancel(*, token: str) -> Registration:
    """Cancel a registration from the e-mail link; a freed seat goes to the first in line."""
    registration = (
        Registration.objects.filter(cancel_token_hash=token_hash(token))
        .exclude(status=Registration.Status.CANCELLED)
        .first()
        if token and len(token) <= 100
        else None
    )
    if registration is None:
        raise ValidationError(_("Il link non è valido o l'iscrizione è già annullata."))
    with transaction.atomic():
        edition = capacity.lock_offer(registration.edition)
        saved = transition(
            registration,
            to=Registration.Status.CANCELLED,
            actor=None,
            changes={"waitlist_position": None},
        )

        def promote(booking: Registration) -> Registration:
            promoted = transition(
                booking,
                to=Registration.Status.CONFIRMED,
                actor=None,
                changes={"waitlist_position": None},
            )
            _registration_email(promoted, key=f"forum-registration:{promoted.pk}:promoted")
            return promoted

        capacity.fill_free_seats(
            offer=edition, bookings=edition.registrations.all(), seats=SEATS, promote=promote
        )
    return saved
