"""Synthetic, complete participation lists whose answers are known by construction.

State keys are made up (``S01``...); dates are chosen so every expected value can be checked by
hand with the README's day-counting convention.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from ctassist.treaties.rules import (
    RATIFICATION_CLASS,
    Action,
    ActionKind,
    EifRule,
    GeneralOffset,
    GeneralOffsetKind,
    InstrumentParticipation,
    LaterStateOffset,
    LaterStateOffsetKind,
    PartyPeriod,
    first_day_of_second_month,
    general_eif_or_published,
    general_entry_into_force,
    is_party,
    nth_party,
    parties_over_time,
    party_periods,
    party_to_all_order,
    state_effective_date,
    threshold_reached_by,
)

D = dt.date.fromisoformat
R = ActionKind.RATIFICATION
A = ActionKind.ACCESSION


def deposits(*dates: str, kind: ActionKind = R) -> list[Action]:
    """One deposit per State, S01, S02, ... in the order given."""
    return [Action(state=f"S{i:02d}", kind=kind, date=D(day)) for i, day in enumerate(dates, 1)]


def days_rule(count: int, days: int, **changes: object) -> EifRule:
    """Family A/B: N instruments; general EIF and later States both +``days``; floor."""
    base: dict[str, object] = {
        "instrument_id": "FIXED",
        "threshold_count": count,
        "general_offset": GeneralOffset(GeneralOffsetKind.DAYS_AFTER_DEPOSIT, days),
        "later_state_offset": LaterStateOffset(LaterStateOffsetKind.DAYS_AFTER_DEPOSIT, days),
        "floor_is_general_eif": True,
    }
    base.update(changes)
    return EifRule(**base)  # type: ignore[arg-type]


# Five deposits; the 5th (S05, 2001-04-23) reaches the threshold of 5.
FIVE = deposits("2000-01-10", "2000-06-30", "2000-12-31", "2001-02-28", "2001-04-23")
LATER = [
    Action("S06", R, D("2001-05-01")),  # after the threshold, before the general EIF
    Action("S07", A, D("2003-09-24")),  # long after
]


class TestFixedDelay:
    """Family A (Hostages-like, +30) and B (Hague-like "later of", same formula)."""

    rule = days_rule(5, 30)
    actions = FIVE + LATER

    def test_threshold_and_general_eif(self):
        crossing = threshold_reached_by(rule=self.rule, actions=self.actions)
        assert crossing is not None
        assert (crossing.state, crossing.date, crossing.tied_states) == (
            "S05",
            D("2001-04-23"),
            ("S05",),
        )
        assert general_entry_into_force(rule=self.rule, actions=self.actions) == D("2001-05-23")

    @pytest.mark.parametrize(
        ("state", "expected"),
        [
            ("S01", "2001-05-23"),  # before the threshold: general date
            ("S05", "2001-05-23"),  # the threshold deposit itself: deposit + 30 = general date
            ("S06", "2001-05-31"),  # after the threshold: its own +30, later than general
            ("S07", "2003-10-24"),  # README example: 24 Sep 2003 + 30 = 24 Oct 2003
        ],
    )
    def test_state_dates(self, state, expected):
        general_eif = general_entry_into_force(rule=self.rule, actions=self.actions)
        action = next(a for a in self.actions if a.state == state)
        assert state_effective_date(rule=self.rule, action=action, general_eif=general_eif) == D(
            expected
        )

    def test_year_end_and_ninety_days(self):
        canada = Action("CAN", R, D("1985-12-04"))
        assert state_effective_date(
            rule=days_rule(22, 30), action=canada, general_eif=D("1983-06-03")
        ) == D("1986-01-03")
        tokyo = days_rule(12, 90)
        albania = Action("ALB", A, D("1997-12-01"))
        assert state_effective_date(rule=tokyo, action=albania, general_eif=D("1969-12-04")) == D(
            "1998-03-01"
        )

    def test_later_of_rule_with_equal_dates(self):
        hague = days_rule(10, 30)
        switzerland = Action("CHE", R, D("1971-09-14"))
        assert state_effective_date(
            rule=hague, action=switzerland, general_eif=D("1971-10-14")
        ) == D("1971-10-14")

    def test_unknown_floor_or_general_date_gives_none(self):
        early = self.actions[0]
        assert state_effective_date(rule=self.rule, action=early, general_eif=None) is None
        no_floor_known = days_rule(5, 30, floor_is_general_eif=None)
        assert (
            state_effective_date(rule=no_floor_known, action=early, general_eif=D("2001-05-23"))
            is None
        )
        # ...but a late deposit's own date is beyond the general date either way.
        late = self.actions[-1]
        assert state_effective_date(
            rule=no_floor_known, action=late, general_eif=D("2001-05-23")
        ) == D("2003-10-24")

    def test_missing_later_state_rule_gives_none(self):
        rule = days_rule(5, 30, later_state_offset=None)
        assert (
            state_effective_date(rule=rule, action=self.actions[-1], general_eif=D("2001-05-23"))
            is None
        )
        # A deposit known to be on or before the threshold still takes the general date.
        assert state_effective_date(
            rule=rule,
            action=self.actions[0],
            general_eif=D("2001-05-23"),
            threshold_date=D("2001-04-23"),
        ) == D("2001-05-23")


class TestCalendarMonth:
    """Family C (Beijing): first day of the second month following the deposit."""

    rule = EifRule(
        instrument_id="MONTH",
        threshold_count=3,
        general_offset=GeneralOffset(GeneralOffsetKind.FIRST_DAY_OF_SECOND_MONTH),
        later_state_offset=LaterStateOffset(LaterStateOffsetKind.FIRST_DAY_OF_SECOND_MONTH),
        floor_is_general_eif=True,
    )
    actions = deposits("2016-03-01", "2017-11-01", "2017-11-28", "2018-01-31", "2018-12-15")

    def test_general_eif(self):
        assert general_entry_into_force(rule=self.rule, actions=self.actions) == D("2018-01-01")

    @pytest.mark.parametrize(
        ("state", "expected"),
        [
            ("S01", "2018-01-01"),
            ("S03", "2018-01-01"),
            ("S04", "2018-03-01"),
            ("S05", "2019-02-01"),
        ],
    )
    def test_state_dates(self, state, expected):
        action = next(a for a in self.actions if a.state == state)
        assert state_effective_date(
            rule=self.rule, action=action, general_eif=D("2018-01-01")
        ) == D(expected)

    @pytest.mark.parametrize(
        ("deposit", "expected"),
        [
            ("2017-11-01", "2018-01-01"),
            ("2017-11-30", "2018-01-01"),
            ("2019-12-31", "2020-02-01"),
            ("2020-01-31", "2020-03-01"),
            ("2021-06-10", "2021-08-01"),
        ],
    )
    def test_first_day_of_second_month(self, deposit, expected):
        assert first_day_of_second_month(D(deposit)) == D(expected)


class TestAmendmentSameDay:
    """Family D (CPPNM Amendment): +30 after the threshold; later States on the deposit day."""

    rule = EifRule(
        instrument_id="AMEND",
        threshold_count=4,  # stands for "two thirds of the parties" in a 6-party fixture
        general_offset=GeneralOffset(GeneralOffsetKind.DAYS_AFTER_THRESHOLD, 30),
        later_state_offset=LaterStateOffset(LaterStateOffsetKind.SAME_DAY),
        floor_is_general_eif=True,
    )
    actions = deposits(
        "2006-09-18", "2008-10-15", "2015-07-31", "2016-04-08", "2016-04-20", "2017-01-05"
    )

    def test_general_eif(self):
        assert general_entry_into_force(rule=self.rule, actions=self.actions) == D("2016-05-08")

    @pytest.mark.parametrize(
        ("state", "expected"),
        [
            ("S01", "2016-05-08"),  # early depositor
            ("S04", "2016-05-08"),  # the threshold deposit
            ("S05", "2016-05-08"),  # after the threshold, before entry into force
            ("S06", "2017-01-05"),  # after entry into force: the deposit day itself
        ],
    )
    def test_state_dates(self, state, expected):
        action = next(a for a in self.actions if a.state == state)
        assert state_effective_date(
            rule=self.rule, action=action, general_eif=D("2016-05-08")
        ) == D(expected)

    def test_two_thirds_condition_is_not_computed(self):
        honest = EifRule(
            instrument_id="AMEND",
            general_offset=GeneralOffset(GeneralOffsetKind.DAYS_AFTER_THRESHOLD, 30),
            later_state_offset=LaterStateOffset(LaterStateOffsetKind.SAME_DAY),
            floor_is_general_eif=True,
            conditions=("two thirds of the States Parties to the CPPNM",),
            published_general_eif=D("2016-05-08"),
        )
        assert not honest.general_eif_computable
        assert threshold_reached_by(rule=honest, actions=self.actions) is None
        assert general_entry_into_force(rule=honest, actions=self.actions) is None
        general_eif = general_eif_or_published(rule=honest, actions=self.actions)
        assert general_eif == D("2016-05-08")
        assert state_effective_date(
            rule=honest, action=self.actions[0], general_eif=general_eif
        ) == D("2016-05-08")


class TestConditions:
    """Family E: counts alone do not decide entry into force."""

    producer_rule = days_rule(
        3,
        60,
        conditions=("35 instruments, of which at least 5 from producer States",),
        published_general_eif=D("1998-06-21"),
    )
    actions = deposits("1995-04-03", "1996-01-01", "1997-01-01", "1999-01-01")

    def test_general_eif_only_from_the_published_date(self):
        assert threshold_reached_by(rule=self.producer_rule, actions=self.actions) is None
        assert general_entry_into_force(rule=self.producer_rule, actions=self.actions) is None
        general_eif = general_eif_or_published(rule=self.producer_rule, actions=self.actions)
        assert general_eif == D("1998-06-21")
        assert state_effective_date(
            rule=self.producer_rule, action=self.actions[0], general_eif=general_eif
        ) == D("1998-06-21")
        assert state_effective_date(
            rule=self.producer_rule, action=self.actions[3], general_eif=general_eif
        ) == D("1999-03-02")


class TestThresholdCounting:
    def test_ties_on_the_threshold_date_name_no_single_state(self):
        actions = deposits("2000-01-01", "2000-02-01", "2000-03-01", "2000-03-01", "2000-04-01")
        rule = days_rule(4, 30)
        crossing = threshold_reached_by(rule=rule, actions=actions)
        assert crossing is not None
        assert crossing.state is None
        assert crossing.tied_states == ("S03", "S04")
        assert general_entry_into_force(rule=rule, actions=actions) == D("2000-03-31")
        crossing_3 = threshold_reached_by(rule=days_rule(3, 30), actions=actions)
        assert crossing_3 is not None
        assert crossing_3.state is None
        assert crossing_3.date == D("2000-03-01")

    def test_only_qualifying_kinds_count(self):
        tokyo = days_rule(3, 90, qualifying_kinds=RATIFICATION_CLASS)
        actions = [
            Action("S01", R, D("1965-01-01")),
            Action("S02", A, D("1965-06-01")),  # accession: not counted
            Action("S03", ActionKind.APPROVAL, D("1966-01-01")),
            Action("S04", R, D("1967-01-01")),
            Action("S05", ActionKind.SIGNATURE, D("1963-09-14")),  # never counted
        ]
        crossing = threshold_reached_by(rule=tokyo, actions=actions)
        assert crossing is not None
        assert (crossing.state, crossing.date) == ("S04", D("1967-01-01"))

    def test_one_deposit_per_state(self):
        actions = [*deposits("2000-01-01", "2000-02-01"), Action("S01", R, D("2000-01-15"))]
        assert threshold_reached_by(rule=days_rule(3, 30), actions=actions) is None
        crossing = threshold_reached_by(rule=days_rule(2, 30), actions=actions)
        assert crossing is not None
        assert crossing.state == "S02"

    def test_untyped_or_undated_deposits_that_could_come_first_make_it_unknown(self):
        tokyo = days_rule(2, 90, qualifying_kinds=RATIFICATION_CLASS)
        base = deposits("1965-01-01", "1966-01-01")
        untyped_early = Action("S09", ActionKind.CONSENT, D("1965-06-01"))
        untyped_late = Action("S09", ActionKind.CONSENT, D("1970-01-01"))
        undated = Action("S09", R, None, D("1980-01-01"))
        assert threshold_reached_by(rule=tokyo, actions=[*base, untyped_early]) is None
        assert threshold_reached_by(rule=tokyo, actions=[*base, undated]) is None
        late = threshold_reached_by(rule=tokyo, actions=[*base, untyped_late])
        assert late is not None
        assert late.state == "S02"
        # With no kinds named, an untyped consent counts like any other.
        any_kind = days_rule(2, 30)
        crossing = threshold_reached_by(rule=any_kind, actions=[*base, untyped_early])
        assert crossing is not None
        assert crossing.state == "S09"


class TestDenunciation:
    rule = days_rule(2, 30)
    general_eif = D("2000-03-02")
    state_actions = [
        Action("S01", R, D("2000-01-01")),
        Action("S01", ActionKind.DENUNCIATION, D("2010-01-01"), D("2011-01-01")),
    ]

    @pytest.mark.parametrize(
        ("as_of", "basis", "expected"),
        [
            ("1999-12-31", "deposit", False),
            ("2000-01-01", "deposit", True),
            ("2000-03-01", "effective", False),
            ("2000-03-02", "effective", True),
            ("2010-12-31", "effective", True),
            ("2011-01-01", "effective", False),  # the effective date itself ends it
            ("2011-01-01", "deposit", False),
        ],
    )
    def test_party_status(self, as_of, basis, expected):
        assert (
            is_party(
                actions_for_state=self.state_actions,
                rule=self.rule,
                general_eif=self.general_eif,
                as_of=D(as_of),
                basis=basis,
            )
            is expected
        )

    def test_unknown_effective_date_of_denunciation(self):
        actions = [
            Action("S01", R, D("2000-01-01")),
            Action("S01", ActionKind.DENUNCIATION, D("2010-01-01")),
        ]
        party = partial(is_party, actions_for_state=actions, rule=self.rule, basis="deposit")
        assert party(general_eif=self.general_eif, as_of=D("2009-12-31")) is True
        assert party(general_eif=self.general_eif, as_of=D("2010-01-01")) is None
        periods = party_periods(
            actions_for_state=actions, rule=self.rule, general_eif=self.general_eif, basis="deposit"
        )
        assert periods is None

    def test_rejoining_after_denunciation(self):
        actions = [*self.state_actions, Action("S01", A, D("2015-01-01"))]
        periods = party_periods(
            actions_for_state=actions,
            rule=self.rule,
            general_eif=self.general_eif,
            basis="effective",
        )
        assert periods == (
            PartyPeriod(D("2000-03-02"), D("2011-01-01")),
            PartyPeriod(D("2015-01-31")),
        )
        party = partial(is_party, actions_for_state=actions, rule=self.rule, basis="effective")
        assert party(general_eif=self.general_eif, as_of=D("2014-06-01")) is False
        assert party(general_eif=self.general_eif, as_of=D("2015-01-31")) is True

    def test_a_second_consent_while_a_party_changes_nothing(self):
        # e.g. the same ratification recorded by two depositaries on different days
        actions = [Action("S01", R, D("1986-09-30")), Action("S01", R, D("1987-08-11"))]
        periods = party_periods(
            actions_for_state=actions, rule=self.rule, general_eif=self.general_eif, basis="deposit"
        )
        assert periods == (PartyPeriod(D("1986-09-30")),)
        steps = parties_over_time(
            actions=actions, rule=self.rule, general_eif=self.general_eif, basis="deposit"
        )
        assert steps == [(D("1986-09-30"), 1)]

    def test_count_drops_on_the_effective_date(self):
        actions = [*self.state_actions, Action("S02", R, D("2000-02-01"))]
        steps = parties_over_time(
            actions=actions, rule=self.rule, general_eif=self.general_eif, basis="effective"
        )
        assert steps == [(D("2000-03-02"), 2), (D("2011-01-01"), 1)]


class TestTimelines:
    rule = days_rule(3, 30)
    actions = [
        *deposits("2000-01-01", "2000-01-01", "2000-02-01", "2000-05-01"),
        Action("S01", ActionKind.SIGNATURE, D("1999-06-01")),
        Action("S09", ActionKind.SIGNATURE, D("1999-06-01")),  # signatory only: never a party
    ]
    general_eif = D("2000-03-02")

    def test_parties_over_time_on_both_bases(self):
        over_time = partial(parties_over_time, actions=self.actions, rule=self.rule)
        assert over_time(general_eif=self.general_eif, basis="deposit") == [
            (D("2000-01-01"), 2),
            (D("2000-02-01"), 3),
            (D("2000-05-01"), 4),
        ]
        assert over_time(general_eif=self.general_eif, basis="effective") == [
            (D("2000-03-02"), 3),
            (D("2000-05-31"), 4),
        ]

    def test_nth_party(self):
        nth = partial(nth_party, actions=self.actions, rule=self.rule, general_eif=self.general_eif)
        first = nth(n=1, basis="deposit")
        assert first is not None
        assert (first.state, first.tied_states) == (None, ("S01", "S02"))
        third = nth(n=3, basis="deposit")
        assert third is not None
        assert (third.state, third.date) == ("S03", D("2000-02-01"))
        third_in_force = nth(n=3, basis="effective")
        assert third_in_force is not None
        assert third_in_force.date == self.general_eif
        assert third_in_force.tied_states == ("S01", "S02", "S03")
        assert nth(n=5, basis="deposit") is None
        with pytest.raises(ValueError, match="at least 1"):
            nth(n=0, basis="deposit")

    def test_unknown_basis_is_rejected(self):
        with pytest.raises(ValueError, match="basis"):
            is_party(
                actions_for_state=[],
                rule=self.rule,
                general_eif=self.general_eif,
                as_of=self.general_eif,
                basis="signature",  # type: ignore[arg-type]
            )

    def test_undated_deposit_with_published_effective_date(self):
        nigeria_like = [Action("S01", R, None, D("2020-01-01"))]
        general_eif = D("2020-01-01")
        party = partial(is_party, actions_for_state=nigeria_like, rule=self.rule, basis="deposit")
        assert party(general_eif=general_eif, as_of=D("2019-12-31")) is None
        assert party(general_eif=general_eif, as_of=D("2020-01-01")) is True
        periods = party_periods(
            actions_for_state=nigeria_like, rule=self.rule, general_eif=general_eif, basis="deposit"
        )
        assert periods is None

    def test_succession_takes_the_published_retroactive_date(self):
        succession = Action("BIH", ActionKind.SUCCESSION, D("1993-09-01"), D("1992-03-06"))
        general_eif = D("1983-06-03")
        effective = partial(state_effective_date, rule=self.rule, general_eif=general_eif)
        party = partial(is_party, rule=self.rule, general_eif=general_eif)
        assert effective(action=succession) == D("1992-03-06")
        in_1993 = D("1993-01-01")
        assert party(actions_for_state=[succession], as_of=in_1993, basis="effective") is True
        assert party(actions_for_state=[succession], as_of=in_1993, basis="deposit") is False
        unpublished = Action("BIH", ActionKind.SUCCESSION, D("1993-09-01"))
        assert effective(action=unpublished) is None
        assert party(actions_for_state=[unpublished], as_of=in_1993, basis="effective") is None


class TestPartyToAll:
    """Order of completing a set of three instruments (no real dates)."""

    rule = days_rule(1, 30)

    def participation(self, *actions: Action) -> InstrumentParticipation:
        return InstrumentParticipation(rule=self.rule, actions=actions, general_eif=D("1990-01-31"))

    def test_order(self):
        first = self.participation(
            Action("AAA", R, D("2001-01-01")),
            Action("BBB", R, D("2000-01-01")),
            Action("CCC", R, D("2000-01-01")),
            Action("DDD", R, D("2000-01-01")),
            Action("EEE", R, D("2000-01-01")),
        )
        second = self.participation(
            Action("AAA", A, D("2016-05-01")),
            Action("BBB", A, D("2019-03-01")),
            Action("CCC", A, D("2017-02-01")),
            Action("EEE", A, D("2001-01-01")),
            Action("EEE", ActionKind.DENUNCIATION, D("2005-01-01"), D("2006-01-01")),
        )
        third = self.participation(
            Action("AAA", A, D("2003-01-01")),
            Action("BBB", A, D("2019-03-01")),
            Action("CCC", ActionKind.SUCCESSION, D("2019-01-01"), D("1995-01-01")),
            Action("DDD", ActionKind.SIGNATURE, D("2000-01-01")),
            Action("EEE", A, D("2003-01-01")),
            Action("FFF", A, D("2003-01-01")),
        )
        order = partial(party_to_all_order, participations=[first, second, third])
        assert order(as_of=D("2020-12-31"), basis="deposit") == [
            ("AAA", D("2016-05-01")),
            ("CCC", D("2019-01-01")),
            ("BBB", D("2019-03-01")),
        ]
        assert order(as_of=D("2020-12-31"), basis="effective") == [
            ("AAA", D("2016-05-31")),
            ("CCC", D("2017-03-03")),
            ("BBB", D("2019-03-31")),
        ]
        # Before BBB's deposits took effect only AAA and CCC were party to all three.
        assert order(as_of=D("2019-03-30"), basis="effective") == [
            ("AAA", D("2016-05-31")),
            ("CCC", D("2017-03-03")),
        ]

    def test_unknown_dates_make_the_order_unknown(self):
        only = self.participation(Action("AAA", A, None, None))
        assert (
            party_to_all_order(participations=[only], as_of=D("2020-01-01"), basis="deposit")
            is None
        )
