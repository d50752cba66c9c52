"""National watchlists, in the two forms the product reads (docs/screening.md):

**CSV** (UTF-8, a header row, any column order, one row per person or organisation):

| column | required | what it takes |
|---|---|---|
| `id` | yes | the list's own identifier of the entry, unique in the file |
| `name` | yes | the entry's main name |
| `schema` | no | `Person` (default) or `Organization` |
| `ref` | no | the reference users quote; the id where empty |
| `aliases` | no | other good names, separated by `;` |
| `weak_aliases` | no | low-quality aliases (nicknames, partial names), separated by `;` |
| `previous_names` | no | former names, separated by `;` |
| `birth_dates` | no | `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, separated by `;` |
| `nationalities` | no | ISO 3166-1 alpha-2 or alpha-3 codes or country names, separated by `;` |
| `documents` | no | passport or ID numbers, separated by `;` |
| `program` | no | the regime or programme the entry is listed under |

**FollowTheMoney JSON lines**: one entity per line, `{"id", "schema", "properties"}` as
OpenSanctions and yente write them. `Person`, `Organization`, `Company`, `LegalEntity` and
`PublicBody` are read (the name properties `name`, `alias`, `weakAlias`, `previousName`;
`birthDate`; `nationality`/`citizenship`/`country`; `passportNumber`/`idNumber`/
`registrationNumber`/`taxNumber`); other schemas (`Sanction`, `Address`, `Passport`…) are
skipped.

Both refuse the whole file on the first pass that finds a problem, listing every problem with
its line and field; nothing is written (the service loads only a whole list).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.screening.entries import (
    BirthDate,
    Document,
    Entry,
    EntryName,
    NameKind,
    ParsedList,
    Schema,
)

CountryCode = Callable[[str], str | None]
CSV_COLUMNS = (
    "id",
    "name",
    "schema",
    "ref",
    "aliases",
    "weak_aliases",
    "previous_names",
    "birth_dates",
    "nationalities",
    "documents",
    "program",
)
_FTM_SCHEMAS = {
    "Person": Schema.PERSON,
    "Organization": Schema.ORGANIZATION,
    "Company": Schema.ORGANIZATION,
    "LegalEntity": Schema.ORGANIZATION,
    "PublicBody": Schema.ORGANIZATION,
}
_FTM_NAMES = (
    ("name", NameKind.PRIMARY),
    ("alias", NameKind.ALIAS),
    ("weakAlias", NameKind.WEAK),
    ("previousName", NameKind.PREVIOUS),
)
_FTM_COUNTRIES = ("nationality", "citizenship", "country")
_FTM_DOCUMENTS = ("passportNumber", "idNumber", "registrationNumber", "taxNumber")
MAX_PROBLEMS = 50


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _names(pairs: Iterable[tuple[str, NameKind]]) -> tuple[EntryName, ...]:
    names: list[EntryName] = []
    seen: set[str] = set()
    for text, kind in pairs:
        text = " ".join(text.split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            names.append(EntryName(text, kind))
    return tuple(names)


class _Problems:
    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def add(self, field: str, message: str, line: int) -> None:
        self.items.append(FieldProblem(field=field, message=message, line=line))

    def raise_if_any(self, what: str) -> None:
        if self.items:
            shown = self.items[:MAX_PROBLEMS]
            first = shown[0]
            raise InvalidInput(
                f"{what}: {len(self.items)} problem(s); the first, line {first.line}, "
                f"{first.field}: {first.message}. Nothing was loaded.",
                problems=shown,
            )


def _birth_dates(
    values: Iterable[str], field: str, line: int, problems: _Problems
) -> list[BirthDate]:
    dates: list[BirthDate] = []
    for value in values:
        try:
            dates.append(BirthDate.parse(value[:10]))
        except ValueError as error:
            problems.add(field, str(error), line)
    return dates


def _countries(
    values: Iterable[str], field: str, line: int, problems: _Problems, country_code: CountryCode
) -> list[str]:
    codes: list[str] = []
    for value in values:
        code = country_code(value)
        if code is None:
            problems.add(field, f"unknown country {value!r}", line)
        elif code not in codes:
            codes.append(code)
    return codes


def csv_watchlist_parse(
    rows: Iterable[tuple[int, dict[str, str]]], *, name: str, country_code: CountryCode
) -> ParsedList:
    """A CSV watchlist from `core.spreadsheets.rows_from_file` rows."""
    problems = _Problems()
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    header_checked = False
    for line, cells in rows:
        if not header_checked:
            header_checked = True
            missing = [c for c in ("id", "name") if c not in cells]
            unknown = sorted(set(cells) - set(CSV_COLUMNS))
            if missing:
                problems.add(", ".join(missing), "required column missing", 1)
            if unknown:
                problems.add(", ".join(unknown), "unknown column", 1)
            problems.raise_if_any(name)
        key = cells.get("id", "")
        if not key:
            problems.add("id", "empty", line)
        elif key in seen:
            problems.add("id", f"{key!r} is already on line {seen[key]}", line)
        else:
            seen[key] = line
        schema_text = cells.get("schema") or Schema.PERSON.value
        if schema_text not in ("Person", "Organization"):
            problems.add("schema", f"{schema_text!r} is not Person or Organization", line)
            continue
        primary = cells.get("name", "")
        if not primary:
            problems.add("name", "empty", line)
            continue
        names = _names(
            [(primary, NameKind.PRIMARY)]
            + [(t, NameKind.ALIAS) for t in _split(cells.get("aliases", ""))]
            + [(t, NameKind.WEAK) for t in _split(cells.get("weak_aliases", ""))]
            + [(t, NameKind.PREVIOUS) for t in _split(cells.get("previous_names", ""))]
        )
        births = _birth_dates(_split(cells.get("birth_dates", "")), "birth_dates", line, problems)
        nationalities = _countries(
            _split(cells.get("nationalities", "")), "nationalities", line, problems, country_code
        )
        documents = tuple(Document("", n) for n in _split(cells.get("documents", "")))
        entries.append(
            Entry(
                key=key,
                ref=cells.get("ref") or key,
                schema=Schema(schema_text),
                names=names,
                birth_dates=tuple(births),
                nationalities=tuple(nationalities),
                documents=documents,
                details={"regime": cells["program"]} if cells.get("program") else {},
            )
        )
    if not header_checked:
        problems.add("file", "no rows", 1)
    problems.raise_if_any(name)
    return ParsedList(name=name, generated=None, entries=tuple(entries))


def _ftm_values(properties: dict[str, Any], prop: str, line: int, problems: _Problems) -> list[str]:
    values = properties.get(prop, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        problems.add(f"properties.{prop}", "must be a list of strings", line)
        return []
    return [v for v in values if v.strip()]


def ftm_watchlist_parse(
    lines: Iterable[str], *, name: str, country_code: CountryCode
) -> ParsedList:
    """FollowTheMoney entities, one JSON object per line (empty lines allowed)."""
    problems = _Problems()
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for line_number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as error:
            problems.add("json", f"not JSON: {error}", line_number)
            continue
        if not isinstance(data, dict):
            problems.add("json", "not a JSON object", line_number)
            continue
        key, schema_name, properties = data.get("id"), data.get("schema"), data.get("properties")
        if not isinstance(key, str) or not key.strip():
            problems.add("id", "missing or not a string", line_number)
            continue
        if not isinstance(schema_name, str):
            problems.add("schema", "missing or not a string", line_number)
            continue
        if not isinstance(properties, dict):
            problems.add("properties", "missing or not an object", line_number)
            continue
        if schema_name not in _FTM_SCHEMAS:
            continue  # Sanction, Address, Passport…: not a name to screen
        if key in seen:
            problems.add("id", f"{key!r} is already on line {seen[key]}", line_number)
            continue
        seen[key] = line_number
        names = _names(
            (text, kind)
            for prop, kind in _FTM_NAMES
            for text in _ftm_values(properties, prop, line_number, problems)
        )
        if not names:
            problems.add("properties.name", "no name", line_number)
            continue
        if names[0].kind is not NameKind.PRIMARY:
            names = (EntryName(names[0].text, NameKind.PRIMARY), *names[1:])
        births = _birth_dates(
            _ftm_values(properties, "birthDate", line_number, problems),
            "properties.birthDate",
            line_number,
            problems,
        )
        countries: list[str] = []
        for prop in _FTM_COUNTRIES:
            for code in _countries(
                _ftm_values(properties, prop, line_number, problems),
                f"properties.{prop}",
                line_number,
                problems,
                country_code,
            ):
                if code not in countries:
                    countries.append(code)
        documents = tuple(
            Document(prop, number)
            for prop in _FTM_DOCUMENTS
            for number in _ftm_values(properties, prop, line_number, problems)
        )
        programs = _ftm_values(properties, "program", line_number, problems)
        entries.append(
            Entry(
                key=key,
                ref=key,
                schema=_FTM_SCHEMAS[schema_name],
                names=names,
                birth_dates=tuple(births),
                nationalities=tuple(countries),
                documents=documents,
                details={"regime": programs[0]} if programs else {},
            )
        )
    if not entries and not problems.items:
        problems.add("file", "no Person or Organization entity", 1)
    problems.raise_if_any(name)
    return ParsedList(name=name, generated=None, entries=tuple(entries))


def watchlist_path_kind(path: Path) -> str:
    """The format a file's name suggests: 'un-xml', 'csv' (also .xlsx) or 'ftm'."""
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return "un-xml"
    if suffix in (".csv", ".xlsx"):
        return "csv"
    return "ftm"
