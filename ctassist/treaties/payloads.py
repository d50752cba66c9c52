"""Plain, JSON-ready shapes of the treaty answers. The CLI prints them and the API returns them,
so both give the same fields (the shapes are documented in the README and the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ctassist.treaties.models import Coverage
from ctassist.treaties.selectors import (
    Cell,
    FullAdherenceResult,
    InstrumentStatus,
    PeriodChanges,
    StateProfile,
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def coverage_payload(items: list[Coverage]) -> list[dict[str, Any]]:
    return [
        {
            "depositary_party_count": c.depositary_party_count,
            "depositary_count_as_at": _iso(c.depositary_count_as_at),
            "complete_scope": c.complete_scope,
            "complete_from": c.complete_from or None,
            "complete_to": c.complete_to or None,
            "complete_as_at": _iso(c.complete_as_at),
            "missing_note": c.missing_note,
        }
        for c in items
    ]


def cell_payload(cell: Cell) -> dict[str, Any]:
    return {
        "instrument": cell.instrument,
        "party": cell.party,
        "status": cell.status,
        "action": cell.action,
        "date": _iso(cell.date),
        "effective_date": _iso(cell.effective_date),
    }


def state_profile_payload(profile: StateProfile) -> list[dict[str, Any]]:
    return [cell_payload(cell) for _, cell in profile.cells]


def instrument_payload(status: InstrumentStatus) -> dict[str, Any]:
    threshold = None
    if status.threshold is not None:
        threshold = {
            "state": status.threshold.state,
            "date": _iso(status.threshold.date),
            "count": status.threshold_count,
            "tied_states": list(status.threshold.tied_states),
        }
    else:
        last = status.last_dated_deposit_at_eif
        if (
            last is not None
            and status.parties_at_entry_into_force
            and status.threshold_count
            and status.parties_at_entry_into_force >= status.threshold_count
        ):
            threshold = {
                "state": last.state.code,
                "date": _iso(last.date),
                "count": status.parties_at_entry_into_force,
                "tied_states": [],
                "note": "latest dated deposit among the States for which the "
                "instrument took effect on its entry into force; other "
                "deposit dates are not held",
            }
    return {
        "instrument": status.instrument.code,
        "title": status.instrument.full_title,
        "as_of": _iso(status.as_of),
        "basis": status.basis,
        "parties": [
            {
                "state": r.state.code,
                "name": r.state.name_en,
                "action": r.action,
                "date": _iso(r.date),
                "effective_date": _iso(r.effective_date),
            }
            for r in status.parties + status.undated_parties
        ],
        "signatories": [
            {"state": s.code, "name": s.name_en, "date": _iso(d)} for s, d in status.signatories
        ],
        "entry_into_force": _iso(status.data.general_eif),
        "entry_into_force_computed": _iso(status.data.general_eif_computed),
        "parties_at_entry_into_force": status.parties_at_entry_into_force,
        "threshold_reached_by": threshold,
        "coverage": coverage_payload(status.coverage),
    }


def full_adherence_payload(result: FullAdherenceResult) -> list[dict[str, Any]]:
    rows = [
        {"rank": e.rank, "state": e.state.code, "name": e.state.name_en, "date": _iso(e.date)}
        for e in result.ranked
    ]
    rows += [
        {"rank": None, "state": e.state.code, "name": e.state.name_en, "date": None}
        for e in result.undated
    ]
    return rows


def period_payload(changes: PeriodChanges) -> list[dict[str, Any]]:
    def date_of(action: Any) -> str | None:
        return _iso(action.date if changes.basis == "deposit" else action.effective_date)

    rows: list[dict[str, Any]] = [
        {
            "state": item.state.code,
            "name": item.state.name_en,
            "instruments": [
                {"instrument": a.instrument.code, "action": a.action, "date": date_of(a)}
                for a in item.actions
            ],
        }
        for item in changes.states
    ]
    rows += [
        {
            "state": item.state.code,
            "name": item.state.name_en,
            "certain": False,
            "instruments": [
                {
                    "instrument": a.instrument.code,
                    "action": a.action,
                    "date": None,
                    "effective_date": _iso(a.effective_date),
                }
                for a in item.actions
            ],
        }
        for item in changes.possible
    ]
    return rows
