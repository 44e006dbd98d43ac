"""The shape of the dashboard report: sections of figures and tables, shared by page, PDF, XLSX."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import formats
from django_countries.fields import Country

from . import charts


@dataclass(frozen=True)
class Filters:
    """What the staff member asked for: a calendar year and a country (ISO code), both optional."""

    year: int | None = None
    country: str = ""

    @property
    def country_name(self) -> str:
        return str(Country(self.country).name) if self.country else ""


@dataclass
class Figure:
    label: str
    value: int | Decimal | None


def cell_text(value) -> str:
    """A table cell in the active language (numbers grouped, dates localised)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=2, force_grouping=True)
    if isinstance(value, int | float):
        return formats.number_format(value, force_grouping=True)
    if isinstance(value, datetime | date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


@dataclass
class Table:
    """A table whose first column heads each row (``scope="row"``)."""

    caption: str
    headers: list[str]
    rows: list[list]

    @property
    def display_rows(self) -> list[tuple[str, list[str]]]:
        # A whole number heading a row is a year: 2025, never "2.025".
        return [
            (
                str(row[0]) if isinstance(row[0], int) else cell_text(row[0]),
                [cell_text(c) for c in row[1:]],
            )
            for row in self.rows
        ]


@dataclass
class Block:
    """One indicator: a heading, an optional chart, the table with its numbers, a note."""

    slug: str
    title: str
    table: Table
    chart: charts.Chart | None = None
    note: str = ""


@dataclass
class Section:
    """One objective of the programme."""

    number: int
    title: str
    figures: list[Figure] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    # What "country" means for this objective's figures (documented in docs/programme.md).
    country_rule: str = ""
    year_rule: str = ""

    @property
    def slug(self) -> str:
        return f"obiettivo-{self.number}"


@dataclass
class Report:
    filters: Filters
    generated_at: datetime
    sections: list[Section]
