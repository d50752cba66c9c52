"""Reads for treaties: the questions officials ask, answered from the held records by the rule
engine (rules.py), with the coverage of the data stated beside every conclusion.

Everything is computed from one snapshot of the database (three queries), so a whole matrix or a
period query costs the same few queries whatever its size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from django.db import connection
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ctassist.core.errors import FieldProblem, InvalidInput, NotFound
from ctassist.geo.models import State
from ctassist.geo.reference import normalize_name
from ctassist.treaties.models import Coverage, Instrument, ParticipationAction
from ctassist.treaties.records import InstrumentRecord, eif_rule_from_record
from ctassist.treaties.rules import (
    CONSENT_KINDS,
    Action,
    ActionKind,
    Basis,
    Crossing,
    EifRule,
    GeneralOffsetKind,
    InstrumentParticipation,
    LaterStateOffsetKind,
    party_periods,
    state_effective_date,
    threshold_reached_by,
)

Status = Literal[
    "party",
    "party_undated",
    "deposit_undated",
    "not_yet",
    "signatory",
    "denounced",
    "not_party",
    "no_record",
]

STATUS_ORDER: tuple[Status, ...] = (
    "party",
    "party_undated",
    "deposit_undated",
    "not_yet",
    "signatory",
    "denounced",
    "not_party",
    "no_record",
)


def _check_basis(basis: str) -> Basis:
    if basis not in ("deposit", "effective"):
        raise InvalidInput(
            f"Unknown basis {basis!r}: use 'deposit' or 'effective'",
            problems=[FieldProblem("basis", "must be deposit or effective")],
        )
    return basis  # type: ignore[return-value]


def eif_rule_for(instrument: Instrument) -> EifRule:
    """The instrument's rule, built by the same function that reads instruments.csv."""
    record = InstrumentRecord(
        filename="database",
        line=0,
        seq=instrument.seq,
        id=instrument.code,
        short_name=instrument.short_name,
        full_title=instrument.full_title,
        adoption_date=instrument.adoption_date,
        adoption_place=instrument.adoption_place,
        adopted_by=instrument.adopted_by or None,
        depositary=instrument.depositary,
        untc_mtdsg_no=instrument.untc_mtdsg_no or None,
        unts_registration_no=instrument.unts_registration_no or None,
        eif_article=instrument.eif_article or None,
        eif_threshold=instrument.eif_threshold or None,
        eif_general_rule=instrument.eif_general_rule or None,
        eif_general_offset_kind=(
            GeneralOffsetKind(instrument.eif_general_offset_kind)
            if instrument.eif_general_offset_kind
            else None
        ),
        eif_general_offset_days=instrument.eif_general_offset_days,
        eif_later_state_rule=instrument.eif_later_state_rule or None,
        eif_later_state_offset_kind=(
            LaterStateOffsetKind(instrument.eif_later_state_offset_kind)
            if instrument.eif_later_state_offset_kind
            else None
        ),
        eif_later_state_offset_days=instrument.eif_later_state_offset_days,
        eif_later_state_floor_is_general_eif=instrument.eif_later_state_floor_is_general_eif,
        entry_into_force_date=instrument.entry_into_force_date,
        relation=instrument.relation or None,
        related_instrument_ids=tuple(filter(None, instrument.related_instrument_ids.split(";"))),
        sources=tuple(filter(None, instrument.sources.split(" | "))),
        verification_note=instrument.verification_note or None,
    )
    return eif_rule_from_record(record)


@dataclass(frozen=True)
class HeldAction:
    """A stored action with what the engine derives from it."""

    state: str
    kind: str
    date: dt.date | None
    effective_date: dt.date | None  # published, else computed, else None
    effective_published: bool
    source_url: str
    note: str
    consent: bool  # an expression of consent to be bound (not a signature)


@dataclass
class InstrumentData:
    instrument: Instrument
    rule: EifRule
    coverage: list[Coverage]
    actions: list[Action]
    held: dict[str, list[HeldAction]]
    general_eif_published: dt.date | None
    general_eif_computed: dt.date | None
    threshold: Crossing | None

    @property
    def general_eif(self) -> dt.date | None:
        return self.general_eif_published or self.general_eif_computed

    @property
    def general_eif_observed(self) -> dt.date | None:
        """The earliest published date on which the instrument took effect for any State:
        evidence of the general entry into force from the records themselves."""
        dates = [
            h.effective_date
            for held in self.held.values()
            for h in held
            if h.effective_published and h.effective_date and h.consent
        ]
        return min(dates, default=None)

    @property
    def participation(self) -> InstrumentParticipation:
        return InstrumentParticipation(
            rule=self.rule,
            actions=tuple(self.actions),
            general_eif=self.general_eif,
            threshold_date=self.threshold.date if self.threshold else None,
        )

    def known_complete_for(self, state: State, as_of: dt.date) -> dt.date | None:
        """The date as at which the held list is complete for this State, if one covers
        `as_of`; else None (absence of a record then proves nothing)."""
        key = normalize_name(state.name_en)
        if state.kind in (State.Kind.FORMER, State.Kind.ORGANISATION):
            return None  # depositaries record former States and organisations in footnotes
        for item in self.coverage:
            if item.complete_as_at is None or as_of > item.complete_as_at:
                continue
            if item.complete_scope == Coverage.Scope.ALL:
                return item.complete_as_at
            if item.complete_scope == Coverage.Scope.RANGE:
                low = normalize_name(item.complete_from)
                high = normalize_name(item.complete_to) + "\uffff"
                if low <= key <= high:
                    return item.complete_as_at
        return None


@dataclass
class TreatySnapshot:
    instruments: list[InstrumentData]
    states: dict[str, State]

    def instrument(self, code: str) -> InstrumentData:
        for item in self.instruments:
            if item.instrument.code == code.upper():
                return item
        raise NotFound(
            f"No instrument {code!r}; use one of "
            f"{', '.join(i.instrument.code for i in self.instruments)}"
        )


_SNAPSHOT_CACHE: dict[str, tuple[tuple[object, ...], TreatySnapshot]] = {}


def _data_stamp() -> tuple[object, ...]:
    """What identifies the treaty data: counts and latest changes of the tables a snapshot
    reads. Any create, update or delete (and a rollback of one) changes or restores it."""
    return (
        connection.alias,
        connection.settings_dict["NAME"],
        *ParticipationAction.objects.aggregate(
            n=Count("id"), last=Max("updated_at"), top=Max("id")
        ).values(),
        *Coverage.objects.aggregate(n=Count("id"), top=Max("id")).values(),
        *Instrument.objects.aggregate(n=Count("id"), top=Max("id")).values(),
        *State.objects.aggregate(n=Count("id"), last=Max("updated_at")).values(),
    )


def treaty_snapshot() -> TreatySnapshot:
    """The snapshot for the current data, rebuilt only when the data changed (one aggregate
    query per table to check), so pages and API calls reuse the derived dates."""
    stamp = _data_stamp()
    cached = _SNAPSHOT_CACHE.get("snapshot")
    if cached is not None and cached[0] == stamp:
        return cached[1]
    snapshot = _treaty_snapshot_build()
    _SNAPSHOT_CACHE["snapshot"] = (stamp, snapshot)
    return snapshot


def _treaty_snapshot_build() -> TreatySnapshot:
    """Load instruments, coverage and every action (three queries) and derive dates."""
    instruments = list(Instrument.objects.order_by("seq"))
    coverage: dict[int, list[Coverage]] = defaultdict(list)
    for fact in Coverage.objects.order_by("id"):
        coverage[fact.instrument_id].append(fact)
    rows = ParticipationAction.objects.values_list(
        "instrument_id", "state__code", "kind", "date", "effective_date", "source_url", "note"
    )
    raw: dict[int, list[tuple[str, str, dt.date | None, dt.date | None, str, str]]] = defaultdict(
        list
    )
    for instrument_id, code, kind, date, effective, source, note in rows:
        raw[instrument_id].append((code, kind, date, effective, source, note))
    states = {s.code: s for s in State.objects.all()}
    data = []
    for instrument in instruments:
        rule = eif_rule_for(instrument)
        actions = [
            Action(state=code, kind=ActionKind(kind), date=date, effective_date=effective)
            for code, kind, date, effective, _source, _note in raw[instrument.pk]
        ]
        threshold = threshold_reached_by(rule=rule, actions=actions)
        computed = None
        if rule.general_eif_computable and threshold and rule.general_offset:
            computed = rule.general_offset.apply(threshold.date)
        item = InstrumentData(
            instrument=instrument,
            rule=rule,
            coverage=coverage[instrument.pk],
            actions=actions,
            held={},
            general_eif_published=instrument.entry_into_force_date,
            general_eif_computed=computed,
            threshold=threshold,
        )
        for action, (code, kind, date, effective, source, note) in zip(
            actions, raw[instrument.pk], strict=True
        ):
            derived = effective
            if derived is None and action.kind in CONSENT_KINDS:
                derived = state_effective_date(
                    rule=rule,
                    action=action,
                    general_eif=item.general_eif,
                    threshold_date=threshold.date if threshold else None,
                )
            item.held.setdefault(code, []).append(
                HeldAction(
                    state=code,
                    kind=kind,
                    date=date,
                    effective_date=derived,
                    effective_published=effective is not None,
                    source_url=source,
                    note=note,
                    consent=action.kind in CONSENT_KINDS,
                )
            )
        data.append(item)
    return TreatySnapshot(instruments=data, states=states)


# --- one cell: a State and an instrument on a date --------------------------------------------


@dataclass(frozen=True)
class Cell:
    instrument: str
    status: Status
    action: str | None = None
    date: dt.date | None = None
    effective_date: dt.date | None = None
    complete_as_at: dt.date | None = None

    @property
    def party(self) -> bool | None:
        if self.status in ("party", "party_undated"):
            return True
        if self.status in ("not_yet", "denounced", "not_party"):
            return False
        if self.status == "signatory":
            return False if self.complete_as_at else None
        return None


def _start(held: HeldAction, basis: Basis) -> dt.date | None:
    if basis == "effective":
        return held.effective_date
    return held.date


def cell_status(item: InstrumentData, state: State, *, as_of: dt.date, basis: Basis) -> Cell:
    """Status of one State for one instrument on `as_of`, never claiming more than the data
    shows: no record reads "no record" unless the held list is known complete for the State."""
    code = item.instrument.code
    held = item.held.get(state.code, [])
    consents = [h for h in held if h.consent]
    denunciations = [h for h in held if h.kind == ActionKind.DENUNCIATION]
    if consents:
        consent = min(consents, key=lambda h: _start(h, basis) or dt.date.max)
        start = _start(consent, basis)
        ended = next(
            (
                d
                for d in denunciations
                if d.effective_date and start and start < d.effective_date <= as_of
            ),
            None,
        )
        if ended is not None:
            return Cell(code, "denounced", ended.kind, ended.date, ended.effective_date)
        if start is None:
            # Bound, but the date on this basis is not held (e.g. deposit date unknown).
            if consent.effective_date and consent.effective_date > as_of:
                # Took effect later; the deposit came before that, on a date not held, so
                # whether it had happened by `as_of` is unknown.
                return Cell(
                    code, "deposit_undated", consent.kind, consent.date, consent.effective_date
                )
            return Cell(code, "party_undated", consent.kind, consent.date, consent.effective_date)
        if start <= as_of:
            return Cell(code, "party", consent.kind, consent.date, consent.effective_date)
        return Cell(code, "not_yet", consent.kind, consent.date, consent.effective_date)
    signatures = [
        h
        for h in held
        if h.kind in ("signature", "succession_to_signature")
        and (h.date is None or h.date <= as_of)
    ]
    complete = item.known_complete_for(state, as_of)
    if signatures:
        return Cell(code, "signatory", signatures[0].kind, signatures[0].date, None, complete)
    if complete is not None:
        return Cell(code, "not_party", complete_as_at=complete)
    return Cell(code, "no_record")


def _today() -> dt.date:
    return timezone.localdate()


# --- a State's profile ------------------------------------------------------------------------


@dataclass
class StateProfile:
    state: State
    as_of: dt.date
    basis: Basis
    cells: list[tuple[Instrument, Cell]]

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
    return StateProfile(state=state, as_of=when, basis=checked, cells=cells)


# --- an instrument's status -------------------------------------------------------------------


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
        elif cell.status == "party_undated":
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


# --- changes in a period ----------------------------------------------------------------------


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
        raise InvalidInput(
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
        raise InvalidInput(
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


_STATUS_LABELS = {
    "party": gettext_lazy("party"),
    "party_undated": gettext_lazy("party (date not held)"),
    "deposit_undated": gettext_lazy("deposited on a date not held (unknown on this date)"),
    "not_yet": gettext_lazy("not yet party on this date"),
    "signatory": gettext_lazy("signatory"),
    "denounced": gettext_lazy("denounced"),
    "not_party": gettext_lazy("not party"),
    "no_record": gettext_lazy("no record"),
}


def status_label(status: str) -> str:
    """Words for a status. "no record" is not "not party": the list held may be incomplete."""
    return str(_STATUS_LABELS[status])
