"""The server-side SVG graphics: the world map and the step chart. No database."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from ctassist.treaties.charts import step_chart_svg, world_map_svg

SVG = "{http://www.w3.org/2000/svg}"
FAST = settings(max_examples=80, deadline=None, database=None)
COMMAND = re.compile(r"([MLZ])([^MLZ]*)")


def subpaths(d: str) -> list[tuple[list[tuple[float, float]], bool]]:
    """Absolute M/L/Z path data -> [(points, closed)]; fails on any other command."""
    assert re.fullmatch(r"[MLZ0-9.,\s-]*", d), d
    out: list[tuple[list[tuple[float, float]], bool]] = []
    for command, args in COMMAND.findall(d):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        assert len(numbers) % 2 == 0, d
        pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
        if command == "M":
            assert pairs, d
            out.append((pairs, False))
        elif command == "L":
            assert out and pairs, d
            out[-1][0].extend(pairs)
        else:
            assert out and not pairs, d
            out[-1] = (out[-1][0], True)
    return out


def viewbox(root: ET.Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in root.attrib["viewBox"].split())
    return x, y, w, h


def sample_map(**overrides: object) -> str:
    arguments: dict[str, object] = {
        "fill_by_m49": {"566": "status-party", "398": "status-signatory"},
        "title_by_m49": {"566": "Nigeria: party"},
        "title": "Status by State",
        "description": "World map coloured by status",
    }
    arguments.update(overrides)
    return world_map_svg(**arguments)  # type: ignore[arg-type]


def country_paths(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {
        path.attrib["data-m49"]: path
        for path in root.iter(f"{SVG}path")
        if "country" in path.attrib.get("class", "").split() and "data-m49" in path.attrib
    }


def bbox(path: ET.Element) -> tuple[float, float, float, float]:
    points = [p for sub, _ in subpaths(path.attrib["d"]) for p in sub]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


# ---- world map ----------------------------------------------------------------------------


def test_map_parses_and_is_labelled() -> None:
    root = ET.fromstring(sample_map())
    assert root.tag == f"{SVG}svg"
    assert root.attrib["role"] == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Status by State"
    assert desc is not None and desc.text == "World map coloured by status"
    assert root.attrib["aria-labelledby"] == title.attrib["id"]
    assert root.attrib["aria-describedby"] == desc.attrib["id"]


def test_map_has_a_path_per_country() -> None:
    root = ET.fromstring(sample_map())
    countries = [p for p in root.iter(f"{SVG}path") if "country" in p.attrib["class"].split()]
    assert len(countries) >= 170
    codes = [p.attrib["data-m49"] for p in countries if "data-m49" in p.attrib]
    assert len(codes) == len(set(codes)), "one path per M49 code"
    assert all(re.fullmatch(r"\d{3}", code) for code in codes)
    assert "010" not in codes, "Antarctica is cropped away"


def test_map_colours_and_titles_by_m49() -> None:
    paths = country_paths(sample_map())
    nigeria = paths["566"]
    assert nigeria.attrib["class"].split() == ["country", "status-party"]
    assert nigeria.findtext(f"{SVG}title") == "Nigeria: party"
    assert paths["398"].attrib["class"].split() == ["country", "status-signatory"]
    # Not in fill_by_m49: status-none; not in title_by_m49: Natural Earth's name.
    assert paths["250"].attrib["class"].split() == ["country", "status-none"]
    assert paths["250"].findtext(f"{SVG}title") == "France"


def test_map_uncoded_features() -> None:
    svg = sample_map(fill_by_m49={"196": "status-party", "706": "status-party"})
    root = ET.fromstring(svg)
    names = [p.findtext(f"{SVG}title") for p in root.iter(f"{SVG}path")]
    # N. Cyprus and Somaliland are merged into Cyprus and Somalia; Kosovo stays, uncoded.
    assert "N. Cyprus" not in names and "Somaliland" not in names
    kosovo = [p for p in root.iter(f"{SVG}path") if p.findtext(f"{SVG}title") == "Kosovo"]
    assert len(kosovo) == 1
    assert "data-m49" not in kosovo[0].attrib
    assert kosovo[0].attrib["class"].split() == ["country", "status-none"]
    paths = country_paths(svg)
    for code, name in (("196", "Cyprus"), ("706", "Somalia")):
        assert paths[code].attrib["class"].split() == ["country", "status-party"]
        assert paths[code].findtext(f"{SVG}title") == name
        # One outline: the internal boundary arcs were dropped and the rest chained.
        assert len(subpaths(paths[code].attrib["d"])) == 1


def test_map_escapes_text() -> None:
    evil = '<script>alert("x")</script> & more'
    svg = sample_map(title=evil, description=evil, title_by_m49={"566": evil})
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = ET.fromstring(svg)
    assert root.findtext(f"{SVG}title") == evil
    assert country_paths(svg)["566"].findtext(f"{SVG}title") == evil


def test_map_escapes_fill_class() -> None:
    svg = sample_map(fill_by_m49={"566": 'x" onload="alert(1)'})
    assert 'onload="' not in svg
    assert country_paths(svg)["566"].attrib["class"] == 'country x" onload="alert(1)'


def test_map_geography() -> None:
    root = ET.fromstring(sample_map())
    paths = country_paths(sample_map())
    _, _, width, height = viewbox(root)
    nigeria, kazakhstan = bbox(paths["566"]), bbox(paths["398"])
    assert kazakhstan[0] > nigeria[2], "Kazakhstan lies east of Nigeria"
    assert kazakhstan[3] < nigeria[1], "and north of it (y grows downwards)"
    # Russia spans the map: Chukotka east of 180° is drawn at the western edge.
    russia = bbox(paths["643"])
    assert russia[0] < width * 0.15 and russia[2] > width * 0.85
    for path in paths.values():
        x0, y0, x1, y1 = bbox(path)
        assert 0 <= x0 <= x1 <= width and 0 <= y0 <= y1 <= height


def test_map_has_no_streaks_across_the_map() -> None:
    root = ET.fromstring(sample_map())
    _, _, width, _ = viewbox(root)
    countries = [p for p in root.iter(f"{SVG}path") if "country" in p.attrib["class"].split()]
    for path in countries:
        for points, closed in subpaths(path.attrib["d"]):
            assert closed
            ring = [*points, points[0]]
            for (ax, _), (bx, _) in pairwise(ring):
                assert abs(bx - ax) <= width / 2, path.findtext(f"{SVG}title")


def test_map_coordinates_have_one_decimal() -> None:
    svg = sample_map()
    for d in re.findall(r' d="([^"]*)"', svg):
        assert not re.search(r"\.\d\d", d)


def test_map_recolours_from_cache() -> None:
    first = sample_map(fill_by_m49={"566": "status-party"})
    second = sample_map(fill_by_m49={"566": "status-denounced"})
    assert country_paths(first)["566"].attrib["d"] == country_paths(second)["566"].attrib["d"]
    assert country_paths(second)["566"].attrib["class"] == "country status-denounced"


def test_map_width_scales() -> None:
    small = ET.fromstring(sample_map(width=480))
    _, _, width, height = viewbox(small)
    assert width == 480 and 200 < height < 230


# ---- step chart ---------------------------------------------------------------------------


def chart(points, markers=(), **overrides: object) -> str:
    arguments: dict[str, object] = {
        "points": points,
        "markers": markers,
        "title": "Parties over time",
        "description": "Number of parties by date",
        "x_label": "date",
        "y_label": "parties",
    }
    arguments.update(overrides)
    return step_chart_svg(**arguments)  # type: ignore[arg-type]


def step_path(svg: str) -> list[tuple[float, float]] | None:
    root = ET.fromstring(svg)
    for path in root.iter(f"{SVG}path"):
        if path.attrib.get("class") == "step":
            ((points, closed),) = subpaths(path.attrib["d"])
            assert not closed
            return points
    return None


def y_ticks(svg: str) -> list[int]:
    root = ET.fromstring(svg)
    return [
        int(text.text or "") for text in root.iter(f"{SVG}text") if text.get("class") == "y-tick"
    ]


POINTS = [
    (dt.date(1990, 3, 1), 1),
    (dt.date(1995, 6, 1), 3),
    (dt.date(2000, 1, 1), 3),  # no change: no step
    (dt.date(2003, 3, 3), 2),
    (dt.date(2010, 7, 1), 12),
]


def test_chart_one_step_per_change() -> None:
    points = step_path(chart(POINTS))
    assert points is not None
    segments = list(pairwise(points))
    vertical = [(a, b) for a, b in segments if a[0] == b[0] and a[1] != b[1]]
    horizontal = [(a, b) for a, b in segments if a[1] == b[1] and a[0] != b[0]]
    assert len(vertical) == 4  # 0→1, 1→3, 3→2, 2→12
    assert len(horizontal) + len(vertical) == len(segments), "only horizontal and vertical"
    ups = [b[1] < a[1] for a, b in vertical]
    assert ups == [True, True, False, True]
    assert points[0][1] == points[1][1], "starts flat at zero"


def test_chart_axes_and_labels() -> None:
    svg = chart(POINTS, markers=[(dt.date(2002, 4, 10), "entry into force")])
    root = ET.fromstring(svg)
    assert root.attrib["role"] == "img"
    assert root.attrib["direction"] == "ltr"
    assert root.findtext(f"{SVG}title") == "Parties over time"
    assert root.findtext(f"{SVG}desc") == "Number of parties by date"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "entry into force" in texts
    assert "date" in texts and "parties" in texts
    years = [int(t.text or "") for t in root.iter(f"{SVG}text") if t.get("class") == "x-tick"]
    assert 2 <= len(years) <= 12 and years == sorted(years)
    assert max(y_ticks(svg)) >= 12
    assert min(y_ticks(svg)) == 0
    marker = root.find(f"{SVG}g[@class='marker']")
    assert marker is not None and marker.find(f"{SVG}line") is not None


def test_chart_empty() -> None:
    svg = chart([])
    root = ET.fromstring(svg)
    assert step_path(svg) is None
    assert root.findtext(f"{SVG}title") == "Parties over time"
    assert y_ticks(svg) == [0, 1]


def test_chart_empty_with_marker() -> None:
    svg = chart([], markers=[(dt.date(2020, 1, 1), "entry into force")])
    assert "entry into force" in svg
    assert step_path(svg) is None


def test_chart_one_point() -> None:
    svg = chart([(dt.date(2019, 3, 3), 1)])
    points = step_path(svg)
    assert points is not None and len(points) == 4
    assert max(y_ticks(svg)) >= 1


def test_chart_escapes_text() -> None:
    evil = "<script>&</script>"
    svg = chart(
        POINTS,
        markers=[(dt.date(2001, 1, 1), evil)],
        title=evil,
        description=evil,
        x_label=evil,
        y_label=evil,
    )
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    assert root.findtext(f"{SVG}title") == evil
    assert sum(t.text == evil for t in root.iter(f"{SVG}text")) == 3


def all_coordinates(root: ET.Element) -> list[tuple[float, float]]:
    found: list[tuple[float, float]] = []
    for element in root.iter():
        a = element.attrib
        for x_name, y_name in (("x", "y"), ("x1", "y1"), ("x2", "y2")):
            if x_name in a and y_name in a:
                found.append((float(a[x_name]), float(a[y_name])))
        if element.tag == f"{SVG}path":
            found.extend(p for sub, _ in subpaths(a["d"]) for p in sub)
    return found


series = st.lists(
    st.tuples(
        st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
        st.integers(min_value=0, max_value=5000),
    ),
    max_size=40,
).map(sorted)
marker_lists = st.lists(
    st.tuples(
        st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
        st.text(max_size=30),
    ),
    max_size=3,
)


@FAST
@given(
    points=series,
    markers=marker_lists,
    width=st.integers(min_value=200, max_value=1400),
    height=st.integers(min_value=150, max_value=700),
    label=st.text(max_size=40),
)
def test_chart_property_parses_and_stays_in_view(points, markers, width, height, label) -> None:
    svg = chart(points, markers, width=width, height=height, title=label, x_label=label)
    root = ET.fromstring(svg)
    x0, y0, w, h = viewbox(root)
    for x, y in all_coordinates(root):
        assert x0 <= x <= x0 + w and y0 <= y <= y0 + h, (x, y)
    if points:
        assert max(y_ticks(svg)) >= max(count for _, count in points)
        line = step_path(svg)
        assert line is not None
        xs = [x for x, _ in line]
        assert xs == sorted(xs), "the step line runs left to right"
    else:
        assert step_path(svg) is None


def test_a_standalone_map_carries_the_colours_of_the_stylesheet() -> None:
    """An <img> does not see app.css: the map served as a file brings the same colours."""
    from django.conf import settings as django_settings

    from ctassist.treaties.charts import STATUS_FILLS

    css = (
        django_settings.BASE_DIR / "ctassist" / "core" / "static" / "core" / "css" / "app.css"
    ).read_text()
    for css_class, fill in STATUS_FILLS.items():
        rule = re.search(rf"\.{css_class}\b[^{{]*\{{ fill: (#[0-9a-f]{{6}})", css)
        assert rule and rule[1] == fill, css_class
    standalone = sample_map(standalone=True)
    assert ".status-party{fill:#1e6b35}" in standalone
    ET.fromstring(standalone)
    assert "<style>" not in sample_map()
