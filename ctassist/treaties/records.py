"""Parse and validate the treaty CSV files of ``shared/data/treaties``. No Django.

Every problem becomes a :class:`RecordError` naming the file, the line (1-based, the header is
line 1) and the field; a file's errors are all raised together in :class:`RecordErrors`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from ctassist.treaties.rules import (
    Action,
    ActionKind,
    EifRule,
    GeneralOffset,
    GeneralOffsetKind,
    LaterStateOffset,
    LaterStateOffsetKind,
    parse_threshold,
)

__all__ = [
    "INSTRUMENT_COLUMNS",
    "PARTICIPATION_COLUMNS",
    "RELATIONS",
    "InstrumentRecord",
    "ParticipationRecord",
    "RecordError",
    "RecordErrors",
    "eif_rule_from_record",
    "parse_instruments_csv",
    "parse_participation_csv",
    "shared_data_dir",
]

SHARED_DATA_ENV = "CTASSIST_SHARED_DATA"

PARTICIPATION_COLUMNS: tuple[str, ...] = (
    "instrument_id",
    "participant",
    "iso3",
    "action",
    "date",
    "effective_date",
    "source_url",
    "status_as_at",
    "note",
)
INSTRUMENT_COLUMNS: tuple[str, ...] = (
    "seq",
    "id",
    "short_name",
    "full_title",
    "adoption_date",
    "adoption_place",
    "adopted_by",
    "depositary",
    "untc_mtdsg_no",
    "unts_registration_no",
    "eif_article",
    "eif_threshold",
    "eif_general_rule",
    "eif_general_offset_kind",
    "eif_general_offset_days",
    "eif_later_state_rule",
    "eif_later_state_offset_kind",
    "eif_later_state_offset_days",
    "eif_later_state_floor_is_general_eif",
    "entry_into_force_date",
    "relation",
    "related_instrument_ids",
    "sources",
    "verification_note",
)
RELATIONS = frozenset(
    {"amends", "amended_by", "supplements", "supplemented_by", "supersedes_between_parties"}
)

_INSTRUMENT_ID = re.compile(r"[A-Z][A-Z0-9_]*")
_ISO3 = re.compile(r"[A-Z]{3}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL = re.compile(r"https?://\S+")
_MTDSG_NO = re.compile(r"[IVXLC]+-\d+")
_DIGITS = re.compile(r"\d+")
_CONDITIONAL_RULE = re.compile(r"\bnot before\b|\(if\b")

_Enum = TypeVar("_Enum", bound=StrEnum)
_Record = TypeVar("_Record", "ParticipationRecord", "InstrumentRecord")


def shared_data_dir() -> Path:
    """``$CTASSIST_SHARED_DATA``, else ``<repo root>/../shared/data``."""
    configured = os.environ.get(SHARED_DATA_ENV, "")
    if configured:
        return Path(configured)
    return (Path(__file__).resolve().parents[2] / ".." / "shared" / "data").resolve()


@dataclass(frozen=True)
class RecordError:
    filename: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.filename}:{self.line}: {self.field}: {self.message}"


class RecordErrors(ValueError):
    """All problems found in one file."""

    def __init__(self, errors: Collection[RecordError]) -> None:
        self.errors: tuple[RecordError, ...] = tuple(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass(frozen=True)
class ParticipationRecord:
    filename: str
    line: int
    instrument_id: str
    participant: str
    iso3: str | None  # None for an organisation (EURATOM)
    action: ActionKind
    date: dt.date | None
    effective_date: dt.date | None
    source_url: str
    status_as_at: dt.date | None
    note: str

    @property
    def state_key(self) -> str:
        """ISO3 code; the participant's name for an organisation without one."""
        return self.iso3 or self.participant

    def to_action(self) -> Action:
        return Action(
            state=self.state_key,
            kind=self.action,
            date=self.date,
            effective_date=self.effective_date,
        )


@dataclass(frozen=True)
class InstrumentRecord:
    filename: str
    line: int
    seq: int
    id: str
    short_name: str
    full_title: str
    adoption_date: dt.date
    adoption_place: str
    adopted_by: str | None
    depositary: str
    untc_mtdsg_no: str | None
    unts_registration_no: str | None
    eif_article: str | None
    eif_threshold: str | None
    eif_general_rule: str | None
    eif_general_offset_kind: GeneralOffsetKind | None
    eif_general_offset_days: int | None
    eif_later_state_rule: str | None
    eif_later_state_offset_kind: LaterStateOffsetKind | None
    eif_later_state_offset_days: int | None
    eif_later_state_floor_is_general_eif: bool | None
    entry_into_force_date: dt.date | None
    relation: str | None
    related_instrument_ids: tuple[str, ...]
    sources: tuple[str, ...]
    verification_note: str | None


# --- reading --------------------------------------------------------------------------------


class _Row:
    """One data row's cells plus the error list they report into."""

    def __init__(
        self, filename: str, line: int, cells: dict[str, str], errors: list[RecordError]
    ) -> None:
        self.filename = filename
        self.line = line
        self.cells = cells
        self.errors = errors

    def error(self, field: str, message: str) -> None:
        self.errors.append(RecordError(self.filename, self.line, field, message))

    def optional(self, field: str) -> str | None:
        value = self.cells[field].strip()
        return value or None

    def required(self, field: str) -> str:
        value = self.optional(field)
        if value is None:
            self.error(field, "missing value")
            return ""
        return value

    def matching(self, field: str, pattern: re.Pattern[str], what: str) -> str | None:
        value = self.optional(field)
        if value is not None and pattern.fullmatch(value) is None:
            self.error(field, f"not {what}: {value!r}")
            return None
        return value

    def date(self, field: str, *, required: bool = False) -> dt.date | None:
        value = self.required(field) if required else self.optional(field)
        if not value:
            return None
        if _ISO_DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.error(field, f"not an ISO date (YYYY-MM-DD): {value!r}")
        return None

    def integer(self, field: str, *, minimum: int) -> int | None:
        value = self.optional(field)
        if value is None:
            return None
        if _DIGITS.fullmatch(value) is None or int(value) < minimum:
            self.error(field, f"not an integer >= {minimum}: {value!r}")
            return None
        return int(value)

    def choice(self, field: str, enum: type[_Enum]) -> _Enum | None:
        value = self.optional(field)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.error(field, f"unknown value {value!r} (allowed: {allowed})")
            return None


def _rows(
    text: str, *, filename: str, columns: tuple[str, ...], errors: list[RecordError]
) -> Iterator[_Row]:
    """Yield data rows of a CSV with exactly ``columns`` as header; header problems stop it."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        errors.append(RecordError(filename, 1, "header", f"unreadable CSV: {exc}"))
        return
    if header is None:
        errors.append(RecordError(filename, 1, "header", "empty file: no header"))
        return
    if tuple(header) != columns:
        errors_before = len(errors)
        for column in columns:
            if column not in header:
                errors.append(RecordError(filename, 1, column, "missing header column"))
        for column in dict.fromkeys(header):
            if column not in columns:
                field = column.strip() or "header"
                errors.append(RecordError(filename, 1, field, f"unexpected column {column!r}"))
        if len(errors) == errors_before:
            expected = ",".join(columns)
            errors.append(
                RecordError(filename, 1, "header", f"columns out of order; expected {expected}")
            )
        return
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            errors.append(RecordError(filename, line, "row", f"unreadable CSV: {exc}"))
            return
        if cells is None:
            return
        if not cells or all(not cell.strip() for cell in cells):
            continue  # blank line
        if len(cells) != len(columns):
            message = f"expected {len(columns)} cells, found {len(cells)}"
            errors.append(RecordError(filename, line, "row", message))
            continue
        yield _Row(filename, line, dict(zip(columns, cells, strict=True)), errors)


def _parse(
    text: str,
    *,
    filename: str,
    columns: tuple[str, ...],
    parse_row: Callable[[_Row], _Record | None],
) -> tuple[list[_Record], list[RecordError]]:
    errors: list[RecordError] = []
    records: list[_Record] = []
    for row in _rows(text, filename=filename, columns=columns, errors=errors):
        errors_before = len(errors)
        record = parse_row(row)
        if record is not None and len(errors) == errors_before:
            records.append(record)
    return records, errors


# --- participation files --------------------------------------------------------------------


def parse_participation_csv(
    text: str,
    *,
    filename: str,
    instrument_id: str | None = None,
    known_instrument_ids: Collection[str] | None = None,
) -> list[ParticipationRecord]:
    """Parse one ``participation/<ID>.csv``. The expected instrument id is ``instrument_id``, else
    the file name's stem when it looks like an id (``HOSTAGES_1979.csv``)."""
    stem = Path(filename).stem
    expected = instrument_id or (stem if _INSTRUMENT_ID.fullmatch(stem) else None)
    seen: dict[tuple[str, str, str, str], int] = {}

    def parse_row(row: _Row) -> ParticipationRecord | None:
        record_id = row.matching("instrument_id", _INSTRUMENT_ID, "an instrument id")
        if row.optional("instrument_id") is None:
            row.error("instrument_id", "missing value")
        elif record_id is not None:
            if expected is not None and record_id != expected:
                row.error("instrument_id", f"{record_id!r} in the file for {expected!r}")
            elif known_instrument_ids is not None and record_id not in known_instrument_ids:
                row.error("instrument_id", f"unknown instrument {record_id!r}")
        participant = row.required("participant")
        iso3 = row.matching("iso3", _ISO3, "an ISO 3166 alpha-3 code")
        action = row.choice("action", ActionKind)
        if row.optional("action") is None:
            row.error("action", "missing value")
        date = row.date("date")
        effective_date = row.date("effective_date")
        source_url = row.matching("source_url", _URL, "an http(s) URL")
        if row.optional("source_url") is None:
            row.error("source_url", "missing value")
        status_as_at = row.date("status_as_at")
        note = row.cells["note"].strip()
        if action is not None:
            _check_participation_dates(row, action, date, effective_date)
        if action is None or record_id is None or source_url is None or not participant:
            return None
        key = (iso3 or participant, action.value, str(date), str(effective_date))
        if key in seen:
            row.error("participant", f"duplicate of line {seen[key]}")
        seen.setdefault(key, row.line)
        return ParticipationRecord(
            filename=filename,
            line=row.line,
            instrument_id=record_id,
            participant=participant,
            iso3=iso3,
            action=action,
            date=date,
            effective_date=effective_date,
            source_url=source_url,
            status_as_at=status_as_at,
            note=note,
        )

    records, errors = _parse(
        text, filename=filename, columns=PARTICIPATION_COLUMNS, parse_row=parse_row
    )
    if errors:
        raise RecordErrors(errors)
    return records


def _check_participation_dates(
    row: _Row, action: ActionKind, date: dt.date | None, effective_date: dt.date | None
) -> None:
    raw_date, raw_effective = row.optional("date"), row.optional("effective_date")
    if raw_date is None and raw_effective is None:
        row.error("date", "neither date nor effective_date given")
    if action in (ActionKind.SIGNATURE, ActionKind.SUCCESSION_TO_SIGNATURE):
        if raw_date is None:
            row.error("date", f"a {action.value} needs its date")
        if raw_effective is not None:
            row.error("effective_date", f"a {action.value} has no effective date")
    elif (
        action != ActionKind.SUCCESSION
        and date is not None
        and effective_date is not None
        and effective_date < date
    ):
        row.error("effective_date", f"before the {action.value} date {date.isoformat()}")


# --- instruments.csv ------------------------------------------------------------------------


def parse_instruments_csv(text: str, *, filename: str) -> list[InstrumentRecord]:
    """Parse ``instruments.csv``. Empty cells (not verified) become ``None``."""
    seqs: dict[int, int] = {}
    ids: dict[str, int] = {}

    def parse_row(row: _Row) -> InstrumentRecord | None:
        seq = row.integer("seq", minimum=1)
        if row.optional("seq") is None:
            row.error("seq", "missing value")
        elif seq is not None:
            if seq in seqs:
                row.error("seq", f"duplicate of line {seqs[seq]}")
            seqs.setdefault(seq, row.line)
        instrument_id = row.matching("id", _INSTRUMENT_ID, "an instrument id")
        if row.optional("id") is None:
            row.error("id", "missing value")
        elif instrument_id is not None:
            if instrument_id in ids:
                row.error("id", f"duplicate of line {ids[instrument_id]}")
            ids.setdefault(instrument_id, row.line)
        adoption_date = row.date("adoption_date", required=True)
        entry_into_force_date = row.date("entry_into_force_date")
        if adoption_date and entry_into_force_date and entry_into_force_date < adoption_date:
            row.error("entry_into_force_date", "before the adoption date")
        general_kind = row.choice("eif_general_offset_kind", GeneralOffsetKind)
        general_days = row.integer("eif_general_offset_days", minimum=0)
        _check_offset(row, "eif_general_offset", general_kind, general_days)
        later_kind = row.choice("eif_later_state_offset_kind", LaterStateOffsetKind)
        later_days = row.integer("eif_later_state_offset_days", minimum=0)
        _check_offset(row, "eif_later_state_offset", later_kind, later_days)
        relation = row.optional("relation")
        if relation is not None and relation not in RELATIONS:
            row.error("relation", f"unknown relation {relation!r}")
        related = tuple(
            part.strip() for part in (row.optional("related_instrument_ids") or "").split(";")
        )
        related = tuple(part for part in related if part)
        for part in related:
            if _INSTRUMENT_ID.fullmatch(part) is None:
                row.error("related_instrument_ids", f"not an instrument id: {part!r}")
        if bool(relation) != bool(related):
            row.error("related_instrument_ids", "relation and related ids go together")
        sources = tuple(
            part.strip() for part in row.required("sources").split(" | ") if part.strip()
        )
        record = InstrumentRecord(
            filename=row.filename,
            line=row.line,
            seq=seq or 0,
            id=instrument_id or "",
            short_name=row.required("short_name"),
            full_title=row.required("full_title"),
            adoption_date=adoption_date or dt.date.min,
            adoption_place=row.required("adoption_place"),
            adopted_by=row.optional("adopted_by"),
            depositary=row.required("depositary"),
            untc_mtdsg_no=row.matching("untc_mtdsg_no", _MTDSG_NO, "a UNTC number like XVIII-5"),
            unts_registration_no=row.matching("unts_registration_no", _DIGITS, "a number"),
            eif_article=row.optional("eif_article"),
            eif_threshold=row.optional("eif_threshold"),
            eif_general_rule=row.optional("eif_general_rule"),
            eif_general_offset_kind=general_kind,
            eif_general_offset_days=general_days,
            eif_later_state_rule=row.optional("eif_later_state_rule"),
            eif_later_state_offset_kind=later_kind,
            eif_later_state_offset_days=later_days,
            eif_later_state_floor_is_general_eif=_yes_no(
                row, "eif_later_state_floor_is_general_eif"
            ),
            entry_into_force_date=entry_into_force_date,
            relation=relation,
            related_instrument_ids=related,
            sources=sources,
            verification_note=row.optional("verification_note"),
        )
        return record

    records, errors = _parse(
        text, filename=filename, columns=INSTRUMENT_COLUMNS, parse_row=parse_row
    )
    for record in records:
        for related_id in record.related_instrument_ids:
            if related_id not in ids:
                errors.append(
                    RecordError(
                        filename,
                        record.line,
                        "related_instrument_ids",
                        f"{related_id!r} is not an instrument in this file",
                    )
                )
    if errors:
        raise RecordErrors(sorted(errors, key=lambda error: error.line))
    return records


def _yes_no(row: _Row, field: str) -> bool | None:
    value = row.optional(field)
    if value is None:
        return None
    if value in ("yes", "no"):
        return value == "yes"
    row.error(field, f"expected yes, no or empty: {value!r}")
    return None


def _check_offset(
    row: _Row,
    prefix: str,
    kind: GeneralOffsetKind | LaterStateOffsetKind | None,
    days: int | None,
) -> None:
    raw_days = row.optional(f"{prefix}_days")
    if kind is None:
        if raw_days is not None and row.optional(f"{prefix}_kind") is None:
            row.error(f"{prefix}_days", "days given without a kind")
        return
    if kind.value in ("days_after_deposit", "days_after_threshold") and raw_days is None:
        row.error(f"{prefix}_days", f"{kind.value} needs a number of days")
    elif kind.value == "first_day_of_second_month" and raw_days is not None:
        row.error(f"{prefix}_days", "first_day_of_second_month takes no days")
    elif kind.value == "same_day" and days not in (None, 0):
        row.error(f"{prefix}_days", "same_day takes 0 days or none")


def eif_rule_from_record(record: InstrumentRecord) -> EifRule:
    """The computable rule of an instrument; unverified parts stay ``None``.

    A general rule worded with "not before" or "(if ...)" adds that wording to ``conditions``.
    """
    terms = parse_threshold(record.eif_threshold)
    conditions = terms.conditions
    if record.eif_general_rule and _CONDITIONAL_RULE.search(record.eif_general_rule):
        conditions = (*conditions, record.eif_general_rule)
    general = (
        GeneralOffset(record.eif_general_offset_kind, record.eif_general_offset_days)
        if record.eif_general_offset_kind is not None
        else None
    )
    later_days = record.eif_later_state_offset_days
    if record.eif_later_state_offset_kind == LaterStateOffsetKind.SAME_DAY:
        later_days = None
    later = (
        LaterStateOffset(record.eif_later_state_offset_kind, later_days)
        if record.eif_later_state_offset_kind is not None
        else None
    )
    return EifRule(
        instrument_id=record.id,
        threshold_count=terms.count,
        qualifying_kinds=terms.qualifying_kinds,
        general_offset=general,
        later_state_offset=later,
        floor_is_general_eif=record.eif_later_state_floor_is_general_eif,
        conditions=conditions,
        published_general_eif=record.entry_into_force_date,
    )
