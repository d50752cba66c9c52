"""The UN Security Council Consolidated List, from the UN's own XML
(https://scsanctions.un.org/resources/xml/en/consolidated.xml; schema sc-sanctions.xsd).

Read with lxml's incremental parser, DTDs, entities and the network off. Every record becomes an
`Entry`; a record the parser cannot read refuses the whole file, naming its line and element.
How the UN's fields map (the same choices as OpenSanctions' crawler, docs/screening.md):
alias quality Good and a.k.a. -> ALIAS, Low -> WEAK, f.k.a. -> PREVIOUS; NAME_ORIGINAL_SCRIPT
-> ORIGINAL; alias strings are split on "; ".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from lxml import etree

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

_QUALITY = {
    "good": NameKind.ALIAS,
    "a.k.a.": NameKind.ALIAS,
    "": NameKind.ALIAS,
    "low": NameKind.WEAK,
    "f.k.a.": NameKind.PREVIOUS,
}
_SPACES = re.compile(r"\s+")
_MONTH_YEAR = re.compile(
    r"^(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<year>\d{4})$"
)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _no_country(_name: str) -> str | None:
    return None


def _text(element: Any, tag: str) -> str:
    found = element.find(tag)
    if found is None or found.text is None:
        return ""
    return _SPACES.sub(" ", found.text).strip()


def _values(element: Any, tag: str) -> list[str]:
    found = element.find(tag)
    if found is None:
        return []
    out = []
    for value in found.findall("VALUE"):
        text = _SPACES.sub(" ", value.text or "").strip()
        if text:
            out.append(text)
    return out


class _Refused(Exception):
    def __init__(self, element: Any, field: str, message: str) -> None:
        super().__init__(message)
        self.line = getattr(element, "sourceline", None)
        self.field = field
        self.message = message


def _birth_date(element: Any) -> BirthDate | None:
    kind = _text(element, "TYPE_OF_DATE").upper()
    approximate = kind == "APPROXIMATELY"
    try:
        if day := _text(element, "DATE"):
            return BirthDate.of_day(dt.date.fromisoformat(day[:10]), approximate=approximate)
        if year := _text(element, "YEAR"):
            return BirthDate.of_years(int(year), int(year), approximate=approximate)
        first, last = _text(element, "FROM_YEAR"), _text(element, "TO_YEAR")
        if first and last:
            low, high = sorted((int(first), int(last)))
            return BirthDate.of_years(low, high, approximate=True)
    except ValueError as error:
        raise _Refused(element, "INDIVIDUAL_DATE_OF_BIRTH", f"unreadable date: {error}") from None
    # Only a note ("Nov. 1973", "August 1961"): read a month and year where it is one.
    note = _text(element, "NOTE").lower()
    if found := _MONTH_YEAR.match(note):
        month = _MONTHS.index(found["month"]) + 1
        return BirthDate.of_month(int(found["year"]), month, approximate=approximate)
    return None


def _names(record: Any, schema: Schema) -> list[EntryName]:
    parts = [
        _text(record, tag) for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
    ]
    primary = " ".join(p for p in parts if p)
    if not primary:
        raise _Refused(record, "FIRST_NAME", "a record without a name")
    names = [EntryName(primary, NameKind.PRIMARY)]
    seen = {primary.casefold()}
    alias_tag = "INDIVIDUAL_ALIAS" if schema is Schema.PERSON else "ENTITY_ALIAS"
    for alias in record.findall(alias_tag):
        quality = _text(alias, "QUALITY").lower()
        kind = _QUALITY.get(quality)
        if kind is None:
            raise _Refused(alias, "QUALITY", f"unknown alias quality {quality!r}")
        for text in _text(alias, "ALIAS_NAME").split("; "):
            text = text.strip(" ;")
            if text and text.casefold() not in seen:
                seen.add(text.casefold())
                names.append(EntryName(text, kind))
    if original := _text(record, "NAME_ORIGINAL_SCRIPT"):
        for text in original.split("; "):
            text = text.strip(" ;")
            if text and text.casefold() not in seen:
                seen.add(text.casefold())
                names.append(EntryName(text, NameKind.ORIGINAL))
    return names


def _place(element: Any) -> str:
    fields = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE")
    return ", ".join(t for t in (_text(element, f) for f in fields) if t)


def _entry(record: Any, schema: Schema, country_code: CountryCode) -> Entry:
    key = _text(record, "DATAID")
    if not key.isdigit():
        raise _Refused(record, "DATAID", "a record without a numeric DATAID")
    ref = _text(record, "REFERENCE_NUMBER") or key
    names = _names(record, schema)
    births: list[BirthDate] = []
    nationalities: list[str] = []
    nationality_names: list[str] = []
    documents: list[Document] = []
    places: list[str] = []
    if schema is Schema.PERSON:
        for element in record.findall("INDIVIDUAL_DATE_OF_BIRTH"):
            if (birth := _birth_date(element)) is not None and birth not in births:
                births.append(birth)
        for name in _values(record, "NATIONALITY"):
            nationality_names.append(name)
            if (code := country_code(name)) and code not in nationalities:
                nationalities.append(code)
        for element in record.findall("INDIVIDUAL_DOCUMENT"):
            number = _text(element, "NUMBER")
            if number:
                documents.append(
                    Document(
                        _text(element, "TYPE_OF_DOCUMENT"),
                        number,
                        _text(element, "ISSUING_COUNTRY") or _text(element, "COUNTRY_OF_ISSUE"),
                    )
                )
        places = [p for e in record.findall("INDIVIDUAL_PLACE_OF_BIRTH") if (p := _place(e))]
    address_tag = "INDIVIDUAL_ADDRESS" if schema is Schema.PERSON else "ENTITY_ADDRESS"
    details: dict[str, Any] = {
        "regime": _text(record, "UN_LIST_TYPE"),
        "listed_on": _text(record, "LISTED_ON"),
        "version": _text(record, "VERSIONNUM"),
        "updated": _values(record, "LAST_DAY_UPDATED"),
        "titles": _values(record, "TITLE"),
        "designations": _values(record, "DESIGNATION"),
        "gender": _text(record, "GENDER"),
        "nationality_names": nationality_names,
        "places_of_birth": places,
        "addresses": [a for e in record.findall(address_tag) if (a := _place(e))],
        "comments": _text(record, "COMMENTS1"),
    }
    return Entry(
        key=key,
        ref=ref,
        schema=schema,
        names=tuple(names),
        birth_dates=tuple(births),
        nationalities=tuple(nationalities),
        documents=tuple(documents),
        details={k: v for k, v in details.items() if v},
    )


def un_list_parse(
    source: str | Path | IO[bytes], *, country_code: CountryCode = _no_country
) -> ParsedList:
    """Every INDIVIDUAL and ENTITY of a Consolidated List file. `country_code` turns a country
    name as the list writes it into an ISO alpha-2 code (None where unknown: the name is kept
    in the entry's details, never guessed).

    Raises InvalidInput naming the line and element at fault; nothing is returned partly."""
    entries: list[Entry] = []
    generated: dt.datetime | None = None
    keys: set[str] = set()
    parser = etree.iterparse(
        source,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    root_seen = False
    try:
        for event, element in parser:
            if event == "start":
                if not root_seen:
                    root_seen = True
                    if element.tag != "CONSOLIDATED_LIST":
                        raise _Refused(
                            element, element.tag, "not a UN Consolidated List (root element)"
                        )
                    stamp = element.get("dateGenerated", "")
                    try:
                        generated = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
                    except ValueError:
                        raise _Refused(
                            element, "dateGenerated", f"unreadable list date {stamp!r}"
                        ) from None
                    if generated.tzinfo is None:
                        generated = generated.replace(tzinfo=dt.UTC)
                continue
            if element.tag in ("INDIVIDUAL", "ENTITY"):
                schema = Schema.PERSON if element.tag == "INDIVIDUAL" else Schema.ORGANIZATION
                entry = _entry(element, schema, country_code)
                if entry.key in keys:
                    raise _Refused(element, "DATAID", f"DATAID {entry.key} listed twice")
                keys.add(entry.key)
                entries.append(entry)
                element.clear(keep_tail=False)
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else None
        raise InvalidInput(
            f"Not well-formed XML: {error.msg}",
            problems=[FieldProblem(field="xml", message=str(error.msg), line=line)],
        ) from None
    except _Refused as refused:
        where = f"line {refused.line}: " if refused.line else ""
        raise InvalidInput(
            f"{where}{refused.field}: {refused.message}",
            problems=[
                FieldProblem(field=refused.field, message=refused.message, line=refused.line)
            ],
        ) from None
    if not root_seen:
        raise InvalidInput("An empty file", problems=[FieldProblem(field="xml", message="empty")])
    return ParsedList(
        name="UN Security Council Consolidated List", generated=generated, entries=tuple(entries)
    )
