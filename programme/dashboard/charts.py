"""Geometry of the dashboard's server-rendered SVG charts: any scale, one or more series.

Pure functions, no database: the templates draw what these compute (presentation attributes
only, the CSP refuses ``style=""``). Every chart is followed on the page by a table of the same
numbers, so labels here may be shortened.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format

WIDTH = 640
# Colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by the legend too.
PALETTE = ("#0066cc", "#a35200", "#00775c", "#5c2d91")
LABEL_CHARS = 26  # longer category labels are cut with "…" (the table has them whole)

Number = int | float | Decimal | None


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number]


@dataclass
class Tick:
    value: float
    label: str
    position: float  # x for a bar chart's vertical grid, y for a line chart's horizontal grid


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    value_label: str
    label_x: float
    label_y: float


@dataclass
class Label:
    x: float
    y: float
    text: str
    full_text: str


@dataclass
class Dot:
    x: float
    y: float
    value_label: str


@dataclass
class Line:
    colour: str
    points: str
    dots: list[Dot] = field(default_factory=list)


@dataclass
class LegendItem:
    x: float
    y: float
    colour: str
    name: str

    @property
    def text_x(self) -> float:
        return self.x + 18

    @property
    def text_y(self) -> float:
        return self.y + 11


@dataclass
class Chart:
    kind: str
    width: int
    height: int
    empty: bool
    ticks: list[Tick] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    show_values: bool = True  # value labels next to bars or above dots
    # The plot area: axes and grid lines are drawn along its edges.
    left: float = 0
    right: float = 0
    top: float = 0
    bottom: float = 0

    @property
    def centre(self) -> float:
        return self.width / 2

    @property
    def tick_label_y(self) -> float:
        """Where a bar chart writes its scale, under the plot."""
        return self.bottom + 16

    @property
    def tick_label_x(self) -> float:
        """Where a line chart writes its scale, left of the plot."""
        return self.left - 6

    @property
    def empty_y(self) -> float:
        return self.top + 24


def format_number(value: float) -> str:
    """A tick or bar label in the active locale: grouped thousands, decimals only when needed."""
    decimals = 0 if float(value).is_integer() else 1
    return number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)


def nice_ticks(maximum: float, *, count: int = 5) -> list[float]:
    """Round grid values from 0 to at least ``maximum`` in steps of 1, 2 or 5 × 10ⁿ (≥ 1)."""
    if maximum <= 0 or math.isnan(maximum):
        return [0.0, 1.0]
    raw = maximum / (count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    # Counts are whole numbers: a 0.5 grid line would be a value nobody can have.
    step = max(step, 1.0)
    steps = math.ceil(maximum / step - 1e-9)
    return [round(i * step, 6) for i in range(steps + 1)]


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _values(series: Sequence[Series]) -> list[float]:
    return [float(v) for s in series for v in s.values if v is not None]


def _legend(series: Sequence[Series], *, x: float, y: float) -> list[LegendItem]:
    if len(series) < 2:
        return []
    items, cursor = [], x
    for index, one in enumerate(series):
        items.append(LegendItem(x=cursor, y=y, colour=PALETTE[index % len(PALETTE)], name=one.name))
        # Room for the swatch and the name (about 6.5 units per character at font-size 12).
        cursor += 24 + 6.5 * len(one.name)
    return items


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    fmt: Callable[[float], str] = format_number,
) -> Chart:
    """Horizontal bars, one group per category and one bar per series: long labels fit."""
    bar, gap, label_width, value_room = 16, 12, 190, 70
    top = 14 + (22 if len(series) > 1 else 0)
    group = bar * max(len(series), 1) + gap
    plot_bottom = top + group * max(len(categories), 1)
    chart = Chart(
        kind="bar",
        width=WIDTH,
        height=int(plot_bottom + 28),
        empty=not any(_values(series)),
        left=label_width,
        right=WIDTH - value_room,
        top=top,
        bottom=plot_bottom,
    )
    chart.legend = _legend(series, x=label_width, y=8)
    ticks = nice_ticks(max(_values(series), default=0))
    span = chart.right - chart.left
    chart.ticks = [
        Tick(value=t, label=fmt(t), position=round(chart.left + span * t / ticks[-1], 1))
        for t in ticks
    ]
    for row, category in enumerate(categories):
        group_top = top + row * group + gap / 2
        chart.labels.append(
            Label(
                x=label_width - 8,
                y=round(group_top + bar * len(series) / 2 + 4, 1),
                text=shorten(category),
                full_text=str(category),
            )
        )
        for index, one in enumerate(series):
            value = one.values[row] if row < len(one.values) else None
            length = span * float(value or 0) / ticks[-1]
            y = group_top + index * bar
            chart.bars.append(
                Bar(
                    x=chart.left,
                    y=round(y, 1),
                    width=round(length, 1),
                    height=bar - 2,
                    colour=PALETTE[index % len(PALETTE)],
                    value_label="–" if value is None else fmt(float(value)),
                    label_x=round(chart.left + length + 4, 1),
                    label_y=round(y + bar - 5, 1),
                )
            )
    return chart


def line_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    fmt: Callable[[float], str] = format_number,
) -> Chart:
    """One line per series over ordered categories (years, months), a dot on each value."""
    height, left, right_room, bottom_room = 260, 56, 16, 30
    top = 16 + (22 if len(series) > 1 else 0)
    chart = Chart(
        kind="line",
        width=WIDTH,
        height=height,
        empty=not any(_values(series)),
        left=left,
        right=WIDTH - right_room,
        top=top,
        bottom=height - bottom_room,
    )
    chart.legend = _legend(series, x=left, y=8)
    ticks = nice_ticks(max(_values(series), default=0))
    plot = chart.bottom - chart.top

    def y_of(value: float) -> float:
        return round(chart.bottom - plot * value / ticks[-1], 1)

    chart.ticks = [Tick(value=t, label=fmt(t), position=y_of(t)) for t in ticks]
    slots = max(len(categories), 1)
    slot = (chart.right - chart.left) / slots
    xs = [round(chart.left + slot * i + slot / 2, 1) for i in range(len(categories))]
    # One label in every ``every`` so that they never overlap (about 7 units per character).
    widest = max((len(str(c)) for c in categories), default=1) * 7 + 6
    every = max(1, math.ceil(widest / slot))
    chart.labels = [
        Label(x=x, y=height - 10, text=str(c), full_text=str(c))
        for i, (x, c) in enumerate(zip(xs, categories, strict=True))
        if i % every == 0
    ]
    for index, one in enumerate(series):
        dots = [
            Dot(x=x, y=y_of(float(value)), value_label=fmt(float(value)))
            for x, value in zip(xs, one.values, strict=False)
            if value is not None
        ]
        chart.lines.append(
            Line(
                colour=PALETTE[index % len(PALETTE)],
                points=" ".join(f"{dot.x},{dot.y}" for dot in dots),
                dots=dots,
            )
        )
    # Numbers above the dots only where they cannot collide (the table has all of them).
    chart.show_values = len(series) == 1 and len(categories) <= 12
    return chart
