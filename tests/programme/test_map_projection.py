"""The map's projection and vendored geometry: places land where they should, edges included."""

from __future__ import annotations

import itertools
import re

import pytest

from programme.geography import worldmap

# Reference values from d3-geo 3: geoNaturalEarth1().scale(SCALE).translate([480, top]).
D3_NATURAL_EARTH = [
    ((44.7, 10.6), (505.501213247232, 104.32141773877132)),  # Reggio Emilia
    ((-33.9, 18.4), (526.3688277324432, 347.53764955720817)),  # Cape Town
    ((64.1, -21.9), (433.7047082591396, 47.90456604245)),  # Reykjavík
    ((0.0, 180.0), (960.0, 242.57093304729898)),
    ((0.0, -180.0), (0.0, 242.57093304729898)),
]


@pytest.mark.parametrize("point, expected", D3_NATURAL_EARTH)
def test_it_projects_like_d3_natural_earth(point, expected):
    x, y = worldmap.project(*point)
    assert x == pytest.approx(expected[0], abs=1e-6)
    assert y == pytest.approx(expected[1], abs=1e-6)


def test_it_puts_the_longitude_edges_on_the_drawing_edges():
    assert worldmap.project(0, 180)[0] == pytest.approx(worldmap.WIDTH)
    assert worldmap.project(0, -180)[0] == pytest.approx(0)
    # Past the antimeridian a longitude wraps round instead of leaving the drawing.
    assert worldmap.project(10, 190) == pytest.approx(worldmap.project(10, -170))
    assert worldmap.project(10, -190) == pytest.approx(worldmap.project(10, 170))
    assert worldmap.project(45, 180)[0] < worldmap.WIDTH  # the edge curves in near the poles


def test_it_spans_the_drawing_from_north_to_south():
    assert worldmap.project(worldmap.NORTH, 0)[1] == pytest.approx(0)
    assert worldmap.project(worldmap.SOUTH, 0)[1] == pytest.approx(worldmap.HEIGHT, abs=0.05)
    assert worldmap.project(95, 0) == worldmap.project(90, 0)


def _rings(d: str) -> list[list[tuple[float, float]]]:
    """Absolute points of each ring of the vendored path data (M x y l dx dy ... z)."""
    rings = []
    for part in re.findall(r"M[^M]+", d):
        numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", part)]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def _inside(point, ring) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


@pytest.mark.parametrize(
    "code, latitude, longitude",
    [("IT", 44.7, 10.6), ("SN", 14.7, -17.0), ("MA", 33.6, -7.6), ("CN", 28.0, 120.7),
     ("FJ", -17.8, 178.0), ("RU", 55.75, 37.6), ("US", 32.75, -97.3)],
)  # fmt: skip
def test_a_city_lands_inside_its_country_outline(code, latitude, longitude):
    shape = worldmap.world().by_code[code]
    point = worldmap.project(latitude, longitude)
    assert any(_inside(point, ring) for ring in _rings(shape.d))
    x0, y0, x1, y1 = shape.bbox
    assert x0 <= point[0] <= x1 and y0 <= point[1] <= y1


def test_the_vendored_geometry_has_the_countries_and_stays_compact():
    world = worldmap.world()
    assert len(world.by_code) > 170
    assert world.width == worldmap.WIDTH and world.height == worldmap.HEIGHT
    assert "Natural Earth" in world.source
    assert worldmap.DATA_FILE.stat().st_size < 150_000
    # No ring jumps across the whole drawing (an antimeridian crossing left uncut).
    for shape in world.countries:
        for ring in _rings(shape.d):
            jumps = [abs(b[0] - a[0]) for a, b in itertools.pairwise(ring)]
            assert max(jumps) < 300, shape.name


def test_the_view_box_frames_the_points_and_keeps_the_map_shape():
    points = [worldmap.project(44.7, 10.6), worldmap.project(14.7, -17.0)]
    left, top, width, height = worldmap.view_box(points, [])
    assert width / height == pytest.approx(worldmap.WIDTH / worldmap.HEIGHT, rel=0.01)
    for x, y in points:
        assert left < x < left + width and top < y < top + height
    assert worldmap.view_box([], []) == (0.0, 0.0, worldmap.WIDTH, worldmap.HEIGHT)
