"""Background work of the privacy app: data exports and the nightly retention job."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="privacy.tasks.data_export_build")
def data_export_build_task(export_id: int) -> str:
    """Build one 'download my data' archive and e-mail its link (idempotent)."""
    from .services import data_export_build

    export = data_export_build(export_id=export_id)
    return export.status if export is not None else "missing"


@shared_task(name="privacy.tasks.retention_apply")
def retention_apply() -> dict[str, int]:
    """Apply every active retention rule (beat runs it nightly)."""
    from .services import retention_apply as apply

    return apply()
