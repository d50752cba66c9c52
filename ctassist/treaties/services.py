"""Writes for treaties: loading the reference data, importing participation files (validated and
atomic), and recording one action from the web form — all through `actions_apply`."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from ctassist.core.access import can_edit_reference_data
from ctassist.core.audit import Actor, audit_creates
from ctassist.core.errors import BrokenRule, FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.services import record_update
from ctassist.core.setup import Progress
from ctassist.geo.models import State
from ctassist.geo.selectors import normalize_name, state_index
from ctassist.treaties.models import Coverage, Instrument, ParticipationAction
from ctassist.treaties.records import (
    PARTICIPATION_COLUMNS,
    InstrumentRecord,
    ParticipationRecord,
    RecordError,
    RecordErrors,
    parse_instruments_csv,
    parse_participation_csv,
)

REFERENCE_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class ImportReport:
    files: int = 0
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    created_ids: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.files} files, {self.rows} rows: {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged"
        )


def _problems(errors: Iterable[RecordError]) -> list[FieldProblem]:
    return [
        FieldProblem(field=f"{e.filename}: {e.field}", message=e.message, line=e.line)
        for e in errors
    ]


def _invalid(errors: Sequence[RecordError], *, rule: bool = False) -> InvalidInput:
    """`rule`: the records are well formed but name what is not stored (an unknown State)."""
    first = errors[0]
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return (BrokenRule if rule else InvalidInput)(
        f"{first.filename}, line {first.line}, field {first.field}: {first.message}{more}. "
        "Nothing was imported.",
        problems=_problems(errors),
    )


# --- reference data -----------------------------------------------------------------------


def _rules_missing(records: Sequence[InstrumentRecord]) -> list[RecordError]:
    """The reference data must give every instrument both entry-into-force rules (for the
    general entry into force and for a State joining later): without them effect dates cannot
    be computed, and the platform would have to guess."""
    missing = []
    for record in records:
        for field_name in ("eif_general_offset_kind", "eif_later_state_offset_kind"):
            if getattr(record, field_name) is None:
                missing.append(
                    RecordError(
                        record.filename,
                        record.line,
                        field_name,
                        f"{record.id}: no entry-into-force rule; give it from the treaty's "
                        "final clauses",
                    )
                )
    return missing


@transaction.atomic
def instruments_load(*, path: Path | None = None) -> int:
    path = path or REFERENCE_DIR / "reference" / "instruments.csv"
    try:
        records = parse_instruments_csv(path.read_text(encoding="utf-8"), filename=path.name)
    except RecordErrors as errors:
        raise _invalid(errors.errors) from None
    if missing := _rules_missing(records):
        raise _invalid(missing)
    for record in records:
        Instrument.objects.update_or_create(
            code=record.id,
            defaults={
                "seq": record.seq,
                "short_name": record.short_name,
                "full_title": record.full_title,
                "adoption_date": record.adoption_date,
                "adoption_place": record.adoption_place,
                "adopted_by": record.adopted_by or "",
                "depositary": record.depositary,
                "untc_mtdsg_no": record.untc_mtdsg_no or "",
                "unts_registration_no": record.unts_registration_no or "",
                "eif_article": record.eif_article or "",
                "eif_threshold": record.eif_threshold or "",
                "eif_general_rule": record.eif_general_rule or "",
                "eif_general_offset_kind": record.eif_general_offset_kind or "",
                "eif_general_offset_days": record.eif_general_offset_days,
                "eif_later_state_rule": record.eif_later_state_rule or "",
                "eif_later_state_offset_kind": record.eif_later_state_offset_kind or "",
                "eif_later_state_offset_days": record.eif_later_state_offset_days,
                "eif_later_state_floor_is_general_eif": record.eif_later_state_floor_is_general_eif,
                "entry_into_force_date": record.entry_into_force_date,
                "relation": record.relation or "",
                "related_instrument_ids": ";".join(record.related_instrument_ids),
                "sources": " | ".join(record.sources),
                "verification_note": record.verification_note or "",
            },
        )
    return len(records)


def _optional_date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@transaction.atomic
def coverage_load(*, path: Path | None = None) -> int:
    """Replace the coverage facts with those of coverage.csv (they are reference facts)."""
    path = path or REFERENCE_DIR / "coverage.csv"
    instruments = {i.code: i for i in Instrument.objects.all()}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    wanted = []
    for line, row in enumerate(rows, start=2):
        instrument = instruments.get(row["instrument_id"])
        if instrument is None:
            raise InvalidInput(
                f"{path.name}, line {line}, field instrument_id: unknown "
                f"instrument {row['instrument_id']!r}"
            )
        count = row["depositary_party_count"]
        wanted.append(
            Coverage(
                instrument=instrument,
                depositary_party_count=int(count) if count else None,
                depositary_count_as_at=_optional_date(row["depositary_count_as_at"]),
                complete_scope=row["complete_scope"],
                complete_from=row["complete_from"],
                complete_to=row["complete_to"],
                complete_as_at=_optional_date(row["complete_as_at"]),
                missing_note=row["missing_note"],
                source=row["source"],
            )
        )
    current = [_coverage_key(c) for c in Coverage.objects.order_by("id")]
    new = [_coverage_key(c) for c in wanted]
    if current != new:
        Coverage.objects.all().delete()
        Coverage.objects.bulk_create(wanted)
    return len(wanted)


def _coverage_key(c: Coverage) -> tuple[object, ...]:
    """What makes two coverage rows the same fact."""
    return (
        c.instrument_id,
        c.depositary_party_count,
        c.depositary_count_as_at,
        c.complete_scope,
        c.complete_from,
        c.complete_to,
        c.complete_as_at,
        c.missing_note,
        c.source,
    )


def treaties_reference_load(*, progress: Progress | None = None) -> ImportReport:
    """`ctassist init`: the 19 instruments, their coverage, and the shipped participation
    files. Idempotent: a second run changes nothing."""
    instruments_load()
    coverage_load()
    paths = sorted((REFERENCE_DIR / "reference" / "participation").glob("*.csv"))
    return participation_import(actor=None, paths=paths, progress=progress)


# --- participation ------------------------------------------------------------------------


_COMPARED = ("effective_date", "participant_name", "source_url", "status_as_at", "note")


def _resolve(
    records: Sequence[ParticipationRecord], errors: list[RecordError]
) -> list[tuple[ParticipationRecord, Instrument, State]]:
    instruments = {i.code: i for i in Instrument.objects.all()}
    names = state_index()
    resolved = []
    for record in records:
        instrument = instruments.get(record.instrument_id)
        if instrument is None:
            errors.append(
                RecordError(
                    record.filename,
                    record.line,
                    "instrument_id",
                    f"unknown instrument {record.instrument_id!r}",
                )
            )
            continue
        state = names.get(normalize_name(record.iso3 or "")) if record.iso3 else None
        if state is None:
            state = names.get(normalize_name(record.participant))
        if state is None:
            field_name = "iso3" if record.iso3 else "participant"
            value = record.iso3 or record.participant
            errors.append(
                RecordError(record.filename, record.line, field_name, f"unknown State {value!r}")
            )
            continue
        resolved.append((record, instrument, state))
    return resolved


def _key(
    instrument_id: int, state_id: int, kind: str, date: dt.date | None
) -> tuple[int, int, str, dt.date | None]:
    return (instrument_id, state_id, kind, date)


@transaction.atomic
def actions_apply(
    *, actor: Actor, records: Sequence[ParticipationRecord], report: ImportReport | None = None
) -> ImportReport:
    """Create or update actions from validated records, all or nothing. The natural key is
    (instrument, State, action, date); a record identical to the stored one changes nothing."""
    report = report or ImportReport()
    errors: list[RecordError] = []
    resolved = _resolve(records, errors)
    if errors:
        raise _invalid(errors, rule=True)
    existing = {
        _key(a.instrument_id, a.state_id, a.kind, a.date): a
        for a in ParticipationAction.objects.filter(
            instrument__in={inst.pk for _, inst, _ in resolved}
        )
    }
    to_create: list[ParticipationAction] = []
    for record, instrument, state in resolved:
        report.rows += 1
        values = {
            "effective_date": record.effective_date,
            "participant_name": record.participant,
            "source_url": record.source_url,
            "status_as_at": record.status_as_at,
            "note": record.note,
        }
        key = _key(instrument.pk, state.pk, str(record.action), record.date)
        stored = existing.get(key)
        if stored is None:
            action = ParticipationAction(
                instrument=instrument,
                state=state,
                kind=str(record.action),
                date=record.date,
                **values,
            )
            existing[key] = action
            to_create.append(action)
        elif any(getattr(stored, name) != value for name, value in values.items()):
            if stored.pk is None:  # the same key twice in this batch: the later row wins
                for name, value in values.items():
                    setattr(stored, name, value)
                continue
            record_update(
                actor=actor,
                instance=stored,
                expected_version=stored.version,
                changes=values,
                note=f"import {record.filename}:{record.line}",
            )
            report.updated += 1
        else:
            report.unchanged += 1
    created = ParticipationAction.objects.bulk_create(to_create)
    audit_creates(actor=actor, instances=created, note="participation import")
    report.created += len(created)
    report.created_ids.extend(a.pk for a in created)
    return report


def participation_import(
    *, actor: Actor, paths: Sequence[Path], progress: Progress | None = None
) -> ImportReport:
    """Import participation CSV files (the shape of shared/data/treaties/participation).
    Every file is validated first; any problem — unknown State, bad date, unknown action —
    fails the whole import with file, line and field, and the database stays as it was."""
    records: list[ParticipationRecord] = []
    errors: list[RecordError] = []
    known = set(Instrument.objects.values_list("code", flat=True))
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            errors.append(RecordError(str(path), 0, "file", f"cannot be read: {error}"))
            continue
        try:
            records.extend(
                parse_participation_csv(text, filename=Path(path).name, known_instrument_ids=known)
            )
        except RecordErrors as problems:
            errors.extend(problems.errors)
        if progress:
            progress(1, len(paths))
    if errors:
        raise _invalid(errors)
    report = actions_apply(actor=actor, records=records)
    report.files = len(paths)
    return report


def action_record(*, actor: Actor, row: dict[str, str]) -> ParticipationAction:
    """An editor records one action (web form or API): the same validation as a CSV row, the
    same apply step as the importer, audited."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied("Only editors and administrators can record treaty actions.")
    row = dict(row)
    participant = row.get("participant", "").strip()
    if not row.get("iso3") and len(participant) == 3 and participant.isalpha():
        row["iso3"] = participant.upper()  # an ISO alpha-3 code typed as the participant
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PARTICIPATION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow({column: row.get(column, "") for column in PARTICIPATION_COLUMNS})
    known = set(Instrument.objects.values_list("code", flat=True))
    try:
        records = parse_participation_csv(
            buffer.getvalue(),
            filename="form",
            known_instrument_ids=known,
            instrument_id=row.get("instrument_id") or None,
        )
    except RecordErrors as problems:
        # The API's schema has already refused whatever is malformed (ActionIn); what the parser
        # still finds are rules between fields (a signature with an effective date, dates out
        # of order). The web form shows the same messages.
        raise BrokenRule(
            "; ".join(f"{e.field}: {e.message}" for e in problems.errors),
            problems=[FieldProblem(field=e.field, message=e.message) for e in problems.errors],
        ) from None
    resolved = _resolve(records, [])
    actions_apply(actor=actor, records=records)
    if not resolved:  # actions_apply raised already; kept for the type checker
        raise InvalidInput("The State could not be resolved.")
    record, instrument, state = resolved[0]
    return ParticipationAction.objects.select_related("instrument", "state").get(
        instrument=instrument, state=state, kind=str(record.action), date=record.date
    )
