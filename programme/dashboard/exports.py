"""The dashboard report as a workbook: a cover sheet with the filters, one sheet per objective."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from mondinsieme.exports import _safe

from .report import Report

SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _cell(value):
    # Numbers stay numbers (sums work in the spreadsheet); text is neutralised against formulas.
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value
    return _safe(value)


def sheet_name(number: int, title: str) -> str:
    """A valid, unique worksheet name (31 characters at most, no []:*?/\\)."""
    return SHEET_NAME_FORBIDDEN.sub(" ", f"{number}. {title}")[:31]


def report_workbook(report: Report) -> bytes:
    """The XLSX file of ``report``: same figures and tables as the page."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    workbook = Workbook()
    cover = workbook.active
    cover.title = _("Filtri")
    cover.append([_("Cruscotto del programma")])
    cover["A1"].font = bold
    cover.append([_("Generato il"), timezone.localtime(report.generated_at).replace(tzinfo=None)])
    cover.append([_("Anno"), report.filters.year or _("tutti gli anni")])
    cover.append([_("Paese di origine"), report.filters.country_name or _("tutti i paesi")])
    for section in report.sections:
        sheet = workbook.create_sheet(sheet_name(section.number, section.title))
        heading = _("Obiettivo %(n)s: %(title)s") % {"n": section.number, "title": section.title}
        sheet.append([heading])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for figure in section.figures:
            sheet.append([_cell(figure.label), _cell(figure.value)])
        sheet.append([_("Anno"), _cell(section.year_rule)])
        sheet.append([_("Paese"), _cell(section.country_rule)])
        for block in section.blocks:
            sheet.append([])
            sheet.append([_cell(block.table.caption)])
            sheet.cell(row=sheet.max_row, column=1).font = bold
            sheet.append([_cell(str(header)) for header in block.table.headers])
            for column in range(1, len(block.table.headers) + 1):
                sheet.cell(row=sheet.max_row, column=column).font = bold
            for row in block.table.rows:
                sheet.append([_cell(value) for value in row])
            if block.note:
                sheet.append([_cell(block.note)])
        sheet.column_dimensions["A"].width = 45
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
