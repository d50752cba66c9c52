"""What a list says about one designated person or organisation, in plain data.

The list parsers (`un_xml`, `watchlists`) produce these; the matcher (`matching`) reads them;
the models store them as JSON (`ListEntry.data`). No Django here, so the matcher and the
benchmarks under bench/ use them without a database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any


class Schema(enum.StrEnum):
    """The FollowTheMoney schema names, as the `--schema` option and the API take them."""

    PERSON = "Person"
    ORGANIZATION = "Organization"


class NameKind(enum.StrEnum):
    """How much a name of an entry is worth to the matcher (the UN list's alias quality)."""

    PRIMARY = "primary"  # the listed name
    ALIAS = "alias"  # a good-quality alias, an a.k.a.
    WEAK = "weak"  # a low-quality alias: counts less
    PREVIOUS = "previous"  # an f.k.a., a former name
    ORIGINAL = "original"  # the name in its original script (Arabic, Cyrillic…)


@dataclasses.dataclass(frozen=True, slots=True)
class EntryName:
    text: str
    kind: NameKind


@dataclasses.dataclass(frozen=True, slots=True)
class BirthDate:
    """A date of birth as the list gives it: an exact day, a month, a year, or a range of
    years. `approximate` marks the UN's APPROXIMATELY; `earliest`/`latest` bound it."""

    earliest: dt.date
    latest: dt.date
    approximate: bool = False
    text: str = ""  # as written, for display ("1961-08", "1960–1963", "approx. 1975")

    @classmethod
    def of_day(cls, day: dt.date, *, approximate: bool = False) -> BirthDate:
        return cls(day, day, approximate, day.isoformat())

    @classmethod
    def of_month(cls, year: int, month: int, *, approximate: bool = False) -> BirthDate:
        last = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        return cls(dt.date(year, month, 1), last, approximate, f"{year:04d}-{month:02d}")

    @classmethod
    def of_years(cls, first: int, last: int, *, approximate: bool = False) -> BirthDate:
        text = f"{first:04d}" if first == last else f"{first:04d}–{last:04d}"
        return cls(dt.date(first, 1, 1), dt.date(last, 12, 31), approximate, text)

    @classmethod
    def parse(cls, text: str) -> BirthDate:
        """YYYY, YYYY-MM or YYYY-MM-DD, as a query gives it. ValueError when it is none."""
        parts = text.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"not a date of the form YYYY[-MM[-DD]]: {text!r}")
        year = int(parts[0])
        if year < 1800:
            raise ValueError(f"not a plausible year of birth: {text!r}")
        if len(parts) == 1:
            return cls.of_years(year, year)
        month = int(parts[1])
        if not 1 <= month <= 12:
            raise ValueError(f"no such month: {text!r}")
        if len(parts) == 2:
            return cls.of_month(year, month)
        return cls.of_day(dt.date(year, month, int(parts[2])))

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year' (a range of years counts as 'year')."""
        if self.earliest == self.latest:
            return "day"
        if self.earliest.year == self.latest.year and self.earliest.month == self.latest.month:
            return "month"
        return "year"


@dataclasses.dataclass(frozen=True, slots=True)
class Document:
    kind: str  # as written by the list ("Passport", "National Identification Number")
    number: str
    country: str = ""  # as written by the list


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """One designated person or organisation on one list."""

    key: str  # stable within the list (the UN's DATAID)
    ref: str  # the reference users quote (QDi.123); the key where a list has none
    schema: Schema
    names: tuple[EntryName, ...]
    birth_dates: tuple[BirthDate, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes where known
    documents: tuple[Document, ...] = ()
    # What the matcher does not read, kept for the entry's page and the deltas: regime,
    # listed on, titles, designations, places of birth, addresses, countries as written…
    details: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def caption(self) -> str:
        for name in self.names:
            if name.kind is NameKind.PRIMARY:
                return name.text
        return self.names[0].text if self.names else self.ref

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "ref": self.ref,
            "schema": self.schema.value,
            "names": [[n.text, n.kind.value] for n in self.names],
            "birth_dates": [
                [b.earliest.isoformat(), b.latest.isoformat(), b.approximate, b.text]
                for b in self.birth_dates
            ],
            "nationalities": list(self.nationalities),
            "documents": [[d.kind, d.number, d.country] for d in self.documents],
            "details": self.details,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        return cls(
            key=data["key"],
            ref=data["ref"],
            schema=Schema(data["schema"]),
            names=tuple(EntryName(text, NameKind(kind)) for text, kind in data["names"]),
            birth_dates=tuple(
                BirthDate(dt.date.fromisoformat(a), dt.date.fromisoformat(b), approx, text)
                for a, b, approx, text in data["birth_dates"]
            ),
            nationalities=tuple(data["nationalities"]),
            documents=tuple(Document(*d) for d in data["documents"]),
            details=data.get("details", {}),
        )


@dataclasses.dataclass(frozen=True, slots=True)
class ParsedList:
    """A whole list as a parser read it. `generated` is the list's own date (the UN's
    dateGenerated); None where the source does not give one."""

    name: str
    generated: dt.datetime | None
    entries: tuple[Entry, ...]

    @property
    def individuals(self) -> int:
        return sum(1 for e in self.entries if e.schema is Schema.PERSON)

    @property
    def organizations(self) -> int:
        return sum(1 for e in self.entries if e.schema is Schema.ORGANIZATION)
