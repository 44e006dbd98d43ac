"""Geometry of the server-rendered SVG charts (0–100 scores over the years)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 320
HEIGHT = 160
LEFT = 34  # room for the 0–100 axis labels
RIGHT = 10
TOP = 12
BOTTOM = 26  # room for the year labels
GRID = (0, 25, 50, 75, 100)


@dataclass
class Bar:
    label: str
    value: float | None
    x: float
    y: float
    width: float
    height: float
    label_x: float


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    points: str = ""  # the polyline of a line chart
    dots: list[Bar] = field(default_factory=list)
    labels: list[Bar] = field(default_factory=list)
    grid: list[tuple[int, float]] = field(default_factory=list)
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    baseline: float = HEIGHT - BOTTOM
    year_label_y: float = HEIGHT - 8


def _y(value: float) -> float:
    plot = HEIGHT - TOP - BOTTOM
    return round(TOP + plot * (1 - value / 100), 1)


def _grid() -> list[tuple[int, float]]:
    return [(value, _y(value)) for value in GRID]


def bar_chart(series: list[tuple[str, int | Decimal | None]]) -> Chart:
    """One bar per (label, value); a missing value leaves a gap with its label."""
    chart = Chart(grid=_grid())
    if not series:
        return chart
    slot = (WIDTH - LEFT - RIGHT) / len(series)
    width = min(40.0, slot * 0.6)
    for index, (label, value) in enumerate(series):
        centre = LEFT + slot * index + slot / 2
        top = _y(float(value)) if value is not None else chart.baseline
        chart.bars.append(
            Bar(
                label=label,
                value=float(value) if value is not None else None,
                x=round(centre - width / 2, 1),
                y=top,
                width=round(width, 1),
                height=round(chart.baseline - top, 1),
                label_x=round(centre, 1),
            )
        )
    return chart


def line_chart(series: list[tuple[str, int | Decimal | None]]) -> Chart:
    """A line through (label, value) points, with a dot on each one."""
    chart = bar_chart(series)
    chart.labels, chart.bars = chart.bars, []
    chart.dots = [bar for bar in chart.labels if bar.value is not None]
    chart.points = " ".join(f"{bar.label_x},{bar.y}" for bar in chart.dots)
    return chart
