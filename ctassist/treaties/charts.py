"""Server-side SVG graphics for the treaties pages: a world map coloured by status and a step chart
of parties over time.

Pure Python and the standard library: no JavaScript, no online service. The map geometry is the
Natural Earth 1:110m Admin 0 countries as TopoJSON from the npm package ``world-atlas`` (see
``data/world-atlas/README.md``), decoded here and drawn in the Natural Earth I projection.

Both functions return markup that is safe to embed inline in an HTML page: every piece of text
and every attribute value passes through :func:`html.escape`. The SVGs carry ``role="img"``, a
``<title>`` (accessible name) and a ``<desc>`` (accessible description); the page is expected to
print the underlying data as a table as well.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

WORLD_ATLAS_PATH = Path(__file__).resolve().parent / "data" / "world-atlas" / "countries-110m.json"

# The map is cropped to these latitudes: Antarctica (entirely south of 58°S in the 1:110m data)
# is left out, and the Arctic ocean north of 84°N is empty anyway.
LAT_NORTH = 84.0
LAT_SOUTH = -58.0

# Natural Earth features that have no ISO 3166-1 numeric id (``id`` is absent in world-atlas).
# N. Cyprus and Somaliland are drawn as part of the UN Member State whose territory they are in
# UN M49 (Cyprus 196, Somalia 706): their outline is merged into that State's path, without the
# internal boundary. Kosovo has no ISO 3166-1 or M49 code: it stays a separate, uncoded path
# (class ``status-none``, no ``data-m49``), titled with its Natural Earth name.
UNCODED_FEATURES: Mapping[str, str | None] = {
    "N. Cyprus": "196",
    "Somaliland": "706",
    "Kosovo": None,
}

NONE_CLASS = "status-none"

# The status colours of app.css, for a map shown on its own (an <img> does not see the page's
# stylesheet). A test keeps the two the same.
STATUS_FILLS: Mapping[str, str] = {
    "status-party": "#1e6b35",
    "status-party-undated": "#5aa469",
    "status-deposit-undated": "#d9ead3",
    "status-effect-undated": "#d9ead3",
    "status-not-yet": "#b7d7a8",
    "status-signatory": "#f2c14e",
    "status-denounced": "#8a1c1c",
    "status-not-party": "#c9c9c9",
    "status-no-record": "#f1f1f1",
    "status-none": "#f1f1f1",
}

_SVG_NS = "http://www.w3.org/2000/svg"
# Characters XML 1.0 does not allow (an SVG containing them would not parse as XML).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

Point = tuple[float, float]


def _text(value: str) -> str:
    """Escape text or an attribute value for inline SVG in HTML (and for XML)."""
    return escape(_XML_INVALID.sub("", value), quote=True)


def _num(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing '.0' or a '-0'."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text in ("-0", "-0.0") else text


def _svg_id(kind: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]
    return f"{kind}-{digest}"


def _svg_open(
    *, kind: str, css_class: str, width: int, height: int, title: str, description: str, body: str
) -> str:
    """The root element with its accessible name and description, then ``body``."""
    base = _svg_id(kind, title, description, body)
    return (
        f'<svg xmlns="{_SVG_NS}" class="{css_class}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" direction="ltr" '
        f'aria-labelledby="{base}-title" aria-describedby="{base}-desc">'
        f'<title id="{base}-title">{_text(title)}</title>'
        f'<desc id="{base}-desc">{_text(description)}</desc>'
        f"{body}</svg>"
    )


# --------------------------------------------------------------------------------------------
# World map
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Country:
    m49: str | None
    name: str
    d: str


@dataclass(frozen=True)
class _MapGeometry:
    width: int
    height: int
    sphere: str
    countries: tuple[_Country, ...]


QPoint = tuple[int, int]


def _decode_arcs(raw: Any) -> list[list[QPoint]]:
    """Undo the delta encoding of quantized TopoJSON arcs (positions stay quantized)."""
    arcs: list[list[QPoint]] = []
    for arc in raw["arcs"]:
        x = y = 0
        points: list[QPoint] = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x, y))
        arcs.append(points)
    return arcs


def _arc_points(arcs: list[list[QPoint]], index: int) -> list[QPoint]:
    """A directed arc: a negative index ``~i`` is arc ``i`` reversed."""
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def _ring_points(arcs: list[list[QPoint]], ring: Sequence[int]) -> list[QPoint]:
    """Stitch a ring's arcs; each arc after the first repeats the previous arc's last point."""
    points: list[QPoint] = []
    for index in ring:
        arc = _arc_points(arcs, index)
        points.extend(arc if not points else arc[1:])
    return points


def _merge_rings(arcs: list[list[QPoint]], rings: list[list[int]]) -> list[list[int]]:
    """Merge the rings of several adjacent features into outlines without their shared borders.

    An arc used once forwards and once backwards lies between two of the rings: it is dropped,
    and the remaining directed arcs are chained end to start into new rings.
    """
    used = Counter(index if index >= 0 else ~index for ring in rings for index in ring)
    if all(count == 1 for count in used.values()):
        return rings
    kept = [index for ring in rings for index in ring if used[index if index >= 0 else ~index] == 1]
    by_start: dict[QPoint, list[int]] = {}
    for index in kept:
        by_start.setdefault(_arc_points(arcs, index)[0], []).append(index)
    merged: list[list[int]] = []
    for first in kept:
        start = _arc_points(arcs, first)[0]
        if first not in by_start.get(start, []):
            continue  # already chained into a ring
        by_start[start].remove(first)
        ring = [first]
        end = _arc_points(arcs, first)[-1]
        while end != start and by_start.get(end):
            following = by_start[end].pop()
            ring.append(following)
            end = _arc_points(arcs, following)[-1]
        merged.append(ring)
    return merged


def _split_antimeridian(ring: list[Point]) -> list[list[Point]]:
    """Cut a (closed) lon/lat ring where it crosses the 180° meridian.

    Natural Earth's Russia (Chukotka, Wrangel Island) and Fiji have rings that cross it. Each
    crossing ends a piece at the crossing latitude on one edge of the map and starts the next on
    the other edge; the last piece continues into the first. Every piece is then a closed outline
    whose closing segment runs along the map's edge.
    """
    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
    count = len(points)
    pieces: list[list[Point]] = []
    current: list[Point] = []
    for i in range(count):
        a, b = points[i], points[(i + 1) % count]
        current.append(a)
        if abs(b[0] - a[0]) > 180:
            edge = 180.0 if a[0] > 0 else -180.0
            b_lon = b[0] + 360.0 if edge > 0 else b[0] - 360.0
            t = (edge - a[0]) / (b_lon - a[0]) if b_lon != a[0] else 0.0
            lat = a[1] + t * (b[1] - a[1])
            current.append((edge, lat))
            pieces.append(current)
            current = [(-edge, lat)]
    if not pieces:
        return [current]
    pieces[0] = current + pieces[0]
    return pieces


def _natural_earth(lon: float, lat: float) -> Point:
    """The Natural Earth I projection (Šavrič, Patterson, Jenny 2011), in radians out."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (
        0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = phi * (
        1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    )
    return x, y


class _Projection:
    """Natural Earth I scaled so the equator spans ``width``, cropped to LAT_SOUTH..LAT_NORTH."""

    def __init__(self, width: int) -> None:
        self.pad = 1.0
        half_width, _ = _natural_earth(180.0, 0.0)
        self.scale = (width - 2 * self.pad) / (2 * half_width)
        self.top = _natural_earth(0.0, LAT_NORTH)[1]
        bottom = _natural_earth(0.0, LAT_SOUTH)[1]
        self.width = width
        self.height = math.ceil((self.top - bottom) * self.scale + 2 * self.pad)

    def __call__(self, lon: float, lat: float) -> Point:
        x, y = _natural_earth(lon, lat)
        return (
            round(self.width / 2 + x * self.scale, 1),
            round(self.pad + (self.top - y) * self.scale, 1),
        )


def _subpaths(points: list[Point], max_jump: float) -> list[list[Point]]:
    """Drop repeated points; start a new subpath where x jumps by more than ``max_jump``."""
    out: list[list[Point]] = []
    current: list[Point] = []
    for point in points:
        if current and point == current[-1]:
            continue
        if current and abs(point[0] - current[-1][0]) > max_jump:
            out.append(current)
            current = []
        current.append(point)
    out.append(current)
    if len(out) > 1 and out[-1] and out[0] and out[-1][-1] == out[0][0]:
        out[0] = out.pop()[:-1] + out[0]
    return [sub for sub in out if len(sub) >= 2]


def _path_data(subpaths: list[list[Point]]) -> str:
    parts = []
    for sub in subpaths:
        if len(sub) > 2 and sub[-1] == sub[0]:
            sub = sub[:-1]
        head, *rest = sub
        coords = " ".join(f"{_num(x)},{_num(y)}" for x, y in rest)
        parts.append(f"M{_num(head[0])},{_num(head[1])}L{coords}Z")
    return "".join(parts)


@cache
def _topology() -> tuple[tuple[str | None, str, tuple[tuple[Point, ...], ...]], ...]:
    """(M49 code, Natural Earth name, lon/lat rings) per drawn feature, in file order."""
    raw = json.loads(WORLD_ATLAS_PATH.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = raw["transform"]["scale"], raw["transform"]["translate"]
    arcs = _decode_arcs(raw)
    groups: dict[str, tuple[str | None, str, list[list[int]]]] = {}
    for geometry in raw["objects"]["countries"]["geometries"]:
        name: str = geometry.get("properties", {}).get("name", "")
        code: str | None = geometry.get("id")
        if code is None:
            code = UNCODED_FEATURES.get(name)
        if geometry["type"] == "Polygon":
            rings = list(geometry["arcs"])
        elif geometry["type"] == "MultiPolygon":
            rings = [ring for polygon in geometry["arcs"] for ring in polygon]
        else:
            continue
        key = code if code is not None else f"name:{name}"
        if key in groups:
            # A merged feature keeps the name of the feature that has the code itself.
            _, first_name, first_rings = groups[key]
            kept_name = name if geometry.get("id") is not None else first_name
            groups[key] = (code, kept_name, first_rings + rings)
        else:
            groups[key] = (code, name, rings)
    features = []
    for code, name, rings in groups.values():
        lonlat = tuple(
            tuple((x * sx + tx, y * sy + ty) for x, y in _ring_points(arcs, ring))
            for ring in _merge_rings(arcs, rings)
        )
        lats = [lat for ring in lonlat for _, lat in ring]
        if not lats or max(lats) < LAT_SOUTH or min(lats) > LAT_NORTH:
            continue  # outside the crop (Antarctica)
        features.append((code, name, lonlat))
    return tuple(features)


@cache
def _map_geometry(width: int) -> _MapGeometry:
    project = _Projection(width)
    countries = []
    for code, name, rings in _topology():
        subpaths: list[list[Point]] = []
        for ring in rings:
            for piece in _split_antimeridian(list(ring)):
                projected = [project(lon, lat) for lon, lat in piece]
                subpaths.extend(_subpaths(projected, width / 2))
        if subpaths:
            countries.append(_Country(m49=code, name=name, d=_path_data(subpaths)))
    # The cropped globe: straight parallels at the crop latitudes, curved meridians at ±180°.
    lats = [LAT_SOUTH + (LAT_NORTH - LAT_SOUTH) * i / 36 for i in range(37)]
    outline = [project(-180.0, lat) for lat in lats] + [project(180.0, lat) for lat in lats[::-1]]
    return _MapGeometry(
        width=width,
        height=project.height,
        sphere=_path_data([outline]),
        countries=tuple(countries),
    )


def world_map_svg(
    *,
    fill_by_m49: Mapping[str, str],
    title_by_m49: Mapping[str, str],
    title: str,
    description: str,
    width: int = 960,
    standalone: bool = False,
) -> str:
    """A world map with one ``<path>`` per country, coloured by CSS class.

    ``standalone`` adds the status colours as a ``<style>`` of the SVG itself, for a map served
    as an image file (the page's stylesheet does not reach into an ``<img>``).

    ``fill_by_m49`` maps three-digit M49 / ISO 3166-1 numeric codes ("566", "036") to a CSS class
    (e.g. ``status-party``); countries not in it get ``status-none``. ``title_by_m49`` gives each
    country's tooltip (its ``<title>``); the fallback is Natural Earth's English short name. The
    geometry is decoded and projected once per ``width``; later calls only re-colour.
    """
    geometry = _map_geometry(width)
    paths = []
    for country in geometry.countries:
        code = country.m49
        css = fill_by_m49.get(code, NONE_CLASS) if code else NONE_CLASS
        label = title_by_m49.get(code, country.name) if code else country.name
        data = f' data-m49="{_text(code)}"' if code else ""
        paths.append(
            f'<path class="country {_text(css)}"{data} d="{country.d}">'
            f"<title>{_text(label)}</title></path>"
        )
    style = (
        "<style>"
        + "".join(f".{css}{{fill:{fill}}}" for css, fill in STATUS_FILLS.items())
        + "</style>"
        if standalone
        else ""
    )
    body = (
        f'{style}<path class="sphere" fill="#e9f0f7" stroke="#c8ced6" stroke-width="0.5" '
        f'd="{geometry.sphere}"/>'
        '<g class="countries" fill="#f1f1f1" stroke="#777" stroke-width="0.3" '
        f'stroke-linejoin="round" fill-rule="evenodd">{"".join(paths)}</g>'
    )
    return _svg_open(
        kind="map",
        css_class="world-map",
        width=geometry.width,
        height=geometry.height,
        title=title,
        description=description,
        body=body,
    )


def world_map_size(width: int = 960) -> tuple[int, int]:
    """The width and height of the map drawn at ``width`` (for an ``<img>`` that keeps its place
    while the image loads)."""
    geometry = _map_geometry(width)
    return geometry.width, geometry.height


# --------------------------------------------------------------------------------------------
# Step chart
# --------------------------------------------------------------------------------------------

_MARGIN_LEFT = 52
_MARGIN_RIGHT = 24
_MARGIN_TOP = 28
_MARGIN_BOTTOM = 42
_FONT = 'font-size="12" fill="currentColor"'
_YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)


def _nice_step(span: int, target_ticks: int = 5) -> int:
    """1, 2 or 5 times a power of ten, at least 1, giving about ``target_ticks`` intervals."""
    raw = max(1.0, span / target_ticks)
    magnitude: int = 10 ** (len(str(int(raw))) - 1)
    for multiple in (1, 2, 5, 10):
        if multiple * magnitude >= raw:
            return multiple * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def _date_domain(dates: Sequence[date]) -> tuple[date, date] | None:
    """From 1 January of the first year to 1 January after the last (so the last step shows)."""
    if not dates:
        return None
    first, last = min(dates), max(dates)
    end = date(last.year + 1, 1, 1) if last.year < date.max.year else date.max
    return date(first.year, 1, 1), end


def _year_ticks(start: date, end: date, max_ticks: int) -> list[date]:
    years = end.year - start.year
    step = next((s for s in _YEAR_STEPS if years // s + 1 <= max_ticks), _YEAR_STEPS[-1] * 10)
    first = -(-start.year // step) * step
    return [date(year, 1, 1) for year in range(max(first, 1), end.year + 1, step)]


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle of three points on one horizontal/vertical line."""
    out: list[Point] = []
    for point in points:
        if out and point == out[-1]:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            cx, cy = point
            if (ax == bx == cx and min(ay, cy) <= by <= max(ay, cy)) or (
                ay == by == cy and min(ax, cx) <= bx <= max(ax, cx)
            ):
                out[-1] = point
                continue
        out.append(point)
    return out


def step_chart_svg(
    *,
    points: Sequence[tuple[date, int]],
    title: str,
    description: str,
    x_label: str,
    y_label: str,
    width: int = 720,
    height: int = 280,
    markers: Sequence[tuple[date, str]] = (),
) -> str:
    """A step line of a count over time, with axes, year ticks, count ticks and dated markers.

    ``points`` are (date, count from that date on), in date order; the count before the first
    point is 0 and the last count runs to the end of the last year shown. A repeated date keeps
    its last count. Markers (e.g. entry into force) are dashed vertical lines with a label.
    Works for no points (empty axes), one point or many.
    """
    if width < _MARGIN_LEFT + _MARGIN_RIGHT + 40 or height < _MARGIN_TOP + _MARGIN_BOTTOM + 40:
        raise ValueError("step_chart_svg: width or height too small for the axes")
    by_date: dict[date, int] = {}
    for day, value in sorted(points, key=lambda item: item[0]):
        by_date[day] = value
    steps = list(by_date.items())
    left, right = _MARGIN_LEFT, width - _MARGIN_RIGHT
    top, bottom = _MARGIN_TOP, height - _MARGIN_BOTTOM
    plot_width, plot_height = right - left, bottom - top

    counts = [value for _, value in steps]
    y_min_data, y_max_data = min([0, *counts]), max([0, *counts])
    y_step = _nice_step(y_max_data - y_min_data)
    y_min = (y_min_data // y_step) * y_step
    y_max = max(-(-y_max_data // y_step) * y_step, y_min + y_step)

    def y_of(value: int) -> float:
        return round(bottom - (value - y_min) / (y_max - y_min) * plot_height, 1)

    domain = _date_domain([day for day, _ in steps] + [day for day, _ in markers])

    start, end = domain or (date(2000, 1, 1), date(2001, 1, 1))
    span = max(1, (end - start).days)

    def x_of(day: date) -> float:
        return round(left + (day - start).days / span * plot_width, 1)

    parts: list[str] = []
    # Horizontal grid and count ticks.
    for value in range(y_min, y_max + 1, y_step):
        tick_y = _num(y_of(value))
        parts.append(
            f'<line x1="{left}" y1="{tick_y}" x2="{right}" y2="{tick_y}" stroke="#c8ced6" '
            f'stroke-width="1"/><text class="y-tick" x="{left - 6}" y="{tick_y}" dy="0.35em" '
            f'text-anchor="end" {_FONT}>{value}</text>'
        )
    # Year ticks.
    if domain is not None:
        for day in _year_ticks(start, end, max_ticks=max(2, plot_width // 64)):
            tick_x = _num(x_of(day))
            parts.append(
                f'<line x1="{tick_x}" y1="{bottom}" x2="{tick_x}" y2="{bottom + 5}" '
                f'stroke="currentColor"/><text class="x-tick" x="{tick_x}" y="{bottom + 18}" '
                f'text-anchor="middle" {_FONT}>{day.year}</text>'
            )
    # Axes and their labels.
    parts.append(
        f'<path class="axes" d="M{left},{top}L{left},{bottom} {right},{bottom}" fill="none" '
        f'stroke="currentColor" stroke-width="1"/>'
        f'<text class="y-label" x="4" y="14" text-anchor="start" {_FONT}>{_text(y_label)}</text>'
        f'<text class="x-label" x="{_num((left + right) / 2)}" y="{height - 6}" '
        f'text-anchor="middle" {_FONT}>{_text(x_label)}</text>'
    )
    # Markers: dashed vertical lines, labels staggered down from the top of the plot.
    for i, (day, label) in enumerate(sorted(markers, key=lambda item: item[0])):
        x = x_of(day)
        anchor, dx = ("start", 4) if x <= (left + right) / 2 else ("end", -4)
        label_y = min(bottom - 4, top + 12 + 14 * i)
        parts.append(
            f'<g class="marker"><line x1="{_num(x)}" y1="{top}" x2="{_num(x)}" y2="{bottom}" '
            f'stroke="currentColor" stroke-width="1" stroke-dasharray="4 3"/>'
            f'<text x="{_num(x + dx)}" y="{label_y}" text-anchor="{anchor}" {_FONT}>'
            f"{_text(label)}</text></g>"
        )
    # The step line.
    if steps:
        line: list[Point] = [(x_of(start), y_of(0))]
        for day, value in steps:
            x = x_of(day)
            line.append((x, line[-1][1]))
            line.append((x, y_of(value)))
        line.append((x_of(end), line[-1][1]))
        line = _simplify(line)
        head, *rest = line
        coords = " ".join(f"{_num(x)},{_num(y)}" for x, y in rest)
        d = f"M{_num(head[0])},{_num(head[1])}" + (f"L{coords}" if rest else "")
        parts.append(
            f'<path class="step" d="{d}" fill="none" stroke="#0b4f8a" stroke-width="2" '
            f'stroke-linejoin="miter"/>'
        )
    return _svg_open(
        kind="chart",
        css_class="step-chart",
        width=width,
        height=height,
        title=title,
        description=description,
        body="".join(parts),
    )
