"""The figures of ¶56 (`learning stats`, the API, `learning_statistics`) against counts made
here from the raw rows, with and without a period; the command prints exactly the six keys."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from click.testing import CliRunner
from django.utils import timezone

from ctassist.cli import main
from ctassist.learning.models import (
    Course,
    Enrolment,
    Registration,
    Webinar,
    WebinarAttendance,
)
from ctassist.learning.selectors import learning_statistics
from ctassist.learning.services import attendance_write, course_completion_record

pytestmark = pytest.mark.django_db

KEYS = ["users", "countries", "courses", "course_participants", "webinars", "practitioners_trained"]


def _in(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def counted(start: dt.date | None, end: dt.date | None) -> dict[str, int]:
    """The figures, from every row, in plain Python."""
    now = timezone.now()
    users = [
        r
        for r in Registration.objects.all()
        if r.status == "approved" and r.user_id and r.decided_at
        if _in(r.decided_at.date(), start, end)
    ]
    courses = [
        c
        for c in Course.objects.all()
        if c.published_on
        and (end is None or c.published_on <= end)
        and (start is None or c.ends is None or c.ends >= start)
    ]
    held = {
        w.pk for w in Webinar.objects.all() if w.start <= now and _in(w.start.date(), start, end)
    }
    trained: set[tuple[str, int]] = set()
    for e in Enrolment.objects.all():
        if e.completed_at and _in(e.completed_at.date(), start, end):
            trained.add(("user", e.user_id))
    for a in WebinarAttendance.objects.all():
        if a.attended and a.webinar_id in held:
            trained.add(("user", a.user_id) if a.user_id else ("guest", a.guest_id or 0))
    return {
        "users": len(users),
        "countries": len({r.country_id for r in users}),
        "courses": len(courses),
        "course_participants": len(
            {e.user_id for e in Enrolment.objects.all() if _in(e.enrolled_at.date(), start, end)}
        ),
        "webinars": len(held),
        "practitioners_trained": len(trained),
    }


PERIODS = [
    (None, None),
    (dt.date(2025, 1, 1), None),
    (None, timezone.localdate() - dt.timedelta(days=200)),
    (timezone.localdate() - dt.timedelta(days=365), timezone.localdate() - dt.timedelta(days=30)),
]


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_figures_equal_a_count_from_the_rows(school: Any, start: Any, end: Any) -> None:
    course_completion_record(
        actor=None,
        user=school.learner,
        course=school.course,
        language="en",
        completed_at=timezone.now() - dt.timedelta(days=40),
    )
    attendance_write(actor=None, webinar=school.webinar, person=school.outsider, minutes=45)
    attendance_write(actor=None, webinar=school.webinar, person=school.learner, minutes=5)
    figures = learning_statistics(start=start, end=end)
    expected = counted(start, end)
    assert expected["users"] > 0 and expected["webinars"] > 0, "the demo gives every figure"
    assert {key: getattr(figures, key) for key in KEYS} == expected


def test_a_learner_counted_once_though_trained_twice(school: Any) -> None:
    before = learning_statistics().practitioners_trained
    course_completion_record(
        actor=None,
        user=school.learner,
        course=school.course,
        language="en",
        completed_at=timezone.now(),
    )
    attendance_write(actor=None, webinar=school.webinar, person=school.learner, minutes=60)
    assert learning_statistics().practitioners_trained == before + 1


def test_the_command_and_the_api_print_the_same_six_figures(school: Any, client: Any) -> None:
    result = CliRunner().invoke(
        main,
        ["learning", "stats", "--from", "2025-01-01", "--to", "2026-12-31", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert list(printed) == KEYS
    served = client.get("/api/v1/learning/stats?from=2025-01-01&to=2026-12-31").json()
    assert served == printed
    figures = learning_statistics(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31))
    assert printed == {key: getattr(figures, key) for key in KEYS}


def test_a_period_ending_before_it_starts_is_refused(client: Any) -> None:
    result = CliRunner().invoke(
        main, ["learning", "stats", "--from", "2026-02-01", "--to", "2026-01-01"]
    )
    assert result.exit_code == 1 and "before" in result.output
    answer = client.get("/api/v1/learning/stats?from=2026-02-01&to=2026-01-01")
    assert answer.status_code == 422
