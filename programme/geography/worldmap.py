"""The offline world map: one projection for countries and cities, and the SVG geometry to draw.

The country outlines are Natural Earth 1:110m (npm ``world-atlas``), projected once by
``scripts/build_world_map.py`` with :func:`project` below and vendored in ``programme/data/``.
City points are projected at run time by the same function, so they land on the same drawing.
Nothing is fetched at run time.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "world-110m.json"

WIDTH = 960.0
# Antarctica is left out and the drawing stops at 60°S: no link of the programme goes there.
NORTH = 84.0
SOUTH = -60.0


def _natural_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """Natural Earth I (Šavrič, Patterson, Jenny 2011), as d3-geo's geoNaturalEarth1; radians."""
    phi2 = latitude * latitude
    phi4 = phi2 * phi2
    x = longitude * (
        0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = latitude * (
        1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    )
    return x, y


SCALE = WIDTH / (2 * _natural_earth(math.pi, 0.0)[0])
_TOP = _natural_earth(0.0, math.radians(NORTH))[1] * SCALE
HEIGHT = round(_TOP - _natural_earth(0.0, math.radians(SOUTH))[1] * SCALE, 1)


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """The point (x to the right, y downwards) of a place in the map's 960-wide drawing."""
    longitude = float(longitude)
    if not -180.0 <= longitude <= 180.0:
        longitude = (longitude + 180.0) % 360.0 - 180.0
    return project_unwrapped(latitude, longitude)


def project_unwrapped(latitude: float, longitude: float) -> tuple[float, float]:
    """As project(), but a longitude past ±180 stays there (off the drawing's edge)."""
    latitude = max(-90.0, min(90.0, float(latitude)))
    x, y = _natural_earth(math.radians(float(longitude)), math.radians(latitude))
    return WIDTH / 2 + x * SCALE, _TOP - y * SCALE


# ---- the vendored geometry ---------------------------------------------------------------------


@dataclass(frozen=True)
class CountryShape:
    code: str  # ISO 3166-1 alpha-2, "" for territories without one (Kosovo, N. Cyprus...)
    name: str
    d: str  # SVG path data in the drawing's coordinates
    bbox: tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class World:
    width: float
    height: float
    source: str
    countries: tuple[CountryShape, ...]
    by_code: dict[str, CountryShape] = field(hash=False, compare=False)


@functools.cache
def world() -> World:
    """The vendored country outlines, read once per process."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    shapes = tuple(
        CountryShape(code=c["code"], name=c["name"], d=c["d"], bbox=tuple(c["bbox"]))
        for c in data["countries"]
    )
    return World(
        width=data["width"],
        height=data["height"],
        source=data["source"],
        countries=shapes,
        by_code={shape.code: shape for shape in shapes if shape.code},
    )


# ---- drawing helpers ---------------------------------------------------------------------------

Box = tuple[float, float, float, float]


def view_box(
    points: list[tuple[float, float]], boxes: list[Box], *, min_width: float = 120.0
) -> Box:
    """A viewBox (x, y, width, height) around boxes and points, padded, in the map's 2:1 shape."""
    xs = [p[0] for p in points] + [b[0] for b in boxes] + [b[2] for b in boxes]
    ys = [p[1] for p in points] + [b[1] for b in boxes] + [b[3] for b in boxes]
    if not xs:
        return 0.0, 0.0, WIDTH, HEIGHT
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    ratio = WIDTH / HEIGHT
    width = max(x1 - x0, (y1 - y0) * ratio, min_width) * 1.3
    height = width / ratio
    if width >= WIDTH or height >= HEIGHT:
        return 0.0, 0.0, WIDTH, HEIGHT
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    left = min(max(cx - width / 2, 0.0), WIDTH - width)
    top = min(max(cy - height / 2, 0.0), HEIGHT - height)
    return round(left, 1), round(top, 1), round(width, 1), round(height, 1)


def arc(start: tuple[float, float], end: tuple[float, float]) -> str:
    """A gentle curve from start to end (bulging to the left of the direction of travel)."""
    (x0, y0), (x1, y1) = start, end
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, y1 - y0
    # The bend grows with the distance: short links stay almost straight.
    cx, cy = mx + dy * 0.2, my - dx * 0.2
    return f"M{x0:.1f} {y0:.1f}Q{cx:.1f} {cy:.1f} {x1:.1f} {y1:.1f}"


def marker(shape: str, x: float, y: float, size: float) -> str:
    """SVG path data of a marker centred on (x, y); size is its half-width."""
    s = size
    if shape == "circle":
        return (
            f"M{x - s:.2f} {y:.2f}a{s:.2f} {s:.2f} 0 1 0 {2 * s:.2f} 0"
            f"a{s:.2f} {s:.2f} 0 1 0 {-2 * s:.2f} 0z"
        )
    if shape == "square":
        s *= 0.9
        return f"M{x - s:.2f} {y - s:.2f}h{2 * s:.2f}v{2 * s:.2f}h{-2 * s:.2f}z"
    if shape == "diamond":
        s *= 1.25
        return f"M{x:.2f} {y - s:.2f}L{x + s:.2f} {y:.2f}L{x:.2f} {y + s:.2f}L{x - s:.2f} {y:.2f}z"
    if shape == "triangle":
        s *= 1.2
        return f"M{x:.2f} {y - s:.2f}L{x + s:.2f} {y + s * 0.8:.2f}L{x - s:.2f} {y + s * 0.8:.2f}z"
    if shape == "star":
        points = []
        for index in range(10):
            radius = s * (1.6 if index % 2 == 0 else 0.7)
            angle = math.pi / 5 * index - math.pi / 2
            points.append(f"{x + radius * math.cos(angle):.2f} {y + radius * math.sin(angle):.2f}")
        return "M" + "L".join(points) + "z"
    raise ValueError(shape)
