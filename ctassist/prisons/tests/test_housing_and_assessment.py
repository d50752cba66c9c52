"""The rules of issue 20's "Done means": a housing move that breaks capacity or a separation
constraint is refused with the reason; an override of the suggested level without a reason is
refused; a supervisor's return sends the assessment back; a stale edit is refused (409)."""

from __future__ import annotations

import datetime as dt

import pytest

from ctassist.core.errors import BrokenRule, ConflictError
from ctassist.prisons.models import Assessment, Prisoner
from ctassist.prisons.selectors import instrument_current, places_in_use_on, population_on
from ctassist.prisons.services import (
    assessment_resubmit,
    assessment_review,
    assessment_submit,
    incident_record,
    prisoner_house,
    prisoner_release,
    prisoner_transfer,
)

from .conftest import DAY, HIGH, ratings_for

pytestmark = pytest.mark.django_db


def _house(site, prisoner, cell, on=DAY):
    prisoner.refresh_from_db()
    return prisoner_house(
        actor=site.officer,
        prisoner=prisoner,
        expected_version=prisoner.version,
        cell=site.cells[cell],
        on=on,
        reason="as classified",
    )


def _classify(site, prisoner, values, level, reason=""):
    assessment = assessment_submit(
        actor=site.officer,
        prisoner=prisoner,
        instrument=instrument_current(),
        trigger="intake",
        assessed_on=DAY,
        ratings=ratings_for(values),
        level=level,
        override_reason=reason,
    )
    return assessment_review(
        actor=site.supervisor,
        assessment=assessment,
        expected_version=assessment.version,
        decision="approve",
        reason="",
        on=DAY,
    )


def test_a_full_cell_refuses_with_the_reason(site):
    first, second = site.admit("A1"), site.admit("A2")
    _classify(site, first, HIGH, "high")
    _classify(site, second, HIGH, "high")
    _house(site, first, "H")
    with pytest.raises(BrokenRule) as refused:
        _house(site, second, "H")
    assert "full" in refused.value.message and "1 of 1" in refused.value.message
    assert second.stays.get().cell is None  # nothing moved


@pytest.mark.parametrize(
    ("given", "cell", "why"),
    [
        ({"sex": "female"}, "M", "woman"),
        ({"date_of_birth": dt.date(2010, 1, 1)}, "M", "child"),
        ({}, "W", "adult man"),
        ({}, "J", "adult man"),
    ],
)
def test_children_and_women_are_held_apart_from_adult_men(site, given, cell, why):
    prisoner = site.admit("S1", **given)
    with pytest.raises(BrokenRule) as refused:
        _house(site, prisoner, cell)
    assert why in refused.value.message
    assert refused.value.problems[0].field == "cell"


def test_a_high_risk_prisoner_only_where_the_unit_allows_it(site):
    prisoner = site.admit("R1")
    _classify(site, prisoner, HIGH, "high")
    with pytest.raises(BrokenRule) as refused:
        _house(site, prisoner, "M")
    assert "high-risk" in refused.value.message
    _house(site, prisoner, "H")
    assert prisoner.stays.get().cell == site.cells["H"]


def test_the_right_unit_takes_them(site):
    _house(site, site.admit("OK1", sex="female"), "W")
    _house(site, site.admit("OK2", date_of_birth=dt.date(2010, 1, 1)), "J")
    _house(site, site.admit("OK3"), "M")
    places = places_in_use_on(prisons=[site.prison], day=DAY)
    assert places["medium"] == {"in_use": 2, "places": 4}
    assert places["low"] == {"in_use": 1, "places": 2}


def test_an_override_without_a_reason_is_refused(site):
    prisoner = site.admit("O1")
    with pytest.raises(BrokenRule) as refused:
        assessment_submit(
            actor=site.officer,
            prisoner=prisoner,
            instrument=instrument_current(),
            trigger="intake",
            assessed_on=DAY,
            ratings=ratings_for({}),
            level="high",
        )
    assert refused.value.problems[0].field == "override_reason"
    assert "low" in refused.value.message
    assert not Assessment.objects.filter(prisoner=prisoner).exists()
    made = assessment_submit(
        actor=site.officer,
        prisoner=prisoner,
        instrument=instrument_current(),
        trigger="intake",
        assessed_on=DAY,
        ratings=ratings_for({}),
        level="high",
        override_reason="intelligence report after the interview",
    )
    assert (made.suggested_level, made.level, made.overridden) == ("low", "high", True)


def test_a_rating_above_the_lowest_needs_evidence(site):
    ratings = ratings_for(HIGH)
    ratings[0].evidence = ""
    with pytest.raises(BrokenRule) as refused:
        assessment_submit(
            actor=site.officer,
            prisoner=site.admit("E1"),
            instrument=instrument_current(),
            trigger="intake",
            assessed_on=DAY,
            ratings=ratings,
            level="high",
        )
    assert refused.value.problems[0].field == ratings[0].item


def test_a_supervisors_return_sends_the_assessment_back(site):
    prisoner = site.admit("V1")
    made = assessment_submit(
        actor=site.officer,
        prisoner=prisoner,
        instrument=instrument_current(),
        trigger="intake",
        assessed_on=DAY,
        ratings=ratings_for(HIGH),
        level="high",
    )
    with pytest.raises(BrokenRule):  # a return needs its reason
        assessment_review(
            actor=site.supervisor,
            assessment=made,
            expected_version=made.version,
            decision="return",
            reason=" ",
            on=DAY,
        )
    with pytest.raises(BrokenRule):  # a second person reviews, never the assessor
        assessment_review(
            actor=site.officer,
            assessment=made,
            expected_version=made.version,
            decision="approve",
            reason="",
            on=DAY,
        )
    returned = assessment_review(
        actor=site.supervisor,
        assessment=made,
        expected_version=made.version,
        decision="return",
        reason="evidence for the group contact is thin",
        on=DAY,
    )
    assert returned.status == Assessment.Status.RETURNED
    prisoner.refresh_from_db()
    assert prisoner.level == ""  # not classified by a returned assessment
    again = assessment_resubmit(
        actor=site.officer,
        assessment=returned,
        expected_version=returned.version,
        ratings=ratings_for({**HIGH, "ties.group": 0}),
        level="high",
        override_reason="intent stated twice to staff",
    )
    assert again.status == Assessment.Status.SUBMITTED and again.suggested_level == "medium"
    approved = assessment_review(
        actor=site.supervisor,
        assessment=again,
        expected_version=again.version,
        decision="approve",
        reason="",
        on=DAY,
    )
    prisoner.refresh_from_db()
    assert approved.status == Assessment.Status.APPROVED
    assert (prisoner.level, prisoner.review_due) == ("high", DAY + dt.timedelta(days=90))


def test_a_stale_housing_decision_is_a_conflict(site):
    prisoner = site.admit("C1")
    stale = prisoner.version
    _house(site, prisoner, "M")
    with pytest.raises(ConflictError):
        prisoner_house(
            actor=site.officer,
            prisoner=prisoner,
            expected_version=stale,
            cell=site.cells["M"],
            on=DAY + dt.timedelta(days=1),
            reason="again",
        )


def test_an_incident_brings_the_review_forward_and_links_the_reassessment(site):
    prisoner = site.admit("I1")
    _classify(site, prisoner, {}, "low")
    incident = incident_record(
        actor=site.officer,
        prisoner=prisoner,
        occurred_on=DAY + dt.timedelta(days=10),
        kind="violence",
        description="fight in the yard",
    )
    prisoner.refresh_from_db()
    assert prisoner.review_due == DAY + dt.timedelta(days=17)
    assert prisoner.review_trigger == "incident"
    again = assessment_submit(
        actor=site.officer,
        prisoner=prisoner,
        instrument=instrument_current(),
        trigger="incident",
        assessed_on=DAY + dt.timedelta(days=12),
        ratings=ratings_for(HIGH),
        level="high",
        incident=incident,
    )
    incident.refresh_from_db()
    assert incident.reassessment == again


def test_population_and_places_over_time(site):
    a, b = site.admit("T1"), site.admit("T2")
    _house(site, a, "M")
    _house(site, b, "M", on=DAY + dt.timedelta(days=2))
    b.refresh_from_db()
    prisoner_transfer(
        actor=site.officer,
        prisoner=b,
        expected_version=b.version,
        to=site.other,
        on=DAY + dt.timedelta(days=5),
        reason="closer to family",
    )
    a.refresh_from_db()
    prisoner_release(
        actor=site.officer, prisoner=a, expected_version=a.version, on=DAY + dt.timedelta(days=9)
    )
    prisons = [site.prison, site.other]
    assert population_on(prisons=prisons, day=DAY - dt.timedelta(days=1)) == {}
    assert population_on(prisons=prisons, day=DAY + dt.timedelta(days=3)) == {site.prison.pk: 2}
    assert population_on(prisons=prisons, day=DAY + dt.timedelta(days=6)) == {
        site.prison.pk: 1,
        site.other.pk: 1,
    }
    assert population_on(prisons=prisons, day=DAY + dt.timedelta(days=9)) == {site.other.pk: 1}
    on_day_3 = places_in_use_on(prisons=prisons, day=DAY + dt.timedelta(days=3))
    assert on_day_3["medium"]["in_use"] == 2
    b = Prisoner.objects.get(pk=b.pk)
    assert b.prison == site.other and b.review_trigger == "transfer"
