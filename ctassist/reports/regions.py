"""The office's regions: which region of the report each State belongs to.

The mapping is a CSV file (`code,region`): a row maps a State (ISO alpha-3) or a UN M49 region,
sub-region or intermediate region (three digits) to a region; the most specific row wins (the
State, then its intermediate region, sub-region and region). A State that no row reaches is
reported under its UN M49 region (Africa, Europe, …), so the default is M49 and the file only
says where the office draws its lines differently. The file shipped in `reports/data/regions.csv`
follows the seed report's headings; the `CTASSIST_REPORT_REGIONS` setting (environment variable
of the same name) points at an office's own copy. See docs/report.md."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.geo.models import State

DEFAULT_MAPPING = Path(__file__).parent / "data" / "regions.csv"

# The seed report's regional headings, in its order; each with the phrase a sentence starts
# with ("In the Middle East and North Africa, …"). Regions named in a mapping that are not here
# are printed as written there, after these.
OFFICE_REGIONS = (
    "Middle East and North Africa",
    "West and Central Africa",
    "East Africa",
    "South and South-East Asia",
    "Central Asia",
    "Latin America and the Caribbean",
    "South-Eastern Europe",
)


def _names() -> dict[str, tuple[str, str]]:
    """English key: (heading, "In …" phrase) in the active language."""
    return {
        "Middle East and North Africa": (
            _("Middle East and North Africa"),
            pgettext("in region", "In the Middle East and North Africa"),
        ),
        "West and Central Africa": (
            _("West and Central Africa"),
            pgettext("in region", "In West and Central Africa"),
        ),
        "East Africa": (_("East Africa"), pgettext("in region", "In East Africa")),
        "South and South-East Asia": (
            _("South and South-East Asia"),
            pgettext("in region", "In South and South-East Asia"),
        ),
        "Central Asia": (_("Central Asia"), pgettext("in region", "In Central Asia")),
        "Latin America and the Caribbean": (
            _("Latin America and the Caribbean"),
            pgettext("in region", "In Latin America and the Caribbean"),
        ),
        "South-Eastern Europe": (
            _("South-Eastern Europe"),
            pgettext("in region", "In South-Eastern Europe"),
        ),
        "Africa": (_("Africa"), pgettext("in region", "In Africa")),
        "Americas": (_("Americas"), pgettext("in region", "In the Americas")),
        "Asia": (_("Asia"), pgettext("in region", "In Asia")),
        "Europe": (_("Europe"), pgettext("in region", "In Europe")),
        "Oceania": (_("Oceania"), pgettext("in region", "In Oceania")),
    }


@dataclass(frozen=True)
class OfficeRegion:
    key: str  # the English name, as in the mapping file
    heading: str  # in the active language
    in_phrase: str  # "In the Middle East and North Africa"
    order: int


def office_region(key: str) -> OfficeRegion:
    heading, phrase = _names().get(key, (key, _("In %(region)s") % {"region": key}))
    order = OFFICE_REGIONS.index(key) if key in OFFICE_REGIONS else len(OFFICE_REGIONS)
    return OfficeRegion(key, heading, phrase, order)


def mapping_path() -> Path:
    configured = getattr(settings, "CTASSIST_REPORT_REGIONS", "")
    return Path(configured) if configured else DEFAULT_MAPPING


@lru_cache(maxsize=4)
def _read(path: str, mtime: float) -> dict[str, str]:
    rows: dict[str, str] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(lines)
    if reader.fieldnames is None or {"code", "region"} - set(reader.fieldnames):
        raise InvalidInput(
            f"The region mapping {path} needs the columns code and region.",
            problems=[FieldProblem("CTASSIST_REPORT_REGIONS", "columns code,region")],
        )
    for number, row in enumerate(reader, start=2):
        code, region = (row.get("code") or "").strip().upper(), (row.get("region") or "").strip()
        if not code or not region:
            raise InvalidInput(
                f"The region mapping {path}, line {number}: a code and a region are both needed.",
                problems=[FieldProblem(f"line {number}", "code and region")],
            )
        rows[code] = region
    return rows


def region_mapping() -> dict[str, str]:
    """code (ISO alpha-3 or M49) → the office's region (English key), from the mapping file."""
    path = mapping_path()
    return _read(str(path), path.stat().st_mtime)


def state_regions(states: list[State] | None = None) -> dict[int, str]:
    """State id → the office's region (English key) for the given States (all when None)."""
    mapping = region_mapping()
    chosen = (
        states
        if states is not None
        else list(State.objects.select_related("region", "subregion", "intermediate_region").all())
    )
    found: dict[int, str] = {}
    for state in chosen:
        levels = [
            state.code,
            *(
                r.m49
                for r in (state.intermediate_region, state.subregion, state.region)
                if r is not None
            ),
        ]
        region = next((mapping[c] for c in levels if c in mapping), None)
        if region is None and state.region is not None:
            region = state.region.name_en
        if region:
            found[state.pk] = region
    return found
