"""An instrument's status on a date: its parties (dated and undated) and signatories, the
number of parties over time, the threshold deposit and the parties at entry into force."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ctassist.geo.models import State
from ctassist.treaties.models import Coverage, Instrument
from ctassist.treaties.rules import Action, Basis, Crossing, party_periods
from ctassist.treaties.selectors.cells import _check_basis, _today, cell_status
from ctassist.treaties.selectors.snapshot import InstrumentData, TreatySnapshot, treaty_snapshot


@dataclass(frozen=True)
class PartyRow:
    state: State
    action: str
    date: dt.date | None
    effective_date: dt.date | None
    effective_published: bool


@dataclass
class InstrumentStatus:
    data: InstrumentData
    as_of: dt.date
    basis: Basis
    parties: list[PartyRow]
    undated_parties: list[PartyRow]
    signatories: list[tuple[State, dt.date | None]]
    over_time: list[tuple[dt.date, int]]
    over_time_excluded: int
    parties_at_entry_into_force: int | None
    data_states: dict[str, State]

    @property
    def instrument(self) -> Instrument:
        return self.data.instrument

    @property
    def threshold_count(self) -> int | None:
        return self.data.rule.threshold_count

    @property
    def threshold(self) -> Crossing | None:
        return self.data.threshold

    @property
    def coverage(self) -> list[Coverage]:
        return self.data.coverage

    @property
    def threshold_states(self) -> list[State]:
        """The State(s) whose deposit reached the threshold (several on a same-day tie)."""
        if self.threshold is None:
            return []
        return [
            self.data_states[code]
            for code in self.threshold.tied_states
            if code in self.data_states
        ]

    @property
    def held_count(self) -> int:
        return len(self.parties) + len(self.undated_parties)

    @property
    def depositary(self) -> Coverage | None:
        """The coverage row carrying the depositary's own party count, if any."""
        return next((c for c in self.coverage if c.depositary_party_count), None)

    @property
    def last_dated_deposit_at_eif(self) -> PartyRow | None:
        """Among the States for which the instrument took effect on its general entry into
        force, the latest dated deposit (the threshold deposit when all are dated)."""
        eif = self.data.general_eif
        if eif is None:
            return None
        founders = [
            row
            for row in self.parties + self.undated_parties
            if row.effective_date == eif and row.date is not None
        ]
        return max(founders, key=lambda row: row.date or dt.date.min, default=None)

    def nth(self, n: int) -> PartyRow | None:
        """The Nth party in joining order on this basis (None when dates are missing)."""
        if self.undated_parties or n < 1 or n > len(self.parties):
            return None
        return self.parties[n - 1]


def instrument_status(
    *,
    code: str,
    as_of: dt.date | None = None,
    basis: str = "deposit",
    snapshot: TreatySnapshot | None = None,
) -> InstrumentStatus:
    snapshot = snapshot or treaty_snapshot()
    item = snapshot.instrument(code)
    when = as_of or _today()
    checked = _check_basis(basis)
    parties, undated, signatories = [], [], []
    steps: dict[dt.date, int] = defaultdict(int)
    excluded = 0
    at_eif = 0
    actions_by_state: dict[str, list[Action]] = defaultdict(list)
    for action in item.actions:
        actions_by_state[action.state].append(action)
    for state_code, held in item.held.items():
        state = snapshot.states[state_code]
        cell = cell_status(item, state, as_of=when, basis=checked)
        consent = next((h for h in held if h.consent), None)
        if (
            consent is not None
            and consent.effective_date
            and consent.effective_date == item.general_eif
        ):
            at_eif += 1
        if cell.status == "party":
            row = PartyRow(
                state,
                cell.action or "",
                cell.date,
                cell.effective_date,
                bool(consent and consent.effective_published),
            )
            parties.append(row)
        elif cell.status in ("party_undated", "effect_undated"):
            undated.append(
                PartyRow(
                    state,
                    cell.action or "",
                    cell.date,
                    cell.effective_date,
                    bool(consent and consent.effective_published),
                )
            )
        elif cell.status == "signatory":
            signatories.append((state, cell.date))
        periods = party_periods(
            actions_for_state=actions_by_state[state_code],
            rule=item.rule,
            general_eif=item.general_eif,
            basis=checked,
            threshold_date=item.threshold.date if item.threshold else None,
        )
        if periods is None:
            if consent is not None:
                excluded += 1
            continue
        for period in periods:
            if period.start <= when:
                steps[period.start] += 1
                if period.end is not None and period.end <= when:
                    steps[period.end] -= 1
    over_time, count = [], 0
    for day in sorted(steps):
        count += steps[day]
        over_time.append((day, count))
    parties.sort(key=lambda row: (_row_start(row, checked), row.state.name_en))
    undated.sort(key=lambda row: row.state.name_en)
    signatories.sort(key=lambda pair: pair[0].name_en)
    return InstrumentStatus(
        data=item,
        as_of=when,
        basis=checked,
        parties=parties,
        undated_parties=undated,
        signatories=signatories,
        over_time=over_time,
        over_time_excluded=excluded,
        parties_at_entry_into_force=at_eif if item.general_eif else None,
        data_states=snapshot.states,
    )


def _row_start(row: PartyRow, basis: Basis) -> dt.date:
    value = row.date if basis == "deposit" else row.effective_date
    return value or dt.date.max
