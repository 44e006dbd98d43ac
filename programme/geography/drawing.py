"""The map as data for the SVG template: countries, the host city, one arc and marker per link."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import worldmap
from .links import HOST_COLOUR, HOST_SHAPE, KINDS, Link

SEA = "#eef4fa"
LAND = "#d5dae0"
COMMUNITY_LAND = "#f0cd8a"
FOCUS_LAND = "#dc9a2e"
BORDER = "#ffffff"


@dataclass
class DrawnCountry:
    code: str
    d: str
    fill: str


@dataclass
class DrawnLink:
    link: Link
    x: float
    y: float
    arc: str
    marker: str


@dataclass
class Drawing:
    view_box: str
    countries: list[DrawnCountry]
    drawn: list[DrawnLink]
    undrawn: list[Link]
    host_marker: str
    host_name: str
    line_width: float
    dash: float
    border_width: float
    title: str
    description: str


def _description(drawn: list[DrawnLink], undrawn: list[Link], host_name: str) -> str:
    counts = Counter(item.link.kind.code for item in drawn)
    parts = [
        _("%(kind)s: %(n)s") % {"kind": kind.plural, "n": counts[kind.code]}
        for kind in KINDS
        if counts.get(kind.code)
    ]
    if drawn:
        text = _("Le linee partono da %(host)s e arrivano a %(n)s città (%(kinds)s).") % {
            "host": host_name,
            "n": len(drawn),
            "kinds": "; ".join(parts),
        }
    else:
        text = _("Nessun legame da disegnare.")
    if undrawn:
        text += " " + ngettext(
            "%(n)s città non ha coordinate e compare solo nella tabella.",
            "%(n)s città non hanno coordinate e compaiono solo nella tabella.",
            len(undrawn),
        ) % {"n": len(undrawn)}
    return text + " " + _("La tabella sotto la mappa elenca tutti i legami.")


def build_drawing(
    *,
    links: list[Link],
    host,
    highlight: set[str],
    focus: str = "",
    title: str,
) -> Drawing:
    """Project the links and choose the frame: the whole world, or one country and its links."""
    world = worldmap.world()
    host_point = None
    if host is not None and host.latitude is not None and host.longitude is not None:
        host_point = worldmap.project(host.latitude, host.longitude)
    points: dict[int, tuple[float, float]] = {}
    for link in links:
        if link.has_point and link.city.pk not in points:
            points[link.city.pk] = worldmap.project(link.city.latitude, link.city.longitude)

    if focus:
        boxes = [world.by_code[focus].bbox] if focus in world.by_code else []
        frame = list(points.values()) + ([host_point] if host_point else [])
        box = worldmap.view_box(frame, boxes)
    else:
        box = (0.0, 0.0, worldmap.WIDTH, worldmap.HEIGHT)
    size = box[2] / 110

    drawn, undrawn, stacked = [], [], Counter()
    for link in links:
        if link.city.pk not in points:
            undrawn.append(link)
            continue
        x, y = points[link.city.pk]
        # Two kinds of link to one city: the markers sit side by side, not on top of each other.
        x += stacked[link.city.pk] * size * 2.4
        stacked[link.city.pk] += 1
        drawn.append(
            DrawnLink(
                link=link,
                x=x,
                y=y,
                arc=worldmap.arc(host_point, points[link.city.pk]) if host_point else "",
                marker=worldmap.marker(link.kind.shape, x, y, size),
            )
        )
    countries = [
        DrawnCountry(
            code=shape.code,
            d=shape.d,
            fill=FOCUS_LAND
            if focus and shape.code == focus
            else COMMUNITY_LAND
            if shape.code in highlight
            else LAND,
        )
        for shape in world.countries
    ]
    host_name = host.name if host else settings.PORTAL["HOST_CITY_NAME"]
    return Drawing(
        view_box=" ".join(f"{value:g}" for value in box),
        countries=countries,
        drawn=drawn,
        undrawn=undrawn,
        host_marker=worldmap.marker(HOST_SHAPE, *host_point, size) if host_point else "",
        host_name=host_name,
        line_width=round(box[2] / 480, 2),
        dash=round(box[2] / 160, 2),
        border_width=round(box[2] / 1600, 2),
        title=title,
        description=_description(drawn, undrawn, host_name),
    )


@dataclass
class LegendItem:
    label: str
    marker: str
    colour: str
    hollow: bool = False
    dashed: bool = False
    swatch: bool = False


def legend(*, host_name: str, focus_name: str = "", communities: bool = True) -> list[LegendItem]:
    """The legend's entries, drawn in a 20×20 box with the same shapes as the map."""
    items = [
        LegendItem(
            label=str(kind.label),
            marker=worldmap.marker(kind.shape, 10, 10, 5),
            colour=kind.colour,
            hollow=kind.hollow,
            dashed=kind.dashed,
        )
        for kind in KINDS
    ]
    items.insert(0, LegendItem(host_name, worldmap.marker(HOST_SHAPE, 10, 10, 5), HOST_COLOUR))
    square = "M2 4h16v12h-16z"
    if communities:
        label = _("paese con una comunità a %(host)s") % {"host": host_name}
        items.append(LegendItem(label, square, COMMUNITY_LAND, swatch=True))
    if focus_name:
        items.append(LegendItem(focus_name, square, FOCUS_LAND, swatch=True))
    return items
