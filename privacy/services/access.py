"""The access log: one row each time someone opens or exports a list of personal data."""

from __future__ import annotations

from ..models import AccessLog


def access_log_record(
    *,
    user,
    kind: str,
    what: str,
    path: str,
    query: str = "",
    object_id: str = "",
    row_count: int | None = None,
    ip: str | None = None,
) -> AccessLog:
    """Write one access-log row."""
    return AccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        kind=kind,
        what=what[:120],
        object_id=object_id[:64],
        path=path[:300],
        query=query[:1000],
        row_count=row_count,
        ip=ip,
    )
