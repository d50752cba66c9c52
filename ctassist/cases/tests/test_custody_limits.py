"""Legal time limits for detention: the closest registered rule wins; a detainee held past the
limit is the first thing a unit head sees; without a rule nothing is claimed."""

from __future__ import annotations

import datetime as dt

import pytest

from ctassist.cases.detention import RuleView, rule_for
from ctassist.cases.models import DetentionRule, Person, Stage
from ctassist.cases.selectors import dashboard_for
from ctassist.cases.tests.factories import (
    CaseFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)
from ctassist.geo.models import State

RULES = [
    RuleView(None, "", False, 90, 30, "default", False),
    RuleView(None, "investigation", False, 60, 14, "default investigation", False),
    RuleView("NGA", "", False, 120, None, "NGA any stage", False),
    RuleView("NGA", "trial", False, 180, None, "NGA trial", False),
    RuleView("NGA", "", True, 30, 7, "NGA children", False),
]


@pytest.mark.parametrize(
    ("country", "stage", "source"),
    [
        ("NGA", "trial", "NGA trial"),
        ("NGA", "investigation", "NGA any stage"),
        ("KEN", "investigation", "default investigation"),
        ("KEN", "appeal", "default"),
    ],
)
def test_closest_rule_wins(country, stage, source):
    rule = rule_for(RULES, country=country, stage=stage)
    assert rule is not None and rule.source == source


def test_a_childs_rule_wins_for_a_child_and_never_binds_an_adult():
    child = rule_for(RULES, country="NGA", stage="investigation", child=True)
    assert child is not None and child.source == "NGA children"
    # The country's children's rule is the special law: it wins over its stage rules.
    trial = rule_for(RULES, country="NGA", stage="trial", child=True)
    assert trial is not None and trial.source == "NGA children"
    # Where the country has no children's rule, its general rules come before the defaults.
    kenyan = rule_for(RULES, country="KEN", stage="trial", child=True)
    assert kenyan is not None and kenyan.source == "default"
    adult = rule_for(RULES, country="NGA", stage="investigation")
    assert adult is not None and adult.source == "NGA any stage"


def test_no_rule_no_claim():
    assert rule_for([], country="NGA", stage="trial") is None


@pytest.mark.django_db
def test_head_sees_the_detainee_held_past_the_limit_first(persona):
    DetentionRule.objects.all().delete()
    DetentionRule.objects.create(
        country=State.objects.get(code="NGA"), stage="", max_days=30, source="test rule"
    )
    head = persona("head", countries=("NGA",))
    unit = UnitFactory()
    MembershipFactory(unit=unit, user=head, is_head=True)
    case = CaseFactory(unit=unit, stage=Stage.PRE_TRIAL)
    today = dt.date(2020, 6, 1)
    late = PersonFactory(
        case=case,
        full_name="Held too long",
        detention=Person.Detention.IN_CUSTODY,
        custody_start=today - dt.timedelta(days=45),
    )
    PersonFactory(
        case=case,
        full_name="Recently held",
        detention=Person.Detention.IN_CUSTODY,
        custody_start=today - dt.timedelta(days=5),
    )
    board = dashboard_for(user=head, today=today)
    assert [s.person.pk for s in board.overdue] == [late.pk]
    assert board.overdue[0].days_past_limit == 15
    assert board.overdue[0].limit_date == dt.date(2020, 5, 17)
    outsider = persona("outsider", countries=("KEN",))
    assert dashboard_for(user=outsider, today=today).overdue == []
