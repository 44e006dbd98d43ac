"""Background work: the cached PDF of a manifesto and the purge of unconfirmed signatures."""

from __future__ import annotations

import hashlib

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import translation as django_translation
from django.utils.translation import gettext as _
from django_countries.fields import Country

from .models import Manifesto, ManifestoPdf, Translation


def pdf_fingerprint(manifesto: Manifesto, translation: Translation | None) -> str:
    """Changes whenever the text, the translation or the confirmed signatures change.

    A version never changes, but the manifesto's title and a translation can be corrected in
    the admin: a digest of what the PDF shows of them is part of the key."""
    editable = [manifesto.title]
    if translation is not None:
        editable += [translation.title, translation.body]
    digest = hashlib.sha256("\x00".join(editable).encode()).hexdigest()[:12]
    return "v{}-t{}-s{}-{}".format(
        manifesto.current_version_id,
        translation.pk if translation else 0,
        manifesto.signatures_changed_at.strftime("%Y%m%d%H%M%S%f"),
        digest,
    )


#: Names per paragraph of the PDF. One paragraph of every name made WeasyPrint's line breaking
#: grow worse than linearly (50,000 names: 148 s); fixed-size blocks keep the time linear.
NAMES_PER_BLOCK = 100


def citizen_groups(rows: list[tuple]) -> list[dict]:
    """Citizens grouped by country (named countries alphabetically, unknown last), each group
    in blocks of NAMES_PER_BLOCK names."""
    by_country: dict[str, list[str]] = {}
    for _kind, name, _role, country in rows:
        by_country.setdefault(country or "", []).append(name)
    groups = []
    for code, names in by_country.items():
        groups.append(
            {
                "code": code,
                "country": str(Country(code).name) if code else _("Paese non indicato"),
                "count": len(names),
                "blocks": [
                    names[i : i + NAMES_PER_BLOCK] for i in range(0, len(names), NAMES_PER_BLOCK)
                ],
            }
        )
    return sorted(groups, key=lambda group: (not group["code"], group["country"]))


@shared_task
def build_manifesto_pdf(manifesto_id: int, language: str, fingerprint: str) -> int | None:
    """Render the manifesto PDF for one state of text and signatures (idempotent)."""
    from mondinsieme.pdf import render_pdf

    from . import selectors

    manifesto = Manifesto.objects.select_related("current_version").filter(pk=manifesto_id).first()
    if manifesto is None or manifesto.current_version is None:
        return None
    translation = selectors.translation_for(manifesto.current_version, language)
    if pdf_fingerprint(manifesto, translation) != fingerprint:
        return None  # the state changed since the request: a fresher request will queue again
    existing = ManifestoPdf.objects.filter(
        manifesto=manifesto, language=language, fingerprint=fingerprint
    ).first()
    if existing is not None:
        return existing.pk
    signatories = list(
        selectors.public_signatories(manifesto).values_list("kind", "name", "role", "country")
    )
    with django_translation.override("it"):
        pdf = render_pdf(
            "forum/manifesto_pdf.html",
            {
                "manifesto": manifesto,
                "version": manifesto.current_version,
                "translation": translation,
                "counters": selectors.signature_counters(manifesto),
                "institutions": [row for row in signatories if row[0] != "citizen"],
                "citizen_groups": citizen_groups(
                    [row for row in signatories if row[0] == "citizen"]
                ),
            },
        )
    try:
        with transaction.atomic():
            document = ManifestoPdf(manifesto=manifesto, language=language, fingerprint=fingerprint)
            document.file.save(f"{manifesto.slug}.pdf", ContentFile(pdf), save=False)
            document.save()
    except IntegrityError:
        return None  # built twice at once: the other copy stays
    # Older copies are stale for good.
    for stale in ManifestoPdf.objects.filter(manifesto=manifesto, language=language).exclude(
        pk=document.pk
    ):
        stale.file.delete(save=False)
        stale.delete()
    return document.pk


@shared_task
def purge_unconfirmed_signatures() -> int:
    """Delete signatures left unconfirmed for 30 days."""
    from .services import signatures_purge_unconfirmed

    return signatures_purge_unconfirmed()
