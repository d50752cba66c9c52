"""Party status from the actions held: whether a State is a party on a date, its party periods,
the Nth party, the number of parties over time, and the order in which States became party to
every instrument. Pure Python; ``None`` when a needed date is unknown."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from ctassist.treaties.rules.definitions import (
    CONSENT_KINDS,
    Action,
    ActionKind,
    Basis,
    Crossing,
    EifRule,
    InstrumentParticipation,
    PartyPeriod,
)
from ctassist.treaties.rules.entry_into_force import _nth_crossing, state_effective_date


def _by_state(actions: Iterable[Action]) -> dict[str, list[Action]]:
    grouped: dict[str, list[Action]] = defaultdict(list)
    for action in actions:
        grouped[action.state].append(action)
    return grouped


def _check_basis(basis: str) -> None:
    if basis not in ("deposit", "effective"):
        raise ValueError(f"basis must be 'deposit' or 'effective', not {basis!r}")


def _start(
    action: Action,
    *,
    rule: EifRule,
    general_eif: dt.date | None,
    basis: Basis,
    threshold_date: dt.date | None,
) -> tuple[dt.date | None, bool]:
    """(date the State counts as a party from, whether that date is exact).

    Not exact: an undated non-succession deposit whose effective date is known was made on or
    before that date, nothing more is known.
    """
    if basis == "deposit":
        if action.date is not None:
            return action.date, True
        if action.effective_date is not None and action.kind != ActionKind.SUCCESSION:
            return action.effective_date, False
        return None, False
    effective = action.effective_date or state_effective_date(
        rule=rule, action=action, general_eif=general_eif, threshold_date=threshold_date
    )
    return effective, effective is not None


def is_party(
    *,
    actions_for_state: Iterable[Action],
    rule: EifRule,
    general_eif: dt.date | None,
    as_of: dt.date,
    basis: Basis,
    threshold_date: dt.date | None = None,
) -> bool | None:
    """Whether the State is a party on ``as_of``; ``None`` when the data cannot tell.

    ``basis="deposit"``: from the deposit of its consent; ``basis="effective"``: from the date the
    instrument took effect for it (published effective date first, computed otherwise).
    """
    _check_basis(basis)
    actions = list(actions_for_state)
    consents = [a for a in actions if a.kind in CONSENT_KINDS]
    if not consents:
        return False
    starts = [
        _start(a, rule=rule, general_eif=general_eif, basis=basis, threshold_date=threshold_date)
        for a in consents
    ]
    reached = [(day, exact) for day, exact in starts if day is not None and day <= as_of]
    if not reached:
        unresolved = any(day is None or not exact for day, exact in starts)
        return None if unresolved else False
    latest_start, latest_exact = max(reached)
    denunciations = [a for a in actions if a.kind == ActionKind.DENUNCIATION]
    if denunciations and not latest_exact:
        return None
    for denunciation in denunciations:
        notice, end = denunciation.date, denunciation.effective_date
        if end is not None:
            if latest_start < end <= as_of:
                return False
            continue
        if notice is None:
            return None
        if latest_start <= notice <= as_of:
            return None  # notified, effective date unknown
    return True


def party_periods(
    *,
    actions_for_state: Iterable[Action],
    rule: EifRule,
    general_eif: dt.date | None,
    basis: Basis,
    threshold_date: dt.date | None = None,
) -> tuple[PartyPeriod, ...] | None:
    """Periods during which the State was a party; ``None`` if any needed date is unknown.

    A consent while already a party (e.g. the same instrument recorded by two depositaries) is
    ignored; a denunciation that does not end an open period makes the answer unknown.
    """
    _check_basis(basis)
    events: list[tuple[dt.date, int]] = []  # (date, 0 = end, 1 = start): ends sort first
    for action in actions_for_state:
        if action.kind in CONSENT_KINDS:
            day, exact = _start(
                action,
                rule=rule,
                general_eif=general_eif,
                basis=basis,
                threshold_date=threshold_date,
            )
            if day is None or not exact:
                return None
            events.append((day, 1))
        elif action.kind == ActionKind.DENUNCIATION:
            if action.effective_date is None:
                return None
            events.append((action.effective_date, 0))
    periods: list[PartyPeriod] = []
    open_start: dt.date | None = None
    for day, is_start in sorted(events):
        if is_start:
            if open_start is None:
                open_start = day
        elif open_start is None or day <= open_start:
            return None
        else:
            periods.append(PartyPeriod(open_start, day))
            open_start = None
    if open_start is not None:
        periods.append(PartyPeriod(open_start))
    return tuple(periods)


# --- counts over time -----------------------------------------------------------------------


def nth_party(
    *,
    n: int,
    actions: Iterable[Action],
    rule: EifRule,
    general_eif: dt.date | None,
    basis: Basis,
    threshold_date: dt.date | None = None,
) -> Crossing | None:
    """The Nth State to become a party (joining order; later denunciations do not re-rank)."""
    _check_basis(basis)
    certain: dict[str, dt.date] = {}
    uncertain: dict[str, list[dt.date | None]] = defaultdict(list)
    for state, state_actions in _by_state(actions).items():
        for action in state_actions:
            if action.kind not in CONSENT_KINDS:
                continue
            day, exact = _start(
                action,
                rule=rule,
                general_eif=general_eif,
                basis=basis,
                threshold_date=threshold_date,
            )
            if day is None or not exact:
                uncertain[state].append(None)
            elif state not in certain or day < certain[state]:
                certain[state] = day
    return _nth_crossing(n, certain, uncertain)


def parties_over_time(
    *,
    actions: Iterable[Action],
    rule: EifRule,
    general_eif: dt.date | None,
    basis: Basis,
    threshold_date: dt.date | None = None,
) -> list[tuple[dt.date, int]] | None:
    """(date, number of parties from that date) at each change; ``None`` if any date is unknown."""
    _check_basis(basis)
    change: dict[dt.date, int] = defaultdict(int)
    for state_actions in _by_state(actions).values():
        periods = party_periods(
            actions_for_state=state_actions,
            rule=rule,
            general_eif=general_eif,
            basis=basis,
            threshold_date=threshold_date,
        )
        if periods is None:
            return None
        for period in periods:
            change[period.start] += 1
            if period.end is not None:
                change[period.end] -= 1
    steps: list[tuple[dt.date, int]] = []
    count = 0
    for day in sorted(change):
        if change[day] == 0:
            continue
        count += change[day]
        steps.append((day, count))
    return steps


def party_to_all_order(
    *,
    participations: Sequence[InstrumentParticipation],
    as_of: dt.date,
    basis: Basis,
) -> list[tuple[str, dt.date]] | None:
    """States party to every instrument on ``as_of``, with the date they completed the set, in
    that order (ties by state key). ``None`` if a needed date is unknown."""
    _check_basis(basis)
    if not participations:
        return []
    per_instrument = [_by_state(p.actions) for p in participations]
    candidates = set.intersection(
        *(
            {s for s, acts in grouped.items() if any(a.kind in CONSENT_KINDS for a in acts)}
            for grouped in per_instrument
        )
    )
    order: list[tuple[str, dt.date]] = []
    for state in sorted(candidates):
        completed: dt.date | None = None
        for participation, grouped in zip(participations, per_instrument, strict=True):
            periods = party_periods(
                actions_for_state=grouped[state],
                rule=participation.rule,
                general_eif=participation.general_eif,
                basis=basis,
                threshold_date=participation.threshold_date,
            )
            if periods is None:
                return None
            current = next((p for p in periods if p.covers(as_of)), None)
            if current is None:
                break
            completed = current.start if completed is None else max(completed, current.start)
        else:
            assert completed is not None
            order.append((state, completed))
    return sorted(order, key=lambda item: (item[1], item[0]))
