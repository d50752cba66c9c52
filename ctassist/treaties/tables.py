"""The downloadable tables (CSV/XLSX) behind each treaties page: columns and rows, built from the
same selector results the pages show."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ctassist.treaties.models import action_label
from ctassist.treaties.selectors import (
    InstrumentStatus,
    Matrix,
    PeriodChanges,
    StateProfile,
    status_label,
)


def _coverage_note(statuses: list[InstrumentStatus]) -> str:
    return _(
        "Participation records are incomplete; 'no record' does not mean 'not party'. "
        "See each instrument's coverage."
    )


def instrument_list_table(statuses: list[InstrumentStatus]) -> dict[str, Any]:
    rows = []
    for status in statuses:
        depositary = status.depositary
        rows.append(
            {
                "code": status.instrument.code,
                "title": status.instrument.title,
                "adopted": status.instrument.adoption_date,
                "eif": status.data.general_eif,
                "parties_held": status.held_count,
                "depositary_count": depositary.depositary_party_count if depositary else None,
                "depositary_as_at": depositary.depositary_count_as_at if depositary else None,
            }
        )
    return {
        "filename": "instruments",
        "rows": rows,
        "note": _coverage_note(statuses),
        "columns": [
            ("code", _("Code")),
            ("title", _("Instrument")),
            ("adopted", _("Adopted")),
            ("eif", _("Entry into force")),
            ("parties_held", _("Parties in the records held")),
            ("depositary_count", _("Parties according to the depositary")),
            ("depositary_as_at", _("as at")),
        ],
    }


def parties_table(status: InstrumentStatus) -> dict[str, Any]:
    rows = [
        {
            "state": r.state.code,
            "name": r.state.name,
            "action": action_label(r.action),
            "date": r.date,
            "effective_date": r.effective_date,
        }
        for r in status.parties + status.undated_parties
    ]
    return {
        "filename": f"{status.instrument.code}-parties",
        "rows": rows,
        "note": _("Parties to %(instrument)s as at %(date)s (%(basis)s basis)")
        % {"instrument": status.instrument.title, "date": status.as_of, "basis": status.basis},
        "columns": [
            ("state", _("Code")),
            ("name", _("State")),
            ("action", _("Action")),
            ("date", _("Date of deposit")),
            ("effective_date", _("Took effect")),
        ],
    }


def profile_table(profile: StateProfile) -> dict[str, Any]:
    rows = [
        {
            "code": instrument.code,
            "instrument": instrument.title,
            "status": status_label(cell.status),
            "action": action_label(cell.action),
            "date": cell.date,
            "effective_date": cell.effective_date,
        }
        for instrument, cell in profile.cells
    ]
    return {
        "filename": f"{profile.state.code}-treaties",
        "rows": rows,
        "note": _("%(state)s as at %(date)s")
        % {"state": profile.state.name, "date": profile.as_of},
        "columns": [
            ("code", _("Code")),
            ("instrument", _("Instrument")),
            ("status", _("Status")),
            ("action", _("Action")),
            ("date", _("Date")),
            ("effective_date", _("Took effect")),
        ],
    }


def matrix_table(matrix: Matrix) -> dict[str, Any]:
    rows = []
    for state, cells in matrix.rows:
        row: dict[str, Any] = {"state": state.code, "name": state.name}
        for instrument, cell in zip(matrix.instruments, cells, strict=True):
            row[instrument.code] = status_label(cell.status)
        rows.append(row)
    return {
        "filename": "adherence-matrix",
        "rows": rows,
        "note": _("Status as at %(date)s (%(basis)s basis)")
        % {"date": matrix.as_of, "basis": matrix.basis},
        "columns": [
            ("state", _("Code")),
            ("name", _("State")),
            *[(i.code, i.code) for i in matrix.instruments],
        ],
    }


def period_table(changes: PeriodChanges) -> dict[str, Any]:
    rows = []
    for item, certain in [(s, True) for s in changes.states] + [
        (s, False) for s in changes.possible
    ]:
        for action in item.actions:
            rows.append(
                {
                    "state": item.state.code,
                    "name": item.state.name,
                    "instrument": action.instrument.title,
                    "action": action_label(action.action),
                    "date": action.date,
                    "effective_date": action.effective_date,
                    "certain": _("yes") if certain else _("deposit date not held"),
                }
            )
    return {
        "filename": f"treaty-changes-{changes.start}-{changes.end}",
        "rows": rows,
        "note": _("%(start)s to %(end)s, %(basis)s basis")
        % {"start": changes.start, "end": changes.end, "basis": changes.basis},
        "columns": [
            ("state", _("Code")),
            ("name", _("State")),
            ("instrument", _("Instrument")),
            ("action", _("Action")),
            ("date", _("Date of deposit")),
            ("effective_date", _("Took effect")),
            ("certain", _("In the period")),
        ],
    }
