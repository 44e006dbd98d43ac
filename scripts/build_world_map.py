"""Build programme/data/world-110m.json: Natural Earth country outlines, pre-projected for SVG.

Usage (from the repository root):

    .venv/bin/python scripts/build_world_map.py                 # runs `npm pack world-atlas@2`
    .venv/bin/python scripts/build_world_map.py path/to/countries-110m.json

The TopoJSON is decoded here (quantised, delta-encoded arcs; negative indices walk an arc
backwards), projected with ``programme.geography.worldmap.project`` — the function the pages use
for city points — and written as one compact SVG path per country, in tenths of a unit.
The world-atlas licence and README are copied next to the output.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mondinsieme.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django_countries import countries  # noqa: E402

from programme.geography import worldmap  # noqa: E402

PACKAGE = "world-atlas@2"
OUTPUT = worldmap.DATA_FILE
# Natural Earth gives these territories no ISO numeric code; they are drawn without one.
LEFT_OUT = {"010"}  # Antarctica: below the drawing's southern edge


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute (longitude, latitude) points of every arc."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring_points(indices: list[int], arcs: list) -> list[tuple[float, float]]:
    """One closed ring from its arcs; each arc after the first repeats the previous last point."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped_copies(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (Russia, Fiji) as one continuous ring past ±180,
    plus a copy shifted by 360° so that each side of the drawing shows its part."""
    ring = [points[0]]
    offset = 0.0
    for longitude, latitude in points[1:]:
        longitude += offset
        if longitude - ring[-1][0] > 180:
            offset -= 360
            longitude -= 360
        elif longitude - ring[-1][0] < -180:
            offset += 360
            longitude += 360
        ring.append((longitude, latitude))
    copies = [ring]
    if min(p[0] for p in ring) < -180:
        copies.append([(lon + 360, lat) for lon, lat in ring])
    if max(p[0] for p in ring) > 180:
        copies.append([(lon - 360, lat) for lon, lat in ring])
    return copies


def _number(tenths: int) -> str:
    text = f"{tenths / 10:.1f}".removesuffix(".0")
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def ring_path(points: list[tuple[float, float]]) -> tuple[str, list[tuple[int, int]]]:
    """Relative SVG path data of a projected ring (empty when it shrinks to a dot)."""
    projected = []
    for longitude, latitude in points:
        x, y = worldmap.project_unwrapped(latitude, longitude)
        tenths = (round(x * 10), round(y * 10))
        if not projected or projected[-1] != tenths:
            projected.append(tenths)
    if len(projected) > 1 and projected[0] == projected[-1]:
        projected.pop()
    if len(projected) < 3:
        return "", []
    parts = [f"M{_number(projected[0][0])} {_number(projected[0][1])}l"]
    deltas = []
    for (x0, y0), (x1, y1) in itertools.pairwise(projected):
        deltas.append(f"{_number(x1 - x0)} {_number(y1 - y0)}")
    parts.append(" ".join(deltas))
    parts.append("z")
    return "".join(parts).replace(" -", "-"), projected


def build(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id", "")
        if numeric in LEFT_OUT or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        paths, every_point = [], []
        for polygon in polygons:
            for ring in polygon:
                for copy in unwrapped_copies(ring_points(ring, arcs)):
                    path, projected = ring_path(copy)
                    if path:
                        paths.append(path)
                        # The bounding box keeps to the drawing: a copy past the edge is clipped.
                        every_point.extend(p for p in projected if 0 <= p[0] <= worldmap.WIDTH * 10)
        if not paths:
            continue
        xs = [p[0] / 10 for p in every_point]
        ys = [p[1] / 10 for p in every_point]
        shapes.append(
            {
                "code": countries.alpha2(numeric) if numeric else "",
                "name": geometry["properties"]["name"],
                "bbox": [min(xs), min(ys), max(xs), max(ys)],
                "d": "".join(paths),
            }
        )
    shapes.sort(key=lambda shape: (shape["code"] or "~", shape["name"]))
    return {
        "source": "Natural Earth 1:110m via world-atlas 2 (public domain; ISC-licensed package)",
        "projection": "Natural Earth I",
        "width": worldmap.WIDTH,
        "height": worldmap.HEIGHT,
        "countries": shapes,
    }


def _download(directory: Path) -> Path:
    """`npm pack` the package into directory and unpack it; the package folder."""
    # A fixed command with a pinned major version, run by a developer: no untrusted input.
    subprocess.run(  # noqa: S603
        ["npm", "pack", PACKAGE],  # noqa: S607
        cwd=directory,
        check=True,
        capture_output=True,
    )
    archive = next(directory.glob("world-atlas-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(directory, filter="data")
    return directory / "package"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", nargs="?", help="countries-110m.json (default: npm pack)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        source = (
            Path(args.topojson) if args.topojson else _download(Path(temp)) / "countries-110m.json"
        )
        topology = json.loads(source.read_text(encoding="utf-8"))
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        OUTPUT.write_text(
            json.dumps(build(topology), ensure_ascii=False, separators=(",", ":")) + "\n",
            encoding="utf-8",
        )
        for name in ("LICENSE", "README.md"):
            if (source.parent / name).exists():
                shutil.copyfile(source.parent / name, OUTPUT.parent / f"world-atlas-{name}")
    print(f"{OUTPUT.relative_to(ROOT)}: {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
