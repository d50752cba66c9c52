"""Entry into force: the deposit that reached the threshold, the general entry into force
(computed from deposits, or the published date), and the date the instrument took effect for
each State. Pure Python; ``None`` ("unknown") rather than a guess."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from ctassist.treaties.rules.definitions import (
    CONSENT_KINDS,
    UNTYPED_CONSENT_KINDS,
    Action,
    ActionKind,
    Crossing,
    EifRule,
)


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
