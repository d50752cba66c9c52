"""Building the geo reference rows from their sources (CLDR, pycountry, Babel, the curated CSVs in
data/). Pure reads of files and libraries: no database here; services.py writes the result."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import pycountry
from babel import Locale

DATA_DIR = Path(__file__).resolve().parent / "data"
BABEL_LOCALES: dict[str, str] = {
    "ar": "ar",
    "zh": "zh_Hans",
    "en": "en",
    "fr": "fr",
    "ru": "ru",
    "es": "es",
}


@dataclass
class RegionRow:
    m49: str
    level: str
    parent: str | None
    names: dict[str, str]


@dataclass
class StateRow:
    code: str
    kind: str
    iso2: str = ""
    iso3: str = ""
    m49: str = ""
    official_name_en: str = ""
    region: str | None = None
    subregion: str | None = None
    intermediate_region: str | None = None
    names: dict[str, str] = field(default_factory=dict)
    name_source: str = ""
    aliases: list[tuple[str, str]] = field(default_factory=list)


@lru_cache(maxsize=16384)
def normalize_name(name: str) -> str:
    """Fold a State name for matching: case, accents, punctuation, leading 'the', spacing."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[’'`´]", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    return re.sub(r"\s+", " ", text)


@cache
def _containment() -> dict[str, list[str]]:
    raw = json.loads((DATA_DIR / "cldr" / "territoryContainment.json").read_text())
    table = raw["supplemental"]["territoryContainment"]
    return {key: value["_contains"] for key, value in table.items() if "-status-" not in key}


@cache
def _locales() -> dict[str, Locale]:
    return {suffix: Locale.parse(tag) for suffix, tag in BABEL_LOCALES.items()}


def _cldr_names(code: str) -> dict[str, str]:
    return {suffix: locale.territories.get(code, "") for suffix, locale in _locales().items()}


# M49 world regions (level 1). In Africa and the Americas the UN M49 standard has a middle level
# (Sub-Saharan Africa 202; Latin America and the Caribbean 419) that CLDR lists as a grouping; the
# official three-level tree is rebuilt from those groupings.
_WORLD_REGIONS = ("002", "019", "142", "150", "009")
_SUBREGIONS_FROM_GROUPINGS = {"002": ("015", "202"), "019": ("419", "021")}


def region_rows() -> list[RegionRow]:
    containment = _containment()
    rows: list[RegionRow] = []
    for region in _WORLD_REGIONS:
        rows.append(RegionRow(region, "region", None, _cldr_names(region)))
        subregions = _SUBREGIONS_FROM_GROUPINGS.get(region, tuple(containment[region]))
        for sub in (code for code in subregions if code.isdigit()):
            rows.append(RegionRow(sub, "subregion", region, _cldr_names(sub)))
            for child in containment.get(sub, []):
                if child.isdigit():
                    rows.append(RegionRow(child, "intermediate", sub, _cldr_names(child)))
    return rows


@cache
def _m49_parents() -> dict[str, str]:
    """Child code -> containing M49 code, following only the M49 tree under the five world
    regions (CLDR also lists overlapping groupings such as 003 North America, skipped here)."""
    containment = _containment()
    parents: dict[str, str] = {}
    for row in region_rows():
        for member in containment.get(row.m49, []):
            if member.isdigit() and row.level != "intermediate":
                continue  # a sub-region or intermediate region: already placed by region_rows
            parents.setdefault(member, row.m49)
    for row in region_rows():
        if row.parent:
            parents[row.m49] = row.parent
    return parents


def _region_chain(iso2: str) -> tuple[str | None, str | None, str | None]:
    """(region, sub-region, intermediate region) M49 codes that contain a territory."""
    parents = _m49_parents()
    chain: list[str] = []
    node = parents.get(iso2)
    while node is not None:
        chain.append(node)
        node = parents.get(node)
    chain.reverse()
    region = chain[0] if chain else None
    subregion = chain[1] if len(chain) > 1 else None
    intermediate = chain[2] if len(chain) > 2 else None
    return region, subregion, intermediate


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def state_rows() -> list[StateRow]:
    """All participants: the 193 Member States (CLDR `UN` grouping), then participants.csv."""
    overrides = {row["code"]: row for row in _csv_rows("names_override.csv")}
    rows: dict[str, StateRow] = {}
    entries = [(iso2, "member", "") for iso2 in _containment()["UN"]]
    extra = _csv_rows("participants.csv")
    for item in extra:
        entries.append((item["code"], item["kind"], item["name_en"]))
    for key, kind, name_en in entries:
        if kind == "organisation":
            rows[key] = StateRow(
                code=key,
                kind=kind,
                names={"en": name_en},
                official_name_en=name_en,
                name_source="participants.csv",
            )
            continue
        country = (
            pycountry.countries.get(alpha_2=key)
            or pycountry.countries.get(alpha_3=key)
            or pycountry.historic_countries.get(alpha_3=key)
        )
        if country is None:
            raise LookupError(f"geo reference: ISO 3166 has no code {key!r}")
        iso2, iso3 = country.alpha_2, country.alpha_3
        if kind == "former":
            names = {"en": name_en}
            source = "ISO 3166-3 (pycountry); no CLDR names for former States"
            region = subregion = intermediate = None
        else:
            names = _cldr_names(iso2)
            source = "CLDR 48 via Babel"
            region, subregion, intermediate = _region_chain(iso2)
        if iso3 in overrides:
            names = {suffix: overrides[iso3][f"name_{suffix}"] for suffix in BABEL_LOCALES}
            source = overrides[iso3]["source"]
        official = getattr(country, "official_name", "") or ""
        rows[iso3] = StateRow(
            code=iso3,
            kind=kind,
            iso2=iso2,
            iso3=iso3,
            m49=country.numeric,
            official_name_en=official,
            region=region,
            subregion=subregion,
            intermediate_region=intermediate,
            names=names,
            name_source=source,
        )
    for row in rows.values():
        row.aliases = _default_aliases(row)
    for alias in _csv_rows("aliases.csv"):
        rows[alias["code"]].aliases.append((alias["alias"], alias["source"]))
    return list(rows.values())


def _default_aliases(row: StateRow) -> list[tuple[str, str]]:
    aliases: list[tuple[str, str]] = []
    for suffix, name in row.names.items():
        if name:
            aliases.append((name, f"CLDR name ({suffix})"))
    if row.official_name_en:
        aliases.append((row.official_name_en, "ISO 3166 official name"))
    if row.iso3:
        country = pycountry.countries.get(alpha_3=row.iso3) or pycountry.historic_countries.get(
            alpha_3=row.iso3
        )
        for attribute in ("name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                aliases.append((value, f"ISO 3166 {attribute.replace('_', ' ')}"))
                # ISO writes 'Bolivia, Plurinational State of': the UN writes
                # 'Bolivia (Plurinational State of)'.
                if ", " in value:
                    head, tail = value.split(", ", 1)
                    aliases.append((f"{head} ({tail})", "UN designation form of the ISO name"))
    return aliases
