"""'Scarica i miei dati': a ZIP built by a task, stored privately, downloadable for a few days."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mondinsieme.emails import email_queue

from ..models import DataExport
from ..registry import hooks

TOKEN_SALT = "privacy.data-export"  # noqa: S105 (a signing namespace, not a secret)
# One request at a time is plenty: a new one while the last is being built is refused.
REQUEST_INTERVAL = timedelta(minutes=10)


def _valid_for() -> timedelta:
    return timedelta(days=settings.PRIVACY_EXPORT_VALID_DAYS)


def data_export_token(export: DataExport) -> str:
    """The signed token of the download link (it also expires on its own)."""
    return signing.dumps({"export": export.pk, "user": export.user_id}, salt=TOKEN_SALT)


def data_export_for_token(token: str, *, user) -> DataExport | None:
    """The ready, unexpired export a link points to, only for the user it belongs to."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=_valid_for().total_seconds())
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("user") != user.pk:
        return None
    export = DataExport.objects.filter(
        pk=payload.get("export"), user=user, status=DataExport.Status.READY
    ).first()
    if export is None or export.is_expired or not export.file:
        return None
    return export


def data_export_request(*, user) -> DataExport:
    """A logged-in user asks for a copy of their data; a task builds it after commit."""
    from django.core.exceptions import ValidationError

    from ..tasks import data_export_build_task

    recent = DataExport.objects.filter(
        user=user,
        status=DataExport.Status.PENDING,
        requested_at__gte=timezone.now() - REQUEST_INTERVAL,
    ).exists()
    if recent:
        raise ValidationError(
            _("Stiamo già preparando la copia dei tuoi dati: ti scriviamo appena è pronta."),
            code="pending",
        )
    with transaction.atomic():
        export = DataExport.objects.create(user=user)
        transaction.on_commit(lambda: data_export_build_task.delay(export.pk))
    return export


def _archive(user) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        index = {"generated_at": timezone.now(), "user_id": user.pk, "apps": []}
        for label, module in hooks():
            data = dict(module.export(user) or {})
            files = data.pop("_files", [])
            index["apps"].append(label)
            archive.writestr(
                f"{label}.json",
                json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            for position, field_file in enumerate(files, start=1):
                if not field_file:
                    continue
                name = PurePosixPath(field_file.name).name
                try:
                    with field_file.open("rb") as handle:
                        archive.writestr(f"files/{label}/{position:03d}-{name}", handle.read())
                except FileNotFoundError:
                    continue  # the row survives a file lost on disk: the JSON still says so
        archive.writestr(
            "index.json", json.dumps(index, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
    return buffer.getvalue()


def data_export_build(*, export_id: int) -> DataExport | None:
    """Build the ZIP of one request and e-mail the link (safe to run twice)."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status == DataExport.Status.READY:
        return export
    content = _archive(export.user)
    now = timezone.now()
    export.file.save("export.zip", ContentFile(content), save=False)
    export.size = len(content)
    export.status = DataExport.Status.READY
    export.ready_at = now
    export.expires_at = now + _valid_for()
    export.save(update_fields=["file", "size", "status", "ready_at", "expires_at"])
    language = export.user.preferred_language or "it"
    with translation.override(language):
        path = reverse("privacy:export-download", kwargs={"token": data_export_token(export)})
    with transaction.atomic():
        email_queue(
            key=f"privacy-export-ready:{export.pk}",
            to=export.user.email,
            template="privacy/export_ready",
            context={
                "url": settings.PORTAL["BASE_URL"].rstrip("/") + path,
                "expires_at": export.expires_at,
                "days": settings.PRIVACY_EXPORT_VALID_DAYS,
            },
            language=language,
        )
    return export


def data_exports_purge(*, before=None, dry_run: bool = False) -> int:
    """Delete the archives whose link has expired (before ``before``), files included."""
    before = before or timezone.now()
    expired = DataExport.objects.filter(expires_at__lte=before)
    count = expired.count()
    if not dry_run:
        for export in expired:
            if export.file:
                export.file.delete(save=False)
            export.delete()
    return count
