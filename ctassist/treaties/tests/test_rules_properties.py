"""Property tests of the rule engine over random, complete participation lists."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from ctassist.treaties.rules import (
    CONSENT_KINDS,
    Action,
    ActionKind,
    EifRule,
    GeneralOffset,
    GeneralOffsetKind,
    LaterStateOffset,
    LaterStateOffsetKind,
    first_day_of_second_month,
    general_entry_into_force,
    is_party,
    nth_party,
    parties_over_time,
    state_effective_date,
    threshold_reached_by,
)

FAST = settings(max_examples=60, deadline=None, database=None)

DEPOSIT_KINDS = sorted(CONSENT_KINDS - {ActionKind.SUCCESSION})
days = st.dates(min_value=dt.date(1963, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def general_offsets(draw: st.DrawFn) -> GeneralOffset:
    kind = draw(st.sampled_from(list(GeneralOffsetKind)))
    if kind == GeneralOffsetKind.FIRST_DAY_OF_SECOND_MONTH:
        return GeneralOffset(kind)
    return GeneralOffset(kind, draw(st.sampled_from([0, 30, 60, 90])))


@st.composite
def later_offsets(draw: st.DrawFn) -> LaterStateOffset:
    kind = draw(st.sampled_from(list(LaterStateOffsetKind)))
    if kind == LaterStateOffsetKind.DAYS_AFTER_DEPOSIT:
        return LaterStateOffset(kind, draw(st.sampled_from([0, 30, 60, 90])))
    return LaterStateOffset(kind)


@st.composite
def rules(draw: st.DrawFn) -> EifRule:
    return EifRule(
        instrument_id="RANDOM",
        threshold_count=draw(st.integers(min_value=1, max_value=8)),
        general_offset=draw(general_offsets()),
        later_state_offset=draw(later_offsets()),
        floor_is_general_eif=True,
    )


@st.composite
def complete_lists(draw: st.DrawFn, *, successions: bool = True) -> list[Action]:
    """Distinct States, each with one dated consent; some successions with a published date."""
    count = draw(st.integers(min_value=0, max_value=15))
    actions = []
    for index in range(count):
        state = f"S{index:02d}"
        deposit = draw(days)
        if successions and draw(st.booleans()) and draw(st.booleans()):
            retro = draw(st.integers(min_value=0, max_value=800))
            actions.append(
                Action(state, ActionKind.SUCCESSION, deposit, deposit - dt.timedelta(days=retro))
            )
        else:
            actions.append(Action(state, draw(st.sampled_from(DEPOSIT_KINDS)), deposit))
        if draw(st.booleans()):
            actions.append(Action(state, ActionKind.SIGNATURE, deposit - dt.timedelta(days=100)))
    return actions


@FAST
@given(day=days)
def test_first_day_of_second_month(day: dt.date) -> None:
    result = first_day_of_second_month(day)
    assert result.day == 1
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == 2
    assert 29 <= (result - day).days <= 62  # 31 Jan (common year) -> 1 Mar; 1 Dec -> 1 Feb


@FAST
@given(rule=rules(), actions=complete_lists(successions=False), general_eif=days)
def test_effective_date_is_never_before_deposit_or_general_eif(rule, actions, general_eif):
    for action in actions:
        result = state_effective_date(rule=rule, action=action, general_eif=general_eif)
        if action.kind == ActionKind.SIGNATURE:
            assert result is None
            continue
        assert result is not None
        assert action.date is not None
        assert result >= action.date
        assert result >= general_eif


@FAST
@given(rule=rules(), deposit=days, retro=st.integers(0, 3000), general_eif=days)
def test_succession_dates_are_published_never_computed(rule, deposit, retro, general_eif):
    published = deposit - dt.timedelta(days=retro)
    succession = Action("S", ActionKind.SUCCESSION, deposit, published)
    assert state_effective_date(rule=rule, action=succession, general_eif=general_eif) == published
    bare = Action("S", ActionKind.SUCCESSION, deposit)
    assert state_effective_date(rule=rule, action=bare, general_eif=general_eif) is None


@FAST
@given(rule=rules(), actions=complete_lists(), data=st.data())
def test_general_eif_is_the_offset_of_the_nth_deposit(rule, actions, data):
    shuffled = data.draw(st.permutations(actions))
    result = general_entry_into_force(rule=rule, actions=actions)
    assert general_entry_into_force(rule=rule, actions=shuffled) == result
    deposits = sorted(a.date for a in actions if a.kind in CONSENT_KINDS and a.date is not None)
    assert rule.threshold_count is not None
    assert rule.general_offset is not None
    if len(deposits) < rule.threshold_count:
        assert result is None
    else:
        nth = deposits[rule.threshold_count - 1]
        assert result == rule.general_offset.apply(nth)
        assert result >= nth
        crossing = threshold_reached_by(rule=rule, actions=actions)
        assert crossing is not None
        assert crossing.date == nth
        assert (crossing.state is None) == (len(crossing.tied_states) > 1)


@FAST
@given(rule=rules(), actions=complete_lists(), extra=days)
def test_an_extra_deposit_never_delays_entry_into_force(rule, actions, extra):
    before = general_entry_into_force(rule=rule, actions=actions)
    after = general_entry_into_force(
        rule=rule, actions=[*actions, Action("NEW", ActionKind.ACCESSION, extra)]
    )
    if before is not None:
        assert after is not None
        assert after <= before


@FAST
@given(
    rule=rules(),
    actions=complete_lists(),
    general_eif=days,
    basis=st.sampled_from(["deposit", "effective"]),
)
def test_party_count_is_monotone_and_matches_is_party(rule, actions, general_eif, basis):
    steps = parties_over_time(actions=actions, rule=rule, general_eif=general_eif, basis=basis)
    assert steps is not None
    counts = [count for _, count in steps]
    assert counts == sorted(counts)
    assert [day for day, _ in steps] == sorted({day for day, _ in steps})
    states = {a.state for a in actions if a.kind in CONSENT_KINDS}
    assert (counts[-1] if counts else 0) == len(states)
    by_state: dict[str, list[Action]] = {}
    for action in actions:
        by_state.setdefault(action.state, []).append(action)
    probes = [day for day, _ in steps] + [day - dt.timedelta(days=1) for day, _ in steps]
    for probe in probes:
        expected = max((count for day, count in steps if day <= probe), default=0)
        answers = [
            is_party(
                actions_for_state=state_actions,
                rule=rule,
                general_eif=general_eif,
                as_of=probe,
                basis=basis,
            )
            for state_actions in by_state.values()
        ]
        assert None not in answers
        assert sum(1 for answer in answers if answer) == expected


@FAST
@given(rule=rules(), actions=complete_lists(), general_eif=days)
def test_nth_party_dates_do_not_decrease(rule, actions, general_eif):
    states = {a.state for a in actions if a.kind in CONSENT_KINDS}
    previous = None
    for n in range(1, len(states) + 1):
        crossing = nth_party(
            n=n, actions=actions, rule=rule, general_eif=general_eif, basis="effective"
        )
        assert crossing is not None
        if previous is not None:
            assert crossing.date >= previous
        previous = crossing.date
    assert (
        nth_party(
            n=len(states) + 1, actions=actions, rule=rule, general_eif=general_eif, basis="deposit"
        )
        is None
    )


@FAST
@given(
    rule=rules(),
    deposit=days,
    notice_after=st.integers(1, 5000),
    delay=st.integers(0, 400),
    general_eif=days,
    probe=days,
)
def test_denunciation_ends_party_status_on_its_effective_date(
    rule, deposit, notice_after, delay, general_eif, probe
):
    notice = deposit + dt.timedelta(days=notice_after)
    ends = notice + dt.timedelta(days=delay)
    consent = Action("S", ActionKind.RATIFICATION, deposit)
    actions = [consent, Action("S", ActionKind.DENUNCIATION, notice, ends)]
    result = is_party(
        actions_for_state=actions, rule=rule, general_eif=general_eif, as_of=probe, basis="deposit"
    )
    assert result is (deposit <= probe < ends)
    unknown_end = [consent, Action("S", ActionKind.DENUNCIATION, notice)]
    result = is_party(
        actions_for_state=unknown_end,
        rule=rule,
        general_eif=general_eif,
        as_of=probe,
        basis="deposit",
    )
    if probe < deposit:
        assert result is False
    elif probe < notice:
        assert result is True
    else:
        assert result is None
