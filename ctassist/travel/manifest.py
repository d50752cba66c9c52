"""The JSON and CSV forms of a travel message (docs/travel.md): for carriers and systems that do
not send EDIFACT, and for tests and exchange between installations.

- JSON: the content of `ReadMessage` (kind, envelope, list_kind, reporting_party, flights,
  travellers, pnrs) with the field names of records.py, dates as ISO 8601 (flight times without
  an offset: local time), under ``"format": "ctassist.travel/1"``. Every key is checked: an
  unknown key, a wrong type or an unreadable date refuses the file, naming the field path
  (``travellers[2].born_on``); a JSON syntax error names the line.
- CSV: one row per traveller on one flight leg (an API manifest), header row first, columns as
  `CSV_COLUMNS` (any order; the required ones must be there, no unknown one may be). A bad value
  refuses the file naming its line and column.

The sensitive-data filter applies here too: services and remarks it drops never reach the result.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import enum
import functools
import io
import json
import re
import types
import typing
from typing import Any, TypeVar

from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.travel import sensitive
from ctassist.travel.records import (
    Document,
    Envelope,
    Flight,
    Leg,
    ListKind,
    MessageKind,
    PnrRecord,
    ReadMessage,
    SourceFormat,
    Traveller,
    TravellerRole,
)

JSON_FORMAT = "ctassist.travel/1"
JSON_CONTENT = ("kind", "envelope", "list_kind", "reporting_party", "flights", "travellers", "pnrs")
_MAX_PROBLEMS = 50
T = TypeVar("T")


# ---- JSON ----------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def manifest_json_write(message: ReadMessage) -> bytes:
    """The JSON form of a message's content (what `manifest_json_read` reads back)."""
    content = {"format": JSON_FORMAT} | {key: _plain(getattr(message, key)) for key in JSON_CONTENT}
    return json.dumps(content, ensure_ascii=False, indent=1).encode()


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@functools.cache
def _fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    return {f.name: f for f in dataclasses.fields(cls)}


class _Converter:
    """Typed values from parsed JSON, by the dataclasses' annotations; problems by field path."""

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def fail(self, path: str, message: str) -> None:
        if len(self.problems) < _MAX_PROBLEMS:
            self.problems.append(FieldProblem(field=path, message=message))

    def value(self, raw: Any, kind: Any, path: str) -> Any:
        origin = typing.get_origin(kind)
        if origin in (types.UnionType, typing.Union):
            options = [k for k in typing.get_args(kind) if k is not type(None)]
            return None if raw is None else self.value(raw, options[0], path)
        if origin is list:
            if not isinstance(raw, list):
                self.fail(path, "must be a list")
                return []
            (item,) = typing.get_args(kind)
            return [self.value(v, item, f"{path}[{i}]") for i, v in enumerate(raw)]
        if isinstance(kind, type) and dataclasses.is_dataclass(kind):
            return self.record(raw, kind, path)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            choices = [m.value for m in kind]
            if raw not in choices:
                self.fail(path, f"must be one of {', '.join(map(str, choices))}")
                return next(iter(kind))
            return kind(raw)
        if kind is bool or kind is int:
            if not isinstance(raw, kind) or (kind is int and isinstance(raw, bool)):
                self.fail(path, f"must be {'true or false' if kind is bool else 'a whole number'}")
                return kind()
            return raw
        if kind is str:
            if not isinstance(raw, str):
                self.fail(path, "must be text")
                return ""
            return raw
        if kind in (dt.date, dt.datetime):
            return self.moment(raw, kind, path)
        raise TypeError(kind)  # a field type this converter does not know: a programming error

    def moment(self, raw: Any, kind: Any, path: str) -> Any:
        is_date = kind is dt.date
        try:
            if not isinstance(raw, str) or (is_date and len(raw) != 10):
                raise ValueError(raw)
            value = dt.date.fromisoformat(raw) if is_date else dt.datetime.fromisoformat(raw)
        except ValueError:
            self.fail(path, "must be a date YYYY-MM-DD" if is_date else "must be YYYY-MM-DDTHH:MM")
            return None
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            self.fail(path, "a local time of the airport, without an offset")
            return None
        return value

    def record(self, raw: Any, cls: type[T], path: str) -> T | None:
        prefix = f"{path}." if path else ""
        if not isinstance(raw, dict):
            self.fail(path or "(top)", "must be an object")
            return None
        plain: type = cls
        hints, fields = _field_types(plain), _fields(plain)
        for key in raw:
            if key not in fields:
                self.fail(f"{prefix}{key}", "unknown field")
        values: dict[str, Any] = {}
        for name, field in fields.items():
            if name in raw:
                converted = self.value(raw[name], hints[name], f"{prefix}{name}")
                if converted is not None or raw[name] is None:
                    values[name] = converted
            elif (
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING
            ):
                self.fail(f"{prefix}{name}", "required")
        try:
            return cls(**values)
        except TypeError:
            return None


def _refusal(problems: list[FieldProblem], what: str) -> InvalidInput:
    first = problems[0]
    where = f"line {first.line}, " if first.line else ""
    return InvalidInput(
        f"The {what} is not valid: {where}{first.field}: {first.message}"
        + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""),
        problems=problems,
    )


def manifest_json_read(raw: bytes, *, name: str, digest: str) -> ReadMessage:
    """The JSON form, strictly validated; see the module docstring."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _refusal([FieldProblem("file", "not UTF-8 text", line=1)], "JSON") from None
    except json.JSONDecodeError as error:
        problem = FieldProblem("json", error.msg, line=error.lineno)
        raise _refusal([problem], "JSON") from None
    converter = _Converter()
    if not isinstance(data, dict):
        raise _refusal([FieldProblem("(top)", "must be an object", line=1)], "JSON")
    if data.get("format") != JSON_FORMAT:
        converter.fail("format", f"must be {JSON_FORMAT!r}")
    unknown = set(data) - {"format", *JSON_CONTENT}
    for key in sorted(unknown):
        converter.fail(key, "unknown field")
    hints = _field_types(ReadMessage)
    values: dict[str, Any] = {}
    if "kind" not in data:
        converter.fail("kind", "required")
    for key in JSON_CONTENT:
        if key in data:
            values[key] = converter.value(data[key], hints[key], key)
    if converter.problems:
        raise _refusal(converter.problems, "JSON")
    message = ReadMessage(name=name, source_format=SourceFormat.JSON, digest=digest, **values)
    if message.kind is MessageKind.PAXLST and message.list_kind is None:
        message.list_kind = ListKind.PASSENGERS
    content_filter(message)
    return message


# ---- CSV -----------------------------------------------------------------------------------

# column: (required, what it holds) — docs/travel.md repeats this table
CSV_COLUMNS: dict[str, tuple[bool, str]] = {
    "carrier": (True, "airline code, 2 or 3 characters"),
    "flight_number": (True, "flight number, digits and an optional letter"),
    "departure_airport": (True, "IATA airport code"),
    "departs_at": (True, "local time of departure, YYYY-MM-DDTHH:MM"),
    "arrival_airport": (True, "IATA airport code"),
    "arrives_at": (False, "local time of arrival, YYYY-MM-DDTHH:MM"),
    "role": (True, "passenger or crew"),
    "family_name": (True, "as in the travel document"),
    "given_names": (False, "as in the travel document"),
    "sex": (False, "M, F, X or U"),
    "born_on": (False, "YYYY-MM-DD"),
    "nationality": (False, "ISO 3166 alpha-3"),
    "residence": (False, "ISO 3166 alpha-3"),
    "birthplace": (False, "text"),
    "embarks_at": (False, "IATA airport code"),
    "debarks_at": (False, "IATA airport code"),
    "document_kind": (False, "P passport, V visa, I identity card, …"),
    "document_number": (False, "text"),
    "document_issuing_state": (False, "ISO 3166 alpha-3"),
    "document_expires_on": (False, "YYYY-MM-DD"),
    "pnr_locator": (False, "booking reference"),
    "seat": (False, "text"),
}
_AIRPORT = re.compile(r"[A-Z]{3}")
_COUNTRY = re.compile(r"[A-Z]{3}")
_CARRIER = re.compile(r"[A-Z0-9]{2}[A-Z]?")
_FLIGHT_NUMBER = re.compile(r"\d{1,4}[A-Z]?")
_FLIGHT_COLUMNS = ("carrier", "flight_number", "departure_airport", "departs_at",
                   "arrival_airport", "arrives_at")  # fmt: skip


class _Row:
    def __init__(self, line: int, row: dict[str, str], problems: list[FieldProblem]) -> None:
        self.line, self.row, self.problems = line, row, problems

    def fail(self, column: str, message: str) -> None:
        if len(self.problems) < _MAX_PROBLEMS:
            self.problems.append(FieldProblem(field=column, message=message, line=self.line))

    def text(self, column: str) -> str:
        value = (self.row.get(column) or "").strip()
        if not value and CSV_COLUMNS[column][0]:
            self.fail(column, "required")
        return value

    def code(self, column: str, pattern: re.Pattern[str]) -> str:
        value = self.text(column).upper()
        if value and not pattern.fullmatch(value):
            self.fail(column, f"{value!r} is not {CSV_COLUMNS[column][1]}")
        return value

    def moment(self, column: str, kind: type[dt.date]) -> Any:
        value = self.text(column)
        if not value:
            return None
        try:
            if kind is dt.date:
                return (
                    dt.date.fromisoformat(value) if len(value) == 10 else dt.date.fromisoformat("")
                )
            parsed = dt.datetime.fromisoformat(value)
            if parsed.tzinfo is not None:
                raise ValueError(value)
            return parsed
        except ValueError:
            self.fail(column, f"{value!r} is not {CSV_COLUMNS[column][1]}")
            return None


def _csv_traveller(row: _Row) -> Traveller:
    role = row.text("role").lower()
    if role and role not in (TravellerRole.PASSENGER, TravellerRole.CREW):
        row.fail("role", f"{role!r} is not passenger or crew")
    sex = row.text("sex").upper()
    if sex not in ("", "M", "F", "X", "U"):
        row.fail("sex", f"{sex!r} is not M, F, X or U")
    traveller = Traveller(
        role=TravellerRole.CREW if role == "crew" else TravellerRole.PASSENGER,
        family_name=row.text("family_name"),
        given_names=row.text("given_names"),
        sex=sex,
        born_on=row.moment("born_on", dt.date),
        nationality=row.code("nationality", _COUNTRY),
        residence=row.code("residence", _COUNTRY),
        birthplace=row.text("birthplace"),
        embarks_at=row.code("embarks_at", _AIRPORT),
        debarks_at=row.code("debarks_at", _AIRPORT),
        pnr_locator=row.text("pnr_locator"),
        seat=row.text("seat"),
    )
    document = Document(
        kind=row.text("document_kind").upper(),
        number=row.text("document_number"),
        issuing_state=row.code("document_issuing_state", _COUNTRY),
        expires_on=row.moment("document_expires_on", dt.date),
    )
    if document.number or document.kind:
        traveller.documents.append(document)
    return traveller


def _csv_flight(row: _Row) -> Flight:
    leg = Leg(
        departure_airport=row.code("departure_airport", _AIRPORT),
        arrival_airport=row.code("arrival_airport", _AIRPORT),
        departs_at=row.moment("departs_at", dt.datetime),
        arrives_at=row.moment("arrives_at", dt.datetime),
    )
    number = row.code("flight_number", _FLIGHT_NUMBER).lstrip("0") or "0"
    return Flight(carrier=row.code("carrier", _CARRIER), number=number, legs=[leg])


def manifest_csv_read(raw: bytes, *, name: str, digest: str) -> ReadMessage:
    """The CSV form, strictly validated; see the module docstring."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refusal([FieldProblem("file", "not UTF-8 text", line=1)], "CSV") from None
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip())))
    except csv.Error as error:
        raise _refusal([FieldProblem("file", str(error), line=1)], "CSV") from None
    header = [h.strip().lower() for h in rows[0]] if rows else []
    problems = [
        FieldProblem(h or "(empty)", "unknown column", line=1)
        for h in header
        if h not in CSV_COLUMNS
    ]
    missing = [c for c, (required, _) in CSV_COLUMNS.items() if required and c not in header]
    problems += [FieldProblem(c, "required column missing", line=1) for c in missing]
    if len(set(header)) != len(header):
        problems.append(FieldProblem("header", "a column appears twice", line=1))
    if problems:
        raise _refusal(problems, "CSV")
    message = ReadMessage(
        name=name, kind=MessageKind.PAXLST, source_format=SourceFormat.CSV, digest=digest
    )
    flight_key: tuple[str, ...] | None = None
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(FieldProblem("row", f"{len(cells)} cells for {len(header)} columns",
                                         line=number))  # fmt: skip
            continue
        row = _Row(number, dict(zip(header, cells, strict=True)), problems)
        flight = _csv_flight(row)
        key = tuple((row.row.get(c) or "").strip().upper() for c in _FLIGHT_COLUMNS)
        if flight_key is None:
            flight_key = key
            message.flights.append(flight)
        elif key != flight_key:
            row.fail("carrier", "every row must name the same flight leg as the first")
        traveller = _csv_traveller(row)
        traveller.segment = 0
        message.travellers.append(traveller)
    if not message.travellers and not problems:
        problems.append(FieldProblem("file", "no traveller rows", line=2))
    if problems:
        raise _refusal(problems, "CSV")
    crew_only = all(t.role is TravellerRole.CREW for t in message.travellers)
    message.list_kind = ListKind.CREW if crew_only else ListKind.PASSENGERS
    return message


def _iso(value: dt.date | None) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat() if value else ""


def manifest_csv_write(message: ReadMessage) -> bytes:
    """The CSV form of a single-leg API message (the first flight's first leg)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    flight = message.flights[0] if message.flights else Flight()
    leg = flight.legs[0] if flight.legs else Leg()
    for t in message.all_travellers:
        document = t.documents[0] if t.documents else Document()
        writer.writerow([
            flight.carrier, flight.number, leg.departure_airport, _iso(leg.departs_at),
            leg.arrival_airport, _iso(leg.arrives_at), t.role.value, t.family_name,
            t.given_names, t.sex, _iso(t.born_on), t.nationality, t.residence, t.birthplace,
            t.embarks_at, t.debarks_at, document.kind, document.number,
            document.issuing_state, _iso(document.expires_on), t.pnr_locator, t.seat,
        ])  # fmt: skip
    return out.getvalue().encode()


# ---- the filter on content that arrives already structured ---------------------------------


def _holder_filter(holder: Traveller | PnrRecord, message: ReadMessage) -> None:
    kept_services = []
    for code in holder.services:
        category = sensitive.service_category(code)
        if category is None:
            kept_services.append(code)
        else:
            message.filtered.add(category)
    holder.services = kept_services
    kept_remarks = []
    for remark in holder.remarks:
        category = sensitive.text_category(remark)
        if category is None:
            kept_remarks.append(remark)
        else:
            message.filtered.add(category)
    holder.remarks = kept_remarks


def content_filter(message: ReadMessage) -> None:
    """Drop sensitive services, remarks and history items from content that arrived structured
    (JSON), counting them in `message.filtered`."""
    for traveller in message.all_travellers:
        _holder_filter(traveller, message)
    for pnr in message.pnrs:
        _holder_filter(pnr, message)
        kept = []
        for entry in pnr.history:
            code = entry.text.split(" ", 1)[0] if entry.element == "SSR" else ""
            category = sensitive.service_category(code) if code else None
            category = category or sensitive.text_category(entry.text)
            if category is None:
                kept.append(entry)
            else:
                message.filtered.add(category)
        pnr.history = kept


__all__ = ["Envelope", "manifest_csv_read", "manifest_json_read"]
