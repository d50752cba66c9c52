"""Small things a unit sees first: detention reviews come by date with the past ones marked
overdue; demo cases carry their own opening dates and one "(demo)" label, not two."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ctassist.cases.models import CaseFile, DetentionRule, Person, Stage
from ctassist.cases.selectors import dashboard_for
from ctassist.cases.tests.factories import (
    CaseFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)
from ctassist.geo.models import State

pytestmark = pytest.mark.django_db


def _unit_with_a_fortnightly_review(persona):
    """A Nigerian unit and its head, under a rule of a review every 14 days."""
    DetentionRule.objects.all().delete()
    DetentionRule.objects.create(
        country=State.objects.get(code="NGA"),
        stage="",
        max_days=365,
        review_every_days=14,
        source="test rule",
    )
    head = persona("head", countries=("NGA",))
    unit = UnitFactory()
    MembershipFactory(unit=unit, user=head, is_head=True)
    return head, unit


def test_reviews_come_by_date_and_past_ones_are_overdue(persona):
    head, unit = _unit_with_a_fortnightly_review(persona)
    case = CaseFactory(unit=unit, stage=Stage.PRE_TRIAL)
    today = dt.date(2020, 6, 1)
    held = {"due today": 14, "two weeks late": 28, "one day late": 15}
    for name, days in held.items():
        PersonFactory(
            case=case,
            full_name=name,
            detention=Person.Detention.IN_CUSTODY,
            custody_start=today - dt.timedelta(days=days),
        )
    board = dashboard_for(user=head, today=today)
    reviews = [(s.person.full_name, s.next_review, s.review_overdue) for s in board.reviews_due]
    assert reviews == [
        ("two weeks late", dt.date(2020, 5, 18), True),
        ("one day late", dt.date(2020, 5, 31), True),
        ("due today", dt.date(2020, 6, 1), False),
    ]


def test_the_dashboard_marks_an_overdue_review(client, persona):
    head, unit = _unit_with_a_fortnightly_review(persona)
    PersonFactory(
        case=CaseFactory(unit=unit, stage=Stage.PRE_TRIAL),
        full_name="Late review",
        detention=Person.Detention.IN_CUSTODY,
        custody_start=timezone.localdate() - dt.timedelta(days=30),
    )
    client.force_login(head)
    body = client.get("/cases/").content.decode()
    item = body[body.index("Late review") :].split("</li>")[0]
    assert 'class="overdue"' in item


def test_demo_cases_have_one_label_and_their_own_opening_dates(client):
    demo = list(CaseFile.objects.filter(illustrative=True))
    assert demo, "the committed test data holds the demo cases"
    assert not any("(demo)" in case.title for case in demo)
    for case in demo:
        assert case.offence_date is not None
        assert case.offence_date <= case.opened_on <= timezone.localdate()
        assert f"/CT/{case.opened_on.year}/" in case.prosecution_ref
    assert len({case.opened_on for case in demo}) > len(demo) // 2
