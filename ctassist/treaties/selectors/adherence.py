"""Which instruments the States adhere to on a date: one State's profile, the States party to
all the instruments (in the order they got there), and the States × instruments matrix of a
region."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from ctassist.core.errors import BrokenRule, FieldProblem, NotFound
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument
from ctassist.treaties.rules import Basis
from ctassist.treaties.selectors.cells import Cell, _check_basis, _today, cell_status
from ctassist.treaties.selectors.snapshot import InstrumentData, TreatySnapshot, treaty_snapshot

# --- a State's profile ------------------------------------------------------------------------


@dataclass
class StateProfile:
    state: State
    as_of: dt.date
    basis: Basis
    cells: list[tuple[Instrument, Cell]]
    # Per instrument code: how much of the depositary's list the records hold.
    records: dict[str, InstrumentData] = field(default_factory=dict)

    @property
    def parties(self) -> int:
        return sum(1 for _, cell in self.cells if cell.party)

    @property
    def missing(self) -> list[Instrument]:
        return [instrument for instrument, cell in self.cells if not cell.party]

    @property
    def unknown(self) -> int:
        return sum(1 for _, cell in self.cells if cell.party is None)


def state_profile(
    *,
    code: str,
    as_of: dt.date | None = None,
    basis: str = "deposit",
    snapshot: TreatySnapshot | None = None,
) -> StateProfile:
    snapshot = snapshot or treaty_snapshot()
    state = snapshot.states.get(code.upper())
    if state is None:
        raise NotFound(f"No State with code {code!r}")
    when = as_of or _today()
    checked = _check_basis(basis)
    cells = [
        (item.instrument, cell_status(item, state, as_of=when, basis=checked))
        for item in snapshot.instruments
    ]
    records = {item.instrument.code: item for item in snapshot.instruments}
    return StateProfile(state=state, as_of=when, basis=checked, cells=cells, records=records)


# --- party to all 19 --------------------------------------------------------------------------


@dataclass(frozen=True)
class FullAdherence:
    rank: int | None
    state: State
    date: dt.date | None  # the day the last of the 19 began, on the chosen basis


@dataclass
class FullAdherenceResult:
    as_of: dt.date
    basis: Basis
    ranked: list[FullAdherence]
    undated: list[FullAdherence]
    near: list[tuple[State, int, list[str]]]  # States one or two instruments short in the data


def full_adherence(
    *, as_of: dt.date | None = None, basis: str = "deposit", snapshot: TreatySnapshot | None = None
) -> FullAdherenceResult:
    """States party to all the instruments on `as_of`, in the order they got there. A State
    whose 19th date is not held is listed apart; with the held data (see coverage) this list
    is a lower bound, and `near` shows who the data leaves one or two short."""
    snapshot = snapshot or treaty_snapshot()
    when = as_of or _today()
    checked = _check_basis(basis)
    candidates = set(snapshot.states)
    for item in snapshot.instruments:
        candidates &= set(item.held)
    near_counts: dict[str, list[str]] = defaultdict(list)
    results: list[FullAdherence] = []
    undated: list[FullAdherence] = []
    all_codes = {code for item in snapshot.instruments for code in item.held}
    for code in sorted(all_codes):
        state = snapshot.states[code]
        latest: dt.date | None = dt.date.min
        missing = []
        for item in snapshot.instruments:
            cell = cell_status(item, state, as_of=when, basis=checked)
            if cell.status == "party":
                start = cell.date if checked == "deposit" else cell.effective_date
                latest = None if latest is None or start is None else max(latest, start)
            elif cell.status == "party_undated":
                latest = None
            else:
                missing.append(item.instrument.code)
        if not missing:
            entry = FullAdherence(rank=None, state=state, date=latest)
            (results if latest is not None else undated).append(entry)
        elif len(missing) <= 2:
            near_counts[code] = missing
    results.sort(key=lambda entry: (entry.date or dt.date.max, entry.state.name_en))
    ranked = [
        FullAdherence(rank=i, state=e.state, date=e.date) for i, e in enumerate(results, start=1)
    ]
    near = sorted(
        ((snapshot.states[c], len(m), m) for c, m in near_counts.items()),
        key=lambda t: (t[1], t[0].name_en),
    )
    return FullAdherenceResult(as_of=when, basis=checked, ranked=ranked, undated=undated, near=near)


# --- the regional matrix ----------------------------------------------------------------------


@dataclass
class Matrix:
    as_of: dt.date
    basis: Basis
    instruments: list[Instrument]
    rows: list[tuple[State, list[Cell]]]


def adherence_matrix(
    *,
    as_of: dt.date | None = None,
    region: str | None = None,
    basis: str = "deposit",
    kinds: tuple[str, ...] = ("member", "observer"),
    snapshot: TreatySnapshot | None = None,
) -> Matrix:
    """States × instruments on a date, optionally within an M49 region or sub-region."""
    snapshot = snapshot or treaty_snapshot()
    when = as_of or _today()
    checked = _check_basis(basis)
    states = State.objects.filter(kind__in=kinds)
    if region:
        states = states.filter(
            Q(region__m49=region) | Q(subregion__m49=region) | Q(intermediate_region__m49=region)
        )
    codes = set(states.values_list("code", flat=True))
    if region and not codes:
        raise BrokenRule(
            f"No States in region {region!r}",
            problems=[FieldProblem("region", "unknown or empty M49 code")],
        )
    chosen = sorted((snapshot.states[c] for c in codes), key=lambda s: s.name)
    rows = [
        (
            state,
            [cell_status(item, state, as_of=when, basis=checked) for item in snapshot.instruments],
        )
        for state in chosen
    ]
    return Matrix(
        as_of=when,
        basis=checked,
        instruments=[item.instrument for item in snapshot.instruments],
        rows=rows,
    )
