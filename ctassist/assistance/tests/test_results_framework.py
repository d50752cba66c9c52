"""Results framework: targets and actual values per period, in total and by sex, each with its
source; an actual counts only once approved by a second person; IATI publishes what counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from lxml import etree

from ctassist.assistance.iati import iati_activities, iati_folder, iati_schema_errors
from ctassist.assistance.models import Indicator, IndicatorValue, Project, Result
from ctassist.assistance.selectors import indicator_progress
from ctassist.assistance.services import (
    indicator_create,
    indicator_value_approve,
    indicator_value_record,
    result_create,
)
from ctassist.core.errors import ConflictError, InvalidInput, PermissionDenied

pytestmark = pytest.mark.django_db
START, END = dt.date(2021, 6, 1), dt.date(2022, 5, 31)


@pytest.fixture
def staff(persona):
    return persona("officer", role="analyst"), persona("reviewer", role="analyst")


@pytest.fixture
def indicator(staff):
    project = Project.objects.create(
        code="T-01", title="Test", thematic_area="capacity", start=START, end=END
    )
    result = result_create(
        actor=staff[0], project=project, level=Result.Level.OUTCOME, title="Convictions"
    )
    return indicator_create(
        actor=staff[0],
        result=result,
        code="OC1",
        title="Persons convicted",
        baseline_year=2020,
        baseline_value=Decimal(10),
    )


def _record(actor, indicator, kind, value, sex="total", **kw):
    return indicator_value_record(
        actor=actor,
        indicator=indicator,
        start=START,
        end=END,
        kind=kind,
        sex=sex,
        value=Decimal(value),
        source=kw.pop("source", "court records"),
        **kw,
    )


def test_only_approved_actuals_count_and_four_eyes(staff, indicator):
    officer, reviewer = staff
    _record(officer, indicator, "target", 40)
    actual = _record(officer, indicator, "actual", 45)
    _record(officer, indicator, "actual", 12, sex="female")
    [row] = indicator_progress(start=START, end=END)
    assert row.target == 40 and row.actual is None and row.pending == 2
    with pytest.raises(PermissionDenied):
        indicator_value_approve(actor=officer, value=actual, expected_version=actual.version)
    indicator_value_approve(actor=reviewer, value=actual, expected_version=actual.version)
    [row] = indicator_progress(start=START, end=END)
    assert row.actual == 45 and row.met is True and row.achieved_pct == 113
    assert row.actual_female is None and row.pending == 1
    # Re-recording the same number with another source is a new statement: unapproved again.
    actual.refresh_from_db()
    _record(
        reviewer, indicator, "actual", 45, source="unit report", expected_version=actual.version
    )
    [row] = indicator_progress(start=START, end=END)
    assert row.actual is None
    actual.refresh_from_db()
    assert actual.recorded_by == reviewer
    with pytest.raises(PermissionDenied):  # the reviewer now recorded it: not theirs to approve
        indicator_value_approve(actor=reviewer, value=actual, expected_version=actual.version)
    indicator_value_approve(actor=officer, value=actual, expected_version=actual.version)
    # A changed actual goes back to unapproved.
    actual.refresh_from_db()
    _record(officer, indicator, "actual", 30, expected_version=actual.version)
    [row] = indicator_progress(start=START, end=END)
    assert row.actual is None and row.pending == 2


def test_values_keep_their_rules(staff, indicator):
    officer, _ = staff
    _record(officer, indicator, "actual", 20)
    _record(officer, indicator, "actual", 12, sex="female")
    with pytest.raises(InvalidInput, match="cannot exceed the total"):
        _record(officer, indicator, "actual", 9, sex="male")
    with pytest.raises(InvalidInput, match="source"):
        _record(officer, indicator, "target", 5, source=" ")
    with pytest.raises(InvalidInput, match="negative"):
        _record(officer, indicator, "target", -1)
    share = indicator_create(
        actor=officer,
        result=indicator.result,
        code="OC2",
        title="Share of women",
        measure=Indicator.Measure.PERCENTAGE,
    )
    with pytest.raises(InvalidInput, match="percentage"):
        _record(officer, share, "actual", 130)
    with pytest.raises(InvalidInput, match="already has an indicator"):
        indicator_create(actor=officer, result=indicator.result, code="OC1", title="again")
    assert not IndicatorValue.objects.filter(period__indicator=indicator, sex="male").exists()


def test_stale_version_is_a_conflict(staff, indicator):
    officer, reviewer = staff
    first = _record(officer, indicator, "target", 40)
    _record(reviewer, indicator, "target", 50, expected_version=first.version)
    with pytest.raises(ConflictError):
        _record(officer, indicator, "target", 45, expected_version=first.version)
    assert IndicatorValue.objects.get(period__indicator=indicator, kind="target").value == 50


def test_practitioners_do_not_record_results(persona, indicator):
    with pytest.raises(PermissionDenied):
        _record(persona("p", countries=("NGA",)), indicator, "target", 1)


@pytest.mark.skipif(
    not (iati_folder() / "schema" / "iati-activities-schema.xsd").exists(),
    reason="the shared IATI schema folder (CTASSIST_SHARED_DATA/iati) is absent",
)
def test_iati_publishes_targets_and_approved_actuals_by_sex(staff, indicator):
    officer, reviewer = staff
    _record(officer, indicator, "target", 40)
    _record(officer, indicator, "target", 12, sex="female")
    approved = _record(officer, indicator, "actual", 45)
    _record(officer, indicator, "actual", 11, sex="female")  # not approved: not published
    indicator_value_approve(actor=reviewer, value=approved, expected_version=approved.version)
    content = iati_activities(
        [indicator.project], reporting_ref="XI-EXAMPLE-1", reporting_name="P", now=timezone.now()
    )
    assert iati_schema_errors(content) == []
    node = etree.fromstring(content).xpath("//result[@type='2']/indicator")[0]
    assert node.find("baseline").attrib == {"year": "2020", "value": "10"}
    period = node.find("period")
    assert period.find("period-start").get("iso-date") == "2021-06-01"
    targets = [(t.get("value"), t.xpath("dimension/@value")) for t in period.findall("target")]
    assert sorted(targets) == [("12", ["female"]), ("40", [])]
    assert [a.get("value") for a in period.findall("actual")] == ["45"]
