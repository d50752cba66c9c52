"""Back-capture of paper registers: one row per accused person (rows with the same
prosecution number form one case), from CSV or XLSX, with scanned files attached. Every row is
checked first and every problem reported with its row and column; if any row is wrong nothing is
written. The format is documented in docs/cases-backcapture.md."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from ctassist.cases.models import CaseFile, Charge, CustodyTransfer, Evidence, Person, Stage, Unit
from ctassist.core.audit import Actor, audit_creates
from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.core.spreadsheets import cell_choice, cell_date
from ctassist.core.stored_files import file_store
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument

COLUMNS = (
    "prosecution_ref",
    "title",
    "stage",
    "offence_date",
    "police_ref",
    "court_ref",
    "facts",
    "accused_name",
    "date_of_birth",
    "sex",
    "nationality",
    "detention",
    "custody_start",
    "offence",
    "instrument",
    "disposition",
    "disposition_date",
    "sentence",
    "scan",
)
REQUIRED = ("prosecution_ref", "title", "accused_name")


@dataclass
class _Row:
    number: int
    case: dict[str, Any]
    person: dict[str, Any]
    charge: dict[str, Any] | None
    scan: tuple[str, bytes] | None


@dataclass
class BackcaptureReport:
    cases: int = 0
    persons: int = 0
    charges: int = 0
    scans: int = 0
    problems: list[FieldProblem] = field(default_factory=list)


def _check(
    number: int,
    cells: dict[str, str],
    lookups: dict[str, Any],
    scans_dir: Path | None,
    problems: list[FieldProblem],
) -> _Row:
    unknown = sorted(set(cells) - set(COLUMNS))
    for column in unknown:
        problems.append(FieldProblem(column, "unknown column", number))
    for column in REQUIRED:
        if not cells.get(column):
            problems.append(FieldProblem(column, "required", number))
    nationality = None
    if cells.get("nationality"):
        nationality = lookups["states"].get(cells["nationality"].upper())
        if nationality is None:
            problems.append(
                FieldProblem("nationality", f"unknown country {cells['nationality']!r}", number)
            )
    instrument = None
    if cells.get("instrument"):
        instrument = lookups["instruments"].get(cells["instrument"])
        if instrument is None:
            problems.append(
                FieldProblem("instrument", f"unknown instrument {cells['instrument']!r}", number)
            )
    disposition = cell_choice(
        cells.get("disposition", ""),
        list(Charge.Disposition.values),
        number,
        "disposition",
        problems,
    )
    disposition_date = cell_date(
        cells.get("disposition_date", ""), number, "disposition_date", problems
    )
    if disposition and disposition != "pending" and disposition_date is None:
        problems.append(FieldProblem("disposition_date", "required with an outcome", number))
    if disposition and not cells.get("offence"):
        problems.append(FieldProblem("offence", "required with an outcome", number))
    detention = cell_choice(
        cells.get("detention", ""), list(Person.Detention.values), number, "detention", problems
    )
    custody_start = cell_date(cells.get("custody_start", ""), number, "custody_start", problems)
    if detention == Person.Detention.IN_CUSTODY and custody_start is None:
        problems.append(FieldProblem("custody_start", "required for a person in custody", number))
    scan = None
    if cells.get("scan"):
        name = cells["scan"]
        path = (scans_dir / name).resolve() if scans_dir else None
        if path is None or scans_dir is None or scans_dir.resolve() not in path.parents:
            problems.append(FieldProblem("scan", "scans need --attachments DIR", number))
        elif not path.is_file():
            problems.append(FieldProblem("scan", f"no file {name!r} in {scans_dir}", number))
        else:
            scan = (name, path.read_bytes())
    return _Row(
        number=number,
        case={
            "prosecution_ref": cells.get("prosecution_ref", ""),
            "title": cells.get("title", ""),
            "stage": cell_choice(
                cells.get("stage", ""), list(Stage.values), number, "stage", problems
            )
            or Stage.INVESTIGATION,
            "offence_date": cell_date(
                cells.get("offence_date", ""), number, "offence_date", problems
            ),
            "police_ref": cells.get("police_ref", ""),
            "court_ref": cells.get("court_ref", ""),
            "facts": cells.get("facts", ""),
        },
        person={
            "role": Person.Role.ACCUSED,
            "full_name": cells.get("accused_name", ""),
            "date_of_birth": cell_date(
                cells.get("date_of_birth", ""), number, "date_of_birth", problems
            ),
            "sex": cell_choice(
                cells.get("sex", ""), list(Person.Sex.values), number, "sex", problems
            )
            or Person.Sex.UNKNOWN,
            "nationality": nationality,
            "detention": detention or Person.Detention.NOT_DETAINED,
            "custody_start": custody_start,
        },
        charge=(
            {
                "offence": cells["offence"],
                "instrument": instrument,
                "disposition": disposition or Charge.Disposition.PENDING,
                "disposition_date": disposition_date,
                "sentence": cells.get("sentence", ""),
            }
            if cells.get("offence")
            else None
        ),
        scan=scan,
    )


def cases_backcapture(
    *, actor: Actor, unit: Unit, rows: Iterator[tuple[int, dict[str, str]]], scans_dir: Path | None
) -> BackcaptureReport:
    """Check every row, then write everything in one transaction (or nothing, with every
    problem listed by row and column)."""
    lookups = {
        "states": {s.code: s for s in State.objects.all()},
        "instruments": {i.code: i for i in Instrument.objects.all()},
    }
    problems: list[FieldProblem] = []
    checked = [_check(number, cells, lookups, scans_dir, problems) for number, cells in rows]
    existing = set(
        CaseFile.objects.filter(
            unit=unit, prosecution_ref__in=[r.case["prosecution_ref"] for r in checked]
        ).values_list("prosecution_ref", flat=True)
    )
    for row in checked:
        if row.case["prosecution_ref"] in existing:
            problems.append(
                FieldProblem(
                    "prosecution_ref",
                    f"{row.case['prosecution_ref']!r} is already a case of this unit",
                    row.number,
                )
            )
    if problems:
        raise InvalidInput(
            f"{len(problems)} problem(s) in the file; nothing was imported.", problems=problems
        )
    report = BackcaptureReport()
    created: list[Any] = []
    with transaction.atomic():
        cases: dict[str, CaseFile] = {}
        for row in checked:
            case = cases.get(row.case["prosecution_ref"])
            if case is None:
                case = CaseFile.objects.create(unit=unit, **row.case)
                cases[row.case["prosecution_ref"]] = case
                created.append(case)
                report.cases += 1
            person = Person.objects.create(case=case, **row.person)
            created.append(person)
            report.persons += 1
            if row.charge:
                created.append(Charge.objects.create(person=person, **row.charge))
                report.charges += 1
            if row.scan:
                name, content = row.scan
                evidence = Evidence(
                    case=case,
                    number=f"SCAN-{case.evidence.count() + 1}",
                    description=f"Scanned paper file: {name}",
                    kind=Evidence.Kind.DOCUMENT,
                    holder="registry",
                    filename=name,
                    sha256=hashlib.sha256(content).hexdigest(),
                )
                file_store(evidence.file, name, content)
                evidence.save()
                CustodyTransfer.objects.create(
                    evidence=evidence,
                    at=timezone.now(),
                    from_holder="",
                    to_holder="registry",
                    note="back-capture",
                )
                created.append(evidence)
                report.scans += 1
        for case in cases.values():
            accused = [p for p in case.persons.all() if p.is_child]
            if accused:
                CaseFile.objects.filter(pk=case.pk).update(juvenile=True)
        audit_creates(actor=actor, instances=created, note="back-capture import")
    return report
