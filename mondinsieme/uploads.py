"""Uploaded documents: size limit, content check (not just the extension), generated names,
served as attachments only to whoever the calling view has authorised."""

from __future__ import annotations

import mimetypes
import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# The first bytes every file of a type starts with: a renamed executable is refused.
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "webp": (b"RIFF",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "zip": (b"PK\x03\x04",),
    "csv": (),
    "txt": (),
}
DOCUMENT_EXTENSIONS = ("pdf", "png", "jpg", "jpeg", "docx", "xlsx", "odt", "ods")


def validate_document(
    upload,
    *,
    extensions: tuple[str, ...] = DOCUMENT_EXTENSIONS,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> None:
    """Refuse a file that is too big, of a type not allowed, or whose content does not match."""
    extension = Path(upload.name).suffix.lower().lstrip(".")
    if extension not in extensions:
        raise ValidationError(
            _("Formato non accettato. Carica un file %(formats)s.")
            % {"formats": ", ".join(e.upper() for e in extensions)},
            code="extension",
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("Il file pesa %(size)s: il massimo è %(max)s. Riduci il file e riprova.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_big",
        )
    signatures = _SIGNATURES.get(extension, ())
    if signatures:
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not any(head.startswith(signature) for signature in signatures):
            raise ValidationError(
                _("Il contenuto del file non corrisponde a un %(format)s. Controlla il file.")
                % {"format": extension.upper()},
                code="content_mismatch",
            )
    elif extension in ("csv", "txt"):
        upload.seek(0)
        head = upload.read(4096)
        upload.seek(0)
        if b"\x00" in head:
            raise ValidationError(
                _("Il file non è un testo: carica un file CSV o TXT."), code="content_mismatch"
            )


@deconstructible
class GeneratedName:
    """``upload_to=GeneratedName("twinning/documents")``: ``<prefix>/<uuid>.<ext>``, never the
    name the user gave the file (migrations can serialise it)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        extension = Path(filename).suffix.lower()[:10]
        return f"{self.prefix}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other) -> bool:
        return isinstance(other, GeneratedName) and other.prefix == self.prefix


def attachment_response(field_file, *, download_name: str) -> FileResponse:
    """Serve a stored file as an attachment (the caller has already checked permission)."""
    content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=download_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
