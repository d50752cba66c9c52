"""The rule engine against the shared reference data.

- every row of ``eif_rule_examples.csv``;
- the general entry into force of each of the 19 instruments in ``instruments.csv``;
- every per-State effective date published in ``participation/*.csv``.

Rows or instruments the engine cannot compute are listed explicitly below, with the reason, and
asserted to give ``None`` (or, for a partial deposit list, a date later than the published one).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from ctassist.treaties.records import (
    InstrumentRecord,
    ParticipationRecord,
    eif_rule_from_record,
    parse_instruments_csv,
    parse_participation_csv,
    shared_data_dir,
)
from ctassist.treaties.rules import (
    CONSENT_KINDS,
    Action,
    ActionKind,
    Basis,
    EifRule,
    general_eif_or_published,
    general_entry_into_force,
    is_party,
    nth_party,
    state_effective_date,
    threshold_reached_by,
)

D = dt.date.fromisoformat

# --- eif_rule_examples.csv: rows the engine does not compute ---------------------------------
EXAMPLES_NOT_COMPUTABLE = {
    ("MP14_2014", "Nigeria"): "the example gives no deposit date for Nigeria",
}
EXAMPLES_SUCCESSION = {("HOSTAGES_1979", "Bosnia and Herzegovina")}
EXAMPLE_ROWS = 17

# --- instruments.csv: what the general entry into force computed from the held deposits gives --
GENERAL_EIF_AGREES = {
    # instrument: (State whose deposit reached the threshold, its deposit date)
    "TOKYO_1963": ("USA", D("1969-09-05")),
    "HOSTAGES_1979": ("KOR", D("1983-05-04")),
    "CPPNM_1980": ("CHE", D("1987-01-09")),
    "BOMBINGS_1997": ("YEM", D("2001-04-23")),
    "FINANCING_1999": ("ATG", D("2002-03-11")),
    "ICSANT_2005": ("BGD", D("2007-06-07")),
}
# Threshold terms that are not a plain count: known only from the published date.
GENERAL_EIF_CONDITIONS = {
    "HAGUE_1970": "only signatory States that took part in the Conference count",
    "MONTREAL_1971": "only signatory States that took part in the Conference count",
    "SUA_1988": "definitive signatures count; the action vocabulary does not record them",
    "SUA_PROT_1988": "definitive signatures count; not before SUA 1988 is in force",
    "MEX_1991": "at least 5 producer States among the 35; producer flags not held",
    "CPPNM_AMEND_2005": "two thirds of the CPPNM parties at the time",
    "SUA_2005": "definitive signatures count; the action vocabulary does not record them",
    "SUA_PROT_2005": "definitive signatures count; not before SUA 2005 is in force",
}
# Computable rule, but fewer dated deposits held than the threshold needs.
GENERAL_EIF_TOO_FEW_DEPOSITS = {
    "AIRPORTS_1988",
    "BEIJING_CONV_2010",
    "BEIJING_PROT_2010",
    "MP14_2014",
}
# Computable rule, partial deposit list: the Nth held deposit is later than the real Nth one
# (UNTC records predecessor States in footnotes, which the file does not hold).
GENERAL_EIF_PARTIAL_LIST = {"IPP_1973"}
ALL_19 = (
    set(GENERAL_EIF_AGREES)
    | set(GENERAL_EIF_CONDITIONS)
    | GENERAL_EIF_TOO_FEW_DEPOSITS
    | GENERAL_EIF_PARTIAL_LIST
)


@pytest.fixture(scope="module")
def treaties_dir() -> Path:
    path = shared_data_dir() / "treaties"
    if not (path / "instruments.csv").is_file():
        pytest.skip(f"shared treaty data not found at {path} (set CTASSIST_SHARED_DATA)")
    return path


@pytest.fixture(scope="module")
def instruments(treaties_dir: Path) -> dict[str, InstrumentRecord]:
    text = (treaties_dir / "instruments.csv").read_text(encoding="utf-8")
    return {record.id: record for record in parse_instruments_csv(text, filename="instruments.csv")}


@pytest.fixture(scope="module")
def participation(
    treaties_dir: Path, instruments: dict[str, InstrumentRecord]
) -> dict[str, list[ParticipationRecord]]:
    records = {}
    for instrument_id in instruments:
        path = treaties_dir / "participation" / f"{instrument_id}.csv"
        records[instrument_id] = parse_participation_csv(
            path.read_text(encoding="utf-8"), filename=path.name
        )
    return records


def _rule_and_actions(
    instrument_id: str,
    instruments: dict[str, InstrumentRecord],
    participation: dict[str, list[ParticipationRecord]],
) -> tuple[EifRule, list[Action]]:
    rule = eif_rule_from_record(instruments[instrument_id])
    return rule, [record.to_action() for record in participation[instrument_id]]


def test_every_example_row_is_reproduced_or_listed(treaties_dir, instruments, participation):
    with (treaties_dir / "eif_rule_examples.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == EXAMPLE_ROWS
    keys = {(row["instrument_id"], row["state"]) for row in rows}
    assert set(EXAMPLES_NOT_COMPUTABLE) <= keys
    assert keys >= EXAMPLES_SUCCESSION

    mismatches = []
    for row in rows:
        key = (row["instrument_id"], row["state"])
        rule, actions = _rule_and_actions(row["instrument_id"], instruments, participation)
        general_eif = general_eif_or_published(rule=rule, actions=actions)
        published = D(row["state_entry_into_force_date"])
        deposit = D(row["deposit_date"]) if row["deposit_date"] else None
        action = Action(state=row["state"], kind=ActionKind(row["action"]), date=deposit)
        computed = state_effective_date(rule=rule, action=action, general_eif=general_eif)
        if key in EXAMPLES_NOT_COMPUTABLE:
            assert computed is None, key
        elif key in EXAMPLES_SUCCESSION:
            assert computed is None, "a succession must not be computed from its deposit"
            with_published = Action(
                state=row["state"],
                kind=ActionKind.SUCCESSION,
                date=deposit,
                effective_date=published,
            )
            assert (
                state_effective_date(rule=rule, action=with_published, general_eif=general_eif)
                == published
            )
            assert deposit is not None
            assert published < deposit  # retroactive
        elif computed != published:
            mismatches.append((key, row["rule_illustrated"], computed, published))
    assert mismatches == []


def test_uganda_gets_the_general_date_with_or_without_the_threshold_date(
    instruments, participation
):
    """Art. XXIII(2): first day of the second month after the State's own deposit (28 Nov 2017)."""
    rule, actions = _rule_and_actions("BEIJING_PROT_2010", instruments, participation)
    uganda = Action(state="UGA", kind=ActionKind.RATIFICATION, date=D("2017-11-28"))
    general_eif = general_eif_or_published(rule=rule, actions=actions)
    assert general_eif == D("2018-01-01")
    assert state_effective_date(rule=rule, action=uganda, general_eif=general_eif) == D(
        "2018-01-01"
    )
    assert state_effective_date(
        rule=rule, action=uganda, general_eif=general_eif, threshold_date=D("2017-11-28")
    ) == D("2018-01-01")


def test_the_expectation_lists_cover_the_19_instruments_once(instruments):
    lists = [
        set(GENERAL_EIF_AGREES),
        set(GENERAL_EIF_CONDITIONS),
        GENERAL_EIF_TOO_FEW_DEPOSITS,
        GENERAL_EIF_PARTIAL_LIST,
    ]
    assert sum(len(ids) for ids in lists) == len(ALL_19) == 19
    assert set(instruments) == ALL_19


@pytest.mark.parametrize("instrument_id", sorted(GENERAL_EIF_AGREES))
def test_general_eif_computed_from_deposits_equals_the_published_date(
    instrument_id, instruments, participation
):
    rule, actions = _rule_and_actions(instrument_id, instruments, participation)
    assert rule.general_eif_computable
    crossing = threshold_reached_by(rule=rule, actions=actions)
    assert crossing is not None
    assert (crossing.state, crossing.date) == GENERAL_EIF_AGREES[instrument_id]
    assert general_entry_into_force(rule=rule, actions=actions) == rule.published_general_eif


@pytest.mark.parametrize("instrument_id", sorted(GENERAL_EIF_CONDITIONS))
def test_conditional_thresholds_are_not_computed(instrument_id, instruments, participation):
    rule, actions = _rule_and_actions(instrument_id, instruments, participation)
    assert rule.conditions
    assert not rule.general_eif_computable
    assert threshold_reached_by(rule=rule, actions=actions) is None
    assert general_entry_into_force(rule=rule, actions=actions) is None
    assert general_eif_or_published(rule=rule, actions=actions) == rule.published_general_eif


def test_every_instrument_has_a_general_and_a_later_state_rule(instruments):
    """The shared file now gives both offsets for all 19 (Financing Art. 26: 30th day after)."""
    rules = {instrument_id: eif_rule_from_record(r) for instrument_id, r in instruments.items()}
    assert all(rule.general_offset is not None for rule in rules.values())
    assert all(rule.later_state_offset is not None for rule in rules.values())
    financing = rules["FINANCING_1999"]
    assert financing.later_state_offset is not None
    assert financing.later_state_offset.apply(D("2003-09-24")) == D("2003-10-24")


@pytest.mark.parametrize("instrument_id", sorted(GENERAL_EIF_TOO_FEW_DEPOSITS))
def test_too_few_held_deposits_give_no_general_eif(instrument_id, instruments, participation):
    rule, actions = _rule_and_actions(instrument_id, instruments, participation)
    assert rule.general_eif_computable
    assert rule.threshold_count is not None
    dated = {a.state for a in actions if a.kind in rule.qualifying_kinds and a.date is not None}
    assert len(dated) < rule.threshold_count
    assert general_entry_into_force(rule=rule, actions=actions) is None


@pytest.mark.parametrize("instrument_id", sorted(GENERAL_EIF_PARTIAL_LIST))
def test_partial_deposit_lists_can_only_push_the_date_later(
    instrument_id, instruments, participation
):
    rule, actions = _rule_and_actions(instrument_id, instruments, participation)
    computed = general_entry_into_force(rule=rule, actions=actions)
    assert computed is not None
    assert rule.published_general_eif is not None
    assert computed > rule.published_general_eif


def test_every_published_state_date_is_reproduced(instruments, participation):
    """Each non-succession consent with a deposit date and a published effective date."""
    checked, unknown, mismatches = 0, set(), []
    for instrument_id, records in participation.items():
        rule, actions = _rule_and_actions(instrument_id, instruments, participation)
        general_eif = general_eif_or_published(rule=rule, actions=actions)
        for record in records:
            if (
                record.action not in CONSENT_KINDS
                or record.action == ActionKind.SUCCESSION
                or record.date is None
                or record.effective_date is None
            ):
                continue
            without_published = Action(state=record.state_key, kind=record.action, date=record.date)
            computed = state_effective_date(
                rule=rule, action=without_published, general_eif=general_eif
            )
            if computed is None:
                unknown.add(instrument_id)
            elif computed == record.effective_date:
                checked += 1
            else:
                mismatches.append((record.filename, record.line, computed, record.effective_date))
    assert mismatches == []
    assert unknown == set()
    assert checked >= 200


def test_mp14_parties_at_entry_into_force(treaties_dir, instruments, participation):
    rule, actions = _rule_and_actions("MP14_2014", instruments, participation)
    general_eif = general_eif_or_published(rule=rule, actions=actions)
    with (treaties_dir / "mp14_parties_at_entry_into_force.csv").open(
        encoding="utf-8", newline=""
    ) as handle:
        expected = {row["iso3"] for row in csv.DictReader(handle)}
    assert len(expected) == 22

    def parties(as_of: dt.date, basis: Basis) -> dict[str, bool | None]:
        by_state: dict[str, list[Action]] = {}
        for action in actions:
            by_state.setdefault(action.state, []).append(action)
        return {
            state: is_party(
                actions_for_state=state_actions,
                rule=rule,
                general_eif=general_eif,
                as_of=as_of,
                basis=basis,
            )
            for state, state_actions in by_state.items()
        }

    in_force = parties(D("2020-01-01"), "effective")
    assert {state for state, party in in_force.items() if party} == expected
    assert not any(parties(D("2019-12-31"), "effective").values())
    # Deposit basis, the day before: only Nigeria's deposit date is held; the rest is unknown.
    on_deposit = parties(D("2019-12-31"), "deposit")
    assert on_deposit["NGA"] is True
    assert on_deposit["CHE"] is False
    assert {state for state, party in on_deposit.items() if party is None} == expected - {"NGA"}
    # The 22nd party on the effective basis: all 22 tie on 1 January 2020.
    crossing = nth_party(
        n=22, actions=actions, rule=rule, general_eif=general_eif, basis="effective"
    )
    assert crossing is not None
    assert crossing.date == D("2020-01-01")
    assert crossing.state is None
    assert set(crossing.tied_states) == expected
    assert (
        nth_party(n=22, actions=actions, rule=rule, general_eif=general_eif, basis="deposit")
        is None
    )
