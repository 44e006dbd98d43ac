"""Public pages of the Manifesto and the Forum, and the leaders' reserved pages."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from associations.models import Association, City, Membership
from mondinsieme.cache import cache_public_page
from mondinsieme.ical import CalendarEvent, calendar_response
from mondinsieme.pdf import render_pdf
from mondinsieme.ratelimit import hit, ratelimit

from . import selectors, services
from .forms import (
    HONEYPOT_FIELD,
    AmendmentForm,
    AssociationSignatureForm,
    CitySignatureForm,
    DelegationForm,
    RegistrationForm,
    SignatoryFilterForm,
    SignatureForm,
)
from .models import Delegation, ForumEdition, Manifesto, ManifestoPdf, Signature, Version

SIGNATORIES_PAGE_SIZE = 50
EMAIL_RATE = "3/h"


def _messages_from(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _led_associations(user):
    """Approved associations this user acts for."""
    if not user.is_authenticated:
        return Association.objects.none()
    return Association.objects.public().filter(
        memberships__user=user,
        memberships__status=Membership.Status.ACTIVE,
        memberships__role__in=Membership.ACTING_ROLES,
    )


@cache_public_page("forum", "associations")
def index(request):
    """The Forum landing page: the current edition and the manifestos."""
    return render(
        request,
        "forum/index.html",
        {
            "edition": selectors.current_edition(),
            "manifestos": list(selectors.public_manifestos().order_by("-created_at")),
        },
    )


# --- Manifesto -------------------------------------------------------------------------------


def _detail_context(request, manifesto: Manifesto, form=None) -> dict:
    version = manifesto.current_version
    language = request.GET.get("lang", "")[:8]
    translation = selectors.translation_for(version, language)
    led = _led_associations(request.user)
    return {
        "manifesto": manifesto,
        "version": version,
        "translation": translation,
        "languages": selectors.available_languages(version),
        "current_language": translation.language if translation else "it",
        "counters": selectors.signature_counters(manifesto),
        "form": form or SignatureForm(),
        "honeypot_field": HONEYPOT_FIELD,
        "association_form": AssociationSignatureForm(associations=led)
        if manifesto.is_open_for_signature and request.user.is_authenticated
        else None,
        "kind_labels": dict(Signature.Kind.choices),
        "status_labels": dict(Manifesto.Status.choices),
    }


@cache_public_page("forum", "associations", "privacy")
def manifesto_detail(request, slug: str):
    """The current text (or a translation), live counters and the signing form."""
    manifesto = selectors.manifesto_public(slug)
    return render(request, "forum/manifesto_detail.html", _detail_context(request, manifesto))


@require_POST
@ratelimit("forum-sign", "20/m")
def manifesto_sign(request, slug: str):
    """A citizen signs; the answer is the same whoever the e-mail belongs to."""
    manifesto = selectors.manifesto_to_sign(slug)
    done = redirect("forum:sign-done", slug=manifesto.slug)
    if request.POST.get(HONEYPOT_FIELD):
        return done  # a bot: say the usual thing, keep nothing
    form = SignatureForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "forum/manifesto_detail.html",
            _detail_context(request, selectors.manifesto_public(slug), form),
            status=HTTPStatus.BAD_REQUEST,
        )
    data = form.cleaned_data
    # Per address as well as per IP, and silently: a 429 here would tell who tried the address.
    if hit("forum-sign-email", f"{manifesto.pk}:{data['email'].lower()}", EMAIL_RATE):
        try:
            services.signature_request(
                manifesto=manifesto,
                name=data["name"],
                email=data["email"],
                residence_city=data["residence_city"],
                country=data["country"],
                public_listing=data["public_listing"],
                news_opt_in=data["news_opt_in"],
                language=get_language() or "it",
            )
        except ValidationError as error:
            _messages_from(request, error)
            return redirect(manifesto)
    return done


def sign_done(request, slug: str):
    manifesto = selectors.manifesto_public(slug)
    return render(request, "forum/sign_done.html", {"manifesto": manifesto})


@login_required
@require_POST
def association_sign(request, slug: str):
    manifesto = selectors.manifesto_public(slug)
    led = _led_associations(request.user)
    if not led.exists():
        raise PermissionDenied
    form = AssociationSignatureForm(request.POST, associations=led)
    if not form.is_valid():
        messages.error(request, _("Scegli un'associazione di cui sei referente."))
        return redirect(manifesto)
    try:
        services.signature_sign_as_association(
            manifesto=manifesto,
            association=form.cleaned_data["association"],
            actor=request.user,
            public_listing=form.cleaned_data["public_listing"],
        )
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(
            request,
            _("Grazie: «%(name)s» ha firmato il manifesto.")
            % {"name": form.cleaned_data["association"].name},
        )
    return redirect(manifesto)


@staff_member_required
def city_sign(request, slug: str):
    """Staff record a city's signature with the scanned document."""
    manifesto = get_object_or_404(Manifesto, slug=slug)
    form = CitySignatureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.signature_record_city(
                manifesto=manifesto,
                city=form.cleaned_data["city"],
                signatory=form.cleaned_data["signatory"],
                role=form.cleaned_data["role"],
                document=form.cleaned_data["document"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Firma della città registrata."))
            return redirect(manifesto)
    return render(request, "forum/city_sign.html", {"manifesto": manifesto, "form": form})


def signature_confirm(request, token: str):
    """GET shows a button (mail scanners follow links); only POST confirms."""
    if request.method == "POST":
        try:
            signature = services.signature_confirm(token=token)
        except ValidationError as error:
            _messages_from(request, error)
            return render(
                request, "forum/signature_confirm.html", {"signature": None}, status=HTTPStatus.GONE
            )
        messages.success(request, _("Grazie, la tua firma è confermata."))
        return redirect(signature.manifesto)
    signature = services.signature_for_token(token)
    return render(
        request,
        "forum/signature_confirm.html",
        {"signature": signature},
        status=HTTPStatus.OK if signature else HTTPStatus.GONE,
    )


def signature_withdraw(request, token: str):
    """GET asks; POST withdraws the signature and erases its personal data."""
    if request.method == "POST":
        try:
            signature = services.signature_withdraw_by_token(token=token)
        except ValidationError as error:
            _messages_from(request, error)
            return render(
                request, "forum/signature_withdraw.html", {"valid": False}, status=HTTPStatus.GONE
            )
        messages.success(request, _("La tua firma è stata ritirata e i tuoi dati cancellati."))
        return redirect(signature.manifesto)
    valid = Signature.objects.filter(
        withdraw_token_hash=services.token_hash(token) if len(token) <= 100 else "-"
    ).exists()
    return render(
        request,
        "forum/signature_withdraw.html",
        {"valid": valid},
        status=HTTPStatus.OK if valid else HTTPStatus.GONE,
    )


@cache_public_page("forum", "associations")
def signatory_list(request, slug: str):
    """Confirmed signatories who opted in, filterable by kind and country."""
    manifesto = selectors.manifesto_public(slug)
    form = SignatoryFilterForm(request.GET or None)
    kind = country = ""
    if form.is_bound and form.is_valid():
        kind, country = form.cleaned_data["kind"], form.cleaned_data["country"]
    queryset = selectors.public_signatories(manifesto, kind=kind, country=country)
    page = Paginator(queryset, SIGNATORIES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "forum/signatory_list.html",
        {
            "manifesto": manifesto,
            "form": form,
            "page_obj": page,
            "signatures": page.object_list,
            "querystring": urlencode(
                [(k, v) for k, v in (("kind", kind), ("country", country)) if v]
            ),
        },
    )


def _version_number(raw, default: int) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return default


@cache_public_page("forum", "associations")
def version_diff(request, slug: str):
    """What changed between two published versions."""
    manifesto = selectors.manifesto_public(slug)
    versions = list(Version.objects.filter(manifesto=manifesto).order_by("number"))
    by_number = {version.number: version for version in versions}
    latest = versions[-1].number
    new_number = _version_number(request.GET.get("to"), latest)
    old_number = _version_number(request.GET.get("from"), max(new_number - 1, 1))
    old, new = by_number.get(old_number), by_number.get(new_number)
    if old is None or new is None:
        raise Http404
    return render(
        request,
        "forum/version_diff.html",
        {
            "manifesto": manifesto,
            "versions": versions,
            "old": old,
            "new": new,
            "lines": selectors.version_diff(old, new),
        },
    )


@cache_public_page("forum", "associations")
def amendment_list(request, slug: str):
    manifesto = selectors.manifesto_public(slug)
    return render(
        request,
        "forum/amendment_list.html",
        {
            "manifesto": manifesto,
            "amendments": selectors.public_amendments(manifesto),
            "can_propose": manifesto.in_consultation and _led_associations(request.user).exists(),
        },
    )


@login_required
def amendment_create(request, slug: str):
    """A leader proposes an amendment during the consultation."""
    manifesto = selectors.manifesto_public(slug)
    led = _led_associations(request.user)
    if not led.exists():
        raise PermissionDenied
    if not manifesto.in_consultation:
        messages.error(
            request, _("La consultazione è chiusa: non si possono più proporre emendamenti.")
        )
        return redirect("forum:amendment-list", slug=manifesto.slug)
    form = AmendmentForm(request.POST or None, manifesto=manifesto, associations=led)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.amendment_propose(
                manifesto=manifesto,
                article=data["article"],
                association=data["association"],
                actor=request.user,
                kind=data["kind"],
                text=data.get("text", ""),
                rationale=data["rationale"],
                new_title=data.get("new_title", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Emendamento inviato. Il personale lo valuterà e pubblicherà la risposta."),
            )
            return redirect("forum:amendment-list", slug=manifesto.slug)
    return render(request, "forum/amendment_form.html", {"manifesto": manifesto, "form": form})


def manifesto_pdf(request, slug: str):
    """The cached PDF if it is ready; otherwise queue the task and say "retry shortly"."""
    from .tasks import build_manifesto_pdf, pdf_fingerprint

    manifesto = selectors.manifesto_public(slug)
    translation = selectors.translation_for(
        manifesto.current_version, request.GET.get("lang", "")[:8]
    )
    language = translation.language if translation else "it"
    fingerprint = pdf_fingerprint(manifesto, translation)
    ready = ManifestoPdf.objects.filter(
        manifesto=manifesto, language=language, fingerprint=fingerprint
    ).first()
    if ready is not None and ready.file:
        response = FileResponse(
            ready.file.open("rb"),
            content_type="application/pdf",
            filename=f"{manifesto.slug}-{language}.pdf",
        )
        response["Content-Disposition"] = f'inline; filename="{manifesto.slug}-{language}.pdf"'
        return response
    # One task per state of the text: a crowd of readers queues it once.
    if cache.add(f"forum-pdf-queued:{manifesto.pk}:{language}:{fingerprint}", 1, timeout=300):
        transaction.on_commit(
            lambda: build_manifesto_pdf.delay(manifesto.pk, language, fingerprint)
        )
    return render(
        request,
        "forum/pdf_pending.html",
        {"manifesto": manifesto, "retry_url": request.get_full_path()},
        status=HTTPStatus.ACCEPTED,
    )


# --- Forum -----------------------------------------------------------------------------------


@cache_public_page("forum", "associations", "privacy")
def edition_detail(request, slug: str, form=None, status=HTTPStatus.OK):
    edition = selectors.edition_public(slug)
    return render(
        request,
        "forum/edition_detail.html",
        {
            "edition": edition,
            "registration_form": form or RegistrationForm(),
            "seats_left": selectors.seats_left(edition),
            "programme": list(selectors.edition_programme(edition)),
            "cities": selectors.edition_city_rows(edition),
            "can_register": edition.status == ForumEdition.Status.PUBLISHED
            and _led_associations(request.user).exists(),
        },
        status=status,
    )


@require_POST
@ratelimit("forum-register", "10/m")
def registration_create(request, slug: str):
    """A citizen registers for the Forum (a seat or the waiting list)."""
    edition = selectors.edition_public(slug)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return edition_detail(request, slug, form=form, status=HTTPStatus.BAD_REQUEST)
    try:
        services.registration_create(
            edition=edition,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            language=get_language() or "it",
        )
    except ValidationError as error:
        _messages_from(request, error)
        return redirect(edition)
    return render(request, "forum/registration_done.html", {"edition": edition})


def registration_cancel(request, token: str):
    """GET asks; POST cancels the registration and gives the seat to the first in line."""
    if request.method == "POST":
        try:
            registration = services.registration_cancel(token=token)
        except ValidationError as error:
            _messages_from(request, error)
            return render(
                request, "forum/registration_cancel.html", {"valid": False}, status=HTTPStatus.GONE
            )
        messages.success(request, _("Iscrizione annullata. Grazie di averci avvisato."))
        return redirect(registration.edition)
    valid = selectors.registration_for_cancel_token(token) is not None
    return render(
        request,
        "forum/registration_cancel.html",
        {"valid": valid},
        status=HTTPStatus.OK if valid else HTTPStatus.GONE,
    )


def edition_ical(request, slug: str):
    edition = selectors.edition_public(slug)
    url = request.build_absolute_uri(edition.get_absolute_url())
    return calendar_response(
        name=edition.title,
        filename=f"forum-{edition.slug}",
        events=[
            CalendarEvent(
                uid=f"forum-programme-{item.pk}",
                start=item.starts_at,
                end=item.ends_at,
                title=item.title,
                location=", ".join(part for part in (item.room, edition.venue) if part),
                description="\n".join(part for part in (item.speakers, item.languages) if part),
                url=url,
            )
            for item in selectors.edition_programme(edition)
        ],
    )


@login_required
def delegation_create(request, slug: str):
    """A leader registers the delegation of a city of origin of their communities."""
    edition = selectors.edition_public(slug)
    led = _led_associations(request.user)
    if not led.exists():
        raise PermissionDenied
    cities = City.objects.filter(communities__associations__in=led).distinct().order_by("name")
    form = DelegationForm(request.POST or None, associations=led, cities=cities)
    if request.method == "POST" and form.is_valid():
        try:
            services.delegation_register(
                edition=edition,
                city=form.cleaned_data["city"],
                association=form.cleaned_data["association"],
                actor=request.user,
                data=form.delegation_data(),
                members=form.cleaned_data["members"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Delegazione registrata. Il personale la confermerà a breve.")
            )
            return redirect(edition)
    return render(request, "forum/delegation_form.html", {"edition": edition, "form": form})


@staff_member_required
def delegation_letter(request, pk: int):
    """The invitation letter of a delegation (for visas), for staff."""
    delegation = get_object_or_404(
        Delegation.objects.select_related("edition", "city").prefetch_related("members"), pk=pk
    )
    pdf = render_pdf(
        "forum/invitation_letter_pdf.html",
        {
            "delegation": delegation,
            "edition": delegation.edition,
            "today": timezone.localdate(),
            "PORTAL": settings.PORTAL,
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lettera-invito-{delegation.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_member_required
def edition_badges(request, slug: str):
    """Badges of the confirmed delegations' members, for staff to print."""
    edition = get_object_or_404(ForumEdition, slug=slug)
    badges = []
    for delegation in selectors.confirmed_delegations(edition):
        badges.append((delegation.head_name, delegation.head_role, delegation.city.name))
        badges.extend(
            (member.name, member.role, delegation.city.name) for member in delegation.members.all()
        )
    pdf = render_pdf("forum/badges_pdf.html", {"edition": edition, "badges": badges})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badge-{edition.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
