"""Back-capture of a prison's paper register: one row per prisoner, from XLSX (or CSV), with the
cell each is held in. Every row is checked first — the housing rules too, through
`services.housing_check`, counting the file's earlier rows in the same cell — and every problem
reported with its row and column; if any row is wrong nothing is written. The format is in
docs/prisons.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ctassist.core.audit import Actor
from ctassist.core.errors import BrokenRule, FieldProblem, InvalidInput
from ctassist.core.spreadsheets import cell_choice, cell_date
from ctassist.geo.models import State
from ctassist.prisons.models import Cell, Prison, Prisoner, Sex
from ctassist.prisons.services import housing_check, prisoner_admit, prisoner_house

COLUMNS = (
    "number",
    "full_name",
    "sex",
    "date_of_birth",
    "nationality",
    "admitted_on",
    "unit",
    "cell",
    "housing_reason",
)
REQUIRED = ("number", "full_name", "sex", "admitted_on")


@dataclass
class _Row:
    number: int
    prisoner: dict[str, Any]
    cell: Cell | None
    reason: str


@dataclass
class BackcaptureReport:
    prisoners: int = 0
    housed: int = 0
    problems: list[FieldProblem] = field(default_factory=list)


def _check(
    number: int,
    cells: dict[str, str],
    lookups: dict[str, Any],
    placed: dict[int, int],
    seen: set[str],
    problems: list[FieldProblem],
) -> _Row:
    for column in sorted(set(cells) - set(COLUMNS)):
        problems.append(FieldProblem(column, _("unknown column"), number))
    for column in REQUIRED:
        if not cells.get(column):
            problems.append(FieldProblem(column, _("required"), number))
    register = cells.get("number", "")
    if register in lookups["numbers"]:
        problems.append(FieldProblem("number", _("already a prisoner of this prison"), number))
    elif register and register in seen:
        problems.append(FieldProblem("number", _("twice in the file"), number))
    seen.add(register)
    sex = cell_choice(cells.get("sex", ""), Sex.values, number, "sex", problems)
    born = cell_date(cells.get("date_of_birth", ""), number, "date_of_birth", problems)
    admitted = cell_date(cells.get("admitted_on", ""), number, "admitted_on", problems)
    if born and admitted and born > admitted:
        problems.append(FieldProblem("date_of_birth", _("after the admission"), number))
    nationality = None
    if cells.get("nationality"):
        nationality = lookups["states"].get(cells["nationality"].upper())
        if nationality is None:
            problems.append(
                FieldProblem(
                    "nationality",
                    _("unknown country %(code)r") % {"code": cells["nationality"]},
                    number,
                )
            )
    cell = None
    if cells.get("cell") or cells.get("unit"):
        cell = lookups["cells"].get((cells.get("unit", ""), cells.get("cell", "")))
        if cell is None:
            problems.append(
                FieldProblem(
                    "cell",
                    _("no cell %(cell)r in unit %(unit)r")
                    % {"cell": cells.get("cell", ""), "unit": cells.get("unit", "")},
                    number,
                )
            )
        elif not cells.get("housing_reason"):
            problems.append(FieldProblem("housing_reason", _("required with a cell"), number))
    if cell is not None and sex and admitted:
        born_ok = born if born and born <= admitted else None
        probe = Prisoner(sex=sex, date_of_birth=born_ok)
        try:
            housing_check(
                cell=cell,
                on=admitted,
                child=probe.is_child_on(admitted),
                sex=sex,
                level="",
                also_placed=placed.get(cell.pk, 0),
            )
        except BrokenRule as refused:
            problems.append(FieldProblem("cell", refused.message, number))
        else:
            placed[cell.pk] = placed.get(cell.pk, 0) + 1
    return _Row(
        number=number,
        prisoner={
            "number": register,
            "full_name": cells.get("full_name", ""),
            "sex": sex,
            "date_of_birth": born,
            "nationality": nationality,
            "admitted_on": admitted or dt.date.min,
        },
        cell=cell,
        reason=cells.get("housing_reason", ""),
    )


def prisons_backcapture(
    *, actor: Actor, prison: Prison, rows: Iterator[tuple[int, dict[str, str]]]
) -> BackcaptureReport:
    """Check every row, then write everything in one transaction through the same services as
    the pages (or nothing, with every problem listed by row and column)."""
    lookups = {
        "states": {s.code: s for s in State.objects.all()},
        "cells": {
            (c.unit.code, c.code): c
            for c in Cell.objects.filter(unit__prison=prison).select_related("unit")
        },
        "numbers": set(prison.prisoners.values_list("number", flat=True)),
    }
    problems: list[FieldProblem] = []
    placed: dict[int, int] = {}
    seen: set[str] = set()
    checked = [_check(number, cells, lookups, placed, seen, problems) for number, cells in rows]
    if problems:
        raise InvalidInput(
            _("%(count)s problem(s) in the file; nothing was imported.") % {"count": len(problems)},
            problems=problems,
        )
    report = BackcaptureReport()
    with transaction.atomic():
        for row in checked:
            prisoner = prisoner_admit(actor=actor, prison=prison, **row.prisoner)
            report.prisoners += 1
            if row.cell is not None:
                prisoner_house(
                    actor=actor,
                    prisoner=prisoner,
                    expected_version=prisoner.version,
                    cell=row.cell,
                    on=prisoner.admitted_on,
                    reason=row.reason,
                )
                report.housed += 1
    return report
