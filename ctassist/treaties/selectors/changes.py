"""Changes in a period: the States that became party to at least one instrument between two
dates, those that completed the set, and the instruments whose threshold was reached."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ctassist.core.errors import BrokenRule, FieldProblem
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument
from ctassist.treaties.rules import CONSENT_KINDS, ActionKind, Basis
from ctassist.treaties.selectors.adherence import FullAdherence, full_adherence
from ctassist.treaties.selectors.cells import _check_basis
from ctassist.treaties.selectors.instruments import InstrumentStatus, instrument_status
from ctassist.treaties.selectors.snapshot import TreatySnapshot, treaty_snapshot


@dataclass(frozen=True)
class PeriodAction:
    instrument: Instrument
    action: str
    date: dt.date | None
    effective_date: dt.date | None
    certain: bool  # False: the date on this basis is not held, only bounded


@dataclass
class PeriodState:
    state: State
    actions: list[PeriodAction] = field(default_factory=list)


@dataclass
class PeriodChanges:
    start: dt.date
    end: dt.date
    basis: Basis
    states: list[PeriodState]  # certain: a dated action in the period
    possible: list[PeriodState]  # may have: deposit undated, took effect in the period
    full_adherence: list[FullAdherence]
    thresholds: list[InstrumentStatus]


def period_changes(
    *, start: dt.date, end: dt.date, basis: str = "deposit", snapshot: TreatySnapshot | None = None
) -> PeriodChanges:
    """States that became party to at least one instrument between two dates (inclusive), on
    the date of deposit or the date of taking effect, with the instruments."""
    if end < start:
        raise BrokenRule(
            "The period ends before it starts",
            problems=[FieldProblem("to", "must be on or after 'from'")],
        )
    snapshot = snapshot or treaty_snapshot()
    checked = _check_basis(basis)
    certain: dict[str, PeriodState] = {}
    possible: dict[str, PeriodState] = {}
    for item in snapshot.instruments:
        for code, held in item.held.items():
            for h in held:
                if ActionKind(h.kind) not in CONSENT_KINDS:
                    continue
                when = h.date if checked == "deposit" else h.effective_date
                state = snapshot.states[code]
                if when is not None and start <= when <= end:
                    certain.setdefault(code, PeriodState(state)).actions.append(
                        PeriodAction(item.instrument, h.kind, h.date, h.effective_date, True)
                    )
                elif (
                    when is None
                    and checked == "deposit"
                    and h.effective_date
                    and start <= h.effective_date <= end
                ):
                    possible.setdefault(code, PeriodState(state)).actions.append(
                        PeriodAction(item.instrument, h.kind, None, h.effective_date, False)
                    )
    for code in certain:
        possible.pop(code, None)
    adherence = full_adherence(as_of=end, basis=checked, snapshot=snapshot)
    completed = [e for e in adherence.ranked if e.date and start <= e.date <= end]
    thresholds = []
    for item in snapshot.instruments:
        eif = item.general_eif
        reached = item.threshold.date if item.threshold else None
        status = None
        if reached is None and eif is not None:
            status = instrument_status(
                code=item.instrument.code, as_of=end, basis=checked, snapshot=snapshot
            )
            last = status.last_dated_deposit_at_eif
            reached = last.date if last else None
        if reached is not None and start <= reached <= end:
            thresholds.append(
                status
                or instrument_status(
                    code=item.instrument.code, as_of=end, basis=checked, snapshot=snapshot
                )
            )
    order = sorted(certain.values(), key=lambda s: s.state.name_en)
    return PeriodChanges(
        start=start,
        end=end,
        basis=checked,
        states=order,
        possible=sorted(possible.values(), key=lambda s: s.state.name_en),
        full_adherence=completed,
        thresholds=thresholds,
    )
