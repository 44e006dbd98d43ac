"""Certificate PDFs (with a QR code to the public verification page) and their ZIP."""

from __future__ import annotations

import io
import zipfile

import segno
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe

from mondinsieme.pdf import render_pdf

from .models import Certificate, Course

#: Up to this many certificates the ZIP is built during the request (about 0.25 s per PDF);
#: above it a Celery task builds it and e-mails the staff member a download link.
ZIP_SYNC_LIMIT = 20

#: Where the Celery task keeps built ZIPs (default storage; served only by a staff view).
ZIP_FOLDER = "training/zips"


def zip_storage_name(course: Course, token: str) -> str:
    """The storage path of a ZIP built in the background for ``course``."""
    return f"{ZIP_FOLDER}/{course.slug}-{token}.zip"


#: Quiet zone around the QR code, in modules (the minimum the standard asks for).
QR_BORDER = 4


def verification_url(certificate: Certificate) -> str:
    """The absolute public URL that the QR code and the PDF point to."""
    return settings.PORTAL.get("BASE_URL", "").rstrip("/") + certificate.get_verify_url()


def certificate_pdf(certificate: Certificate, *, language: str = "it") -> bytes:
    """The certificate as PDF, with a vector QR code that points to the verification page."""
    enrolment = certificate.enrolment
    url = verification_url(certificate)
    qr = segno.make(url, error="m")
    course = enrolment.course
    sessions = list(course.sessions.order_by("starts_at"))
    with translation.override(language):
        return render_pdf(
            "training/certificate_pdf.html",
            {
                "certificate": certificate,
                "participant": enrolment.participant,
                "association": enrolment.association,
                "course": course,
                "first_session": sessions[0] if sessions else None,
                "last_session": sessions[-1] if sessions else None,
                "verify_url": url,
                # Inline SVG: the PDF URL fetcher refuses data: URIs as well as remote URLs.
                "qr_svg": mark_safe(qr.svg_inline(border=QR_BORDER, omitsize=True)),
                "PORTAL": settings.PORTAL,
            },
        )


def certificates_zip(course: Course) -> bytes:
    """All valid certificates of a course as one ZIP of PDFs."""
    certificates = Certificate.objects.filter(
        enrolment__course=course, revoked_at__isnull=True
    ).select_related("enrolment__participant", "enrolment__association", "enrolment__course")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            archive.writestr(f"{course.slug}-{certificate.code}.pdf", certificate_pdf(certificate))
    return buffer.getvalue()
