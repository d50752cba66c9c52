"""Entry-into-force and party-status rules for the 19 instruments. Pure Python: no Django, no I/O.

Conventions (from ``shared/data/treaties/README.md``):

- "the Nth day after deposit" and "N days after deposit" are ``deposit + N`` calendar days;
- "first day of the second month following the deposit": any deposit in November gives 1 January;
- a succession is never computed from its deposit date: its published effective date is used;
- a denunciation ends party status on its published effective date (the day itself is no longer
  covered). ``instruments.csv`` gives no denunciation rule, so without a published effective date
  the end of party status is unknown and the functions answer ``None``.

Every function answers ``None`` ("unknown") rather than guessing when a needed fact is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

__all__ = [
    "CONSENT_KINDS",
    "RATIFICATION_CLASS",
    "SIGNATURE_KINDS",
    "UNTYPED_CONSENT_KINDS",
    "Action",
    "ActionKind",
    "Basis",
    "Crossing",
    "EifRule",
    "GeneralOffset",
    "GeneralOffsetKind",
    "InstrumentParticipation",
    "LaterStateOffset",
    "LaterStateOffsetKind",
    "PartyPeriod",
    "ThresholdTerms",
    "first_day_of_second_month",
    "general_eif_or_published",
    "general_entry_into_force",
    "is_party",
    "nth_party",
    "parse_threshold",
    "parties_over_time",
    "party_periods",
    "party_to_all_order",
    "state_effective_date",
    "threshold_reached_by",
]


class ActionKind(StrEnum):
    SIGNATURE = "signature"
    SUCCESSION_TO_SIGNATURE = "succession_to_signature"
    RATIFICATION = "ratification"
    ACCESSION = "accession"
    SUCCESSION = "succession"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ADHERENCE = "adherence"
    DENUNCIATION = "denunciation"
    CONSENT = "consent"


SIGNATURE_KINDS: frozenset[ActionKind] = frozenset(
    {ActionKind.SIGNATURE, ActionKind.SUCCESSION_TO_SIGNATURE}
)
#: Kinds by which a State becomes bound. Signatures are not consent to be bound.
CONSENT_KINDS: frozenset[ActionKind] = frozenset(
    {
        ActionKind.RATIFICATION,
        ActionKind.ACCESSION,
        ActionKind.SUCCESSION,
        ActionKind.ACCEPTANCE,
        ActionKind.APPROVAL,
        ActionKind.ADHERENCE,
        ActionKind.CONSENT,
    }
)
#: Acceptance and approval have the legal effect of ratification (UNTC glossary).
RATIFICATION_CLASS: frozenset[ActionKind] = frozenset(
    {ActionKind.RATIFICATION, ActionKind.ACCEPTANCE, ActionKind.APPROVAL}
)
#: Consents whose instrument type is not known (or, for succession, not named by a threshold
#: clause that lists instrument types): they may or may not count toward such a threshold.
UNTYPED_CONSENT_KINDS: frozenset[ActionKind] = frozenset(
    {ActionKind.CONSENT, ActionKind.ADHERENCE, ActionKind.SUCCESSION}
)

Basis = Literal["deposit", "effective"]


class GeneralOffsetKind(StrEnum):
    DAYS_AFTER_DEPOSIT = "days_after_deposit"
    DAYS_AFTER_THRESHOLD = "days_after_threshold"
    FIRST_DAY_OF_SECOND_MONTH = "first_day_of_second_month"


class LaterStateOffsetKind(StrEnum):
    DAYS_AFTER_DEPOSIT = "days_after_deposit"
    FIRST_DAY_OF_SECOND_MONTH = "first_day_of_second_month"
    SAME_DAY = "same_day"


def first_day_of_second_month(day: dt.date) -> dt.date:
    """First day of the second month following ``day`` (any day of November -> 1 January)."""
    month_index = day.year * 12 + (day.month - 1) + 2
    return dt.date(month_index // 12, month_index % 12 + 1, 1)


@dataclass(frozen=True)
class GeneralOffset:
    """When the instrument enters into force, counted from the threshold-reaching deposit."""

    kind: GeneralOffsetKind
    days: int | None = None

    def __post_init__(self) -> None:
        _check_days(self.kind == GeneralOffsetKind.FIRST_DAY_OF_SECOND_MONTH, self.days)

    def apply(self, threshold_date: dt.date) -> dt.date:
        if self.kind == GeneralOffsetKind.FIRST_DAY_OF_SECOND_MONTH:
            return first_day_of_second_month(threshold_date)
        assert self.days is not None  # checked in __post_init__
        return threshold_date + dt.timedelta(days=self.days)


@dataclass(frozen=True)
class LaterStateOffset:
    """When the instrument takes effect for a State, counted from that State's deposit."""

    kind: LaterStateOffsetKind
    days: int | None = None

    def __post_init__(self) -> None:
        if self.kind == LaterStateOffsetKind.SAME_DAY:
            if self.days not in (None, 0):
                raise ValueError("same_day takes no day count (or 0)")
            return
        _check_days(self.kind == LaterStateOffsetKind.FIRST_DAY_OF_SECOND_MONTH, self.days)

    def apply(self, deposit: dt.date) -> dt.date:
        if self.kind == LaterStateOffsetKind.SAME_DAY:
            return deposit
        if self.kind == LaterStateOffsetKind.FIRST_DAY_OF_SECOND_MONTH:
            return first_day_of_second_month(deposit)
        assert self.days is not None  # checked in __post_init__
        return deposit + dt.timedelta(days=self.days)


def _check_days(calendar_month_kind: bool, days: int | None) -> None:
    if calendar_month_kind:
        if days is not None:
            raise ValueError("first_day_of_second_month takes no day count")
    elif days is None or days < 0:
        raise ValueError("a day-count offset needs a non-negative number of days")


@dataclass(frozen=True)
class ThresholdTerms:
    """What ``eif_threshold`` says, as far as it can be computed from a count of deposits."""

    count: int | None
    qualifying_kinds: frozenset[ActionKind]
    conditions: tuple[str, ...]


_SIMPLE_THRESHOLD = re.compile(
    r"(?P<count>\d+) instruments(?: of (?P<kinds>[a-z ,]+?))?(?P<signatories> by signatory States)?"
)
_KIND_WORDS: Mapping[str, frozenset[ActionKind]] = {
    "ratification": RATIFICATION_CLASS,
    "acceptance": frozenset({ActionKind.ACCEPTANCE}),
    "approval": frozenset({ActionKind.APPROVAL}),
    "accession": frozenset({ActionKind.ACCESSION}),
}
_LEADING_COUNT = re.compile(r"(\d+) ")
_SIGNATORY_COUNT = re.compile(r"\bof (\d+) signatory States\b")


def parse_threshold(text: str | None) -> ThresholdTerms:
    """Read ``eif_threshold``. Only "N instruments [of <kinds>] [by signatory States]" is fully
    computable; any other wording becomes a condition (kept verbatim) that blocks computation.

    "ratification" includes acceptance and approval (same legal effect). With no kinds named, every
    consent kind counts.
    """
    text = (text or "").strip()
    if not text:
        return ThresholdTerms(count=None, qualifying_kinds=frozenset(), conditions=())
    simple = _SIMPLE_THRESHOLD.fullmatch(text)
    if simple is not None:
        kinds = _threshold_kinds(simple.group("kinds"))
        if kinds is not None:
            return ThresholdTerms(int(simple.group("count")), kinds, conditions=())
    count_match = _LEADING_COUNT.match(text) or _SIGNATORY_COUNT.search(text)
    count = int(count_match.group(1)) if count_match else None
    return ThresholdTerms(count=count, qualifying_kinds=frozenset(), conditions=(text,))


def _threshold_kinds(words: str | None) -> frozenset[ActionKind] | None:
    if words is None:
        return CONSENT_KINDS
    kinds: set[ActionKind] = set()
    for word in re.split(r", | or ", words):
        known = _KIND_WORDS.get(word.strip())
        if known is None:
            return None
        kinds |= known
    return frozenset(kinds)


@dataclass(frozen=True)
class EifRule:
    """An instrument's entry-into-force rule. ``None`` parts were not verified.

    ``conditions`` holds threshold terms that cannot be computed from a count of deposits (e.g.
    "two thirds of the CPPNM parties", "5 producer States", "not before SUA 1988 is in force").
    When there are any, the general entry into force is known only from ``published_general_eif``.
    """

    instrument_id: str
    threshold_count: int | None = None
    qualifying_kinds: frozenset[ActionKind] = CONSENT_KINDS
    general_offset: GeneralOffset | None = None
    later_state_offset: LaterStateOffset | None = None
    floor_is_general_eif: bool | None = None
    conditions: tuple[str, ...] = ()
    published_general_eif: dt.date | None = None

    def __post_init__(self) -> None:
        if self.threshold_count is not None and self.threshold_count < 1:
            raise ValueError("threshold_count must be at least 1")
        if not self.qualifying_kinds <= CONSENT_KINDS:
            raise ValueError("qualifying_kinds must be consent kinds")

    @property
    def general_eif_computable(self) -> bool:
        """True when the general entry into force follows from deposit dates alone."""
        return (
            self.threshold_count is not None
            and self.general_offset is not None
            and not self.conditions
            and bool(self.qualifying_kinds)
        )


@dataclass(frozen=True)
class Action:
    """One treaty action. ``state`` is the ISO3 code, or the name for an organisation."""

    state: str
    kind: ActionKind
    date: dt.date | None = None
    effective_date: dt.date | None = None  # as published; never computed


@dataclass(frozen=True)
class Crossing:
    """The Nth State in an ordering and the date it got there.

    ``tied_states`` are all States on that date that could be the Nth; ``state`` is ``None`` when
    there is more than one (the sources give no time of day).
    """

    state: str | None
    date: dt.date
    tied_states: tuple[str, ...]


@dataclass(frozen=True)
class PartyPeriod:
    """A State is a party from ``start`` (inclusive) until ``end`` (exclusive; ``None``: open)."""

    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class InstrumentParticipation:
    """Everything needed to place States on one instrument's timeline."""

    rule: EifRule
    actions: tuple[Action, ...]
    general_eif: dt.date | None
    threshold_date: dt.date | None = None


# --- ordering helpers -----------------------------------------------------------------------


def _nth_crossing(
    n: int,
    certain: Mapping[str, dt.date],
    uncertain: Mapping[str, list[dt.date | None]],
) -> Crossing | None:
    """Nth State by ``certain`` date. ``uncertain`` events might also count: a date means "may
    count on this day", ``None`` means "may count on any day". If one could change the answer,
    the answer is unknown."""
    if n < 1:
        raise ValueError("n must be at least 1")
    ordered = sorted(certain.items(), key=lambda item: (item[1], item[0]))
    if len(ordered) < n:
        return None
    nth_date = ordered[n - 1][1]
    for state, events in uncertain.items():
        if state in certain and certain[state] <= nth_date:
            continue
        if any(event is None or event <= nth_date for event in events):
            return None
    tied = tuple(state for state, day in ordered if day == nth_date)
    return Crossing(state=tied[0] if len(tied) == 1 else None, date=nth_date, tied_states=tied)


def _by_state(actions: Iterable[Action]) -> dict[str, list[Action]]:
    grouped: dict[str, list[Action]] = defaultdict(list)
    for action in actions:
        grouped[action.state].append(action)
    return grouped


# --- general entry into force ---------------------------------------------------------------


def threshold_reached_by(*, rule: EifRule, actions: Iterable[Action]) -> Crossing | None:
    """The deposit that made the count reach ``rule.threshold_count`` (one deposit per State).

    ``None`` when the threshold is not a plain count, when too few dated deposits are held, or when
    an undated deposit or one of unknown type could have come first.
    """
    if rule.threshold_count is None or rule.conditions or not rule.qualifying_kinds:
        return None
    certain: dict[str, dt.date] = {}
    uncertain: dict[str, list[dt.date | None]] = defaultdict(list)
    for action in actions:
        if action.kind not in CONSENT_KINDS:
            continue
        qualifies = action.kind in rule.qualifying_kinds
        if not qualifies and action.kind not in UNTYPED_CONSENT_KINDS:
            continue  # a kind the threshold clause does not count
        if qualifies and action.date is not None:
            previous = certain.get(action.state)
            certain[action.state] = action.date if previous is None else min(previous, action.date)
        else:
            uncertain[action.state].append(action.date)
    return _nth_crossing(rule.threshold_count, certain, uncertain)


def general_entry_into_force(*, rule: EifRule, actions: Iterable[Action]) -> dt.date | None:
    """General entry into force computed from deposits; ``None`` when it cannot be computed."""
    if not rule.general_eif_computable or rule.general_offset is None:
        return None
    crossing = threshold_reached_by(rule=rule, actions=actions)
    if crossing is None:
        return None
    return rule.general_offset.apply(crossing.date)


def general_eif_or_published(*, rule: EifRule, actions: Iterable[Action]) -> dt.date | None:
    """The published general entry into force if there is one (held deposit lists are partial),
    else the computed one."""
    if rule.published_general_eif is not None:
        return rule.published_general_eif
    return general_entry_into_force(rule=rule, actions=actions)


# --- per-State dates ------------------------------------------------------------------------


def state_effective_date(
    *,
    rule: EifRule,
    action: Action,
    general_eif: dt.date | None,
    threshold_date: dt.date | None = None,
) -> dt.date | None:
    """Date the instrument took effect for the State by ``action``.

    A succession takes its published effective date (never computed). A deposit made on or before
    ``threshold_date`` gets the general entry into force when the rule has that floor. Otherwise
    the later-State offset applies, never earlier than ``general_eif`` when the rule says so.
    Untyped consents (``consent``, ``adherence``) are treated as deposits, not successions.
    """
    if action.kind not in CONSENT_KINDS:
        return None
    if action.kind == ActionKind.SUCCESSION:
        return action.effective_date
    deposit = action.date
    if deposit is None:
        return None
    floor = rule.floor_is_general_eif
    if floor and threshold_date is not None and deposit <= threshold_date:
        return general_eif
    if rule.later_state_offset is None:
        return None
    own_date = rule.later_state_offset.apply(deposit)
    if floor is False:
        return own_date
    if general_eif is None:
        return None
    if own_date >= general_eif:
        return own_date
    return general_eif if floor else None


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
