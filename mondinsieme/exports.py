"""CSV and XLSX exports for staff lists (admin actions and staff views share this)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> str | int | float:
    """Neutralise spreadsheet formulas (CSV injection) and turn values into plain cells."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_response(
    *, headers: Sequence[str], rows: Iterable[Sequence], filename: str, fmt: str
) -> HttpResponse:
    """An attachment with ``rows`` as CSV (UTF-8 with BOM, for Excel) or XLSX."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(filename[:31])
        sheet.append([str(header) for header in headers])
        for row in rows:
            sheet.append([_safe(cell) for cell in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(header) for header in headers])
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    return response
