"""A webinar's attendance from the participant report: re-joins summed per person, registrants
matched by email, guests made for the others, the threshold decides `attended`; a bad row is
refused with its row and column and nothing is written; random reports never crash the
reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.cli import main
from ctassist.core.errors import BrokenRule, InvalidInput, PermissionDenied
from ctassist.learning.attendance import attendance_import, attendance_read
from ctassist.learning.models import Guest, LearningEvent, WebinarAttendance
from ctassist.learning.services import webinar_guest_register

pytestmark = pytest.mark.django_db

ZOOM = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Wanjiru Kamau,learner-owner@example.org,{day} 10:00:00,{day} 10:20:00,20,No\n"
    "Wanjiru Kamau,LEARNER-OWNER@example.org,{day} 10:25:00,{day} 10:40:00,15,No\n"
    "Walk In,walk.in@example.org,{day} 10:00:00,{day} 11:00:00,60,Yes\n"
    "Late Comer,late@example.org,{day} 10:50:00,{day} 11:00:00,10,Yes\n"
)


def _write(tmp_path: Path, text: str, name: str = "report.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _rows(text: str) -> list[tuple[int, dict[str, str]]]:
    import csv
    import io

    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = [h.strip().lower() for h in reader.fieldnames or []]
    return [(n, dict(row)) for n, row in enumerate(reader, start=2)]


def test_rejoins_are_summed_and_people_matched_by_email(school: Any, tmp_path: Path) -> None:
    day = school.webinar.start.date().isoformat()
    path = _write(tmp_path, ZOOM.format(day=day))
    result = CliRunner().invoke(
        main, ["learning", "import-attendance", str(school.webinar.pk), str(path)]
    )
    assert result.exit_code == 0, result.output
    assert "3 people, 2 attended, 2 guests added" in result.output
    mine = WebinarAttendance.objects.get(webinar=school.webinar, user=school.learner)
    assert mine.minutes_present == 35 and mine.attended  # 35 of 60 minutes, threshold 50 %
    walk_in = Guest.objects.get(email="walk.in@example.org")
    assert WebinarAttendance.objects.get(webinar=school.webinar, guest=walk_in).attended
    late = WebinarAttendance.objects.get(webinar=school.webinar, guest__email="late@example.org")
    assert late.minutes_present == 10 and not late.attended
    attended = LearningEvent.objects.filter(webinar=school.webinar, verb="attended")
    assert attended.count() == 2
    assert attended.get(user=school.learner).duration == dt.timedelta(minutes=35)
    again = CliRunner().invoke(
        main, ["learning", "import-attendance", str(school.webinar.pk), str(path)]
    )
    assert again.exit_code == 1 and "already imported" in again.output


def test_a_registered_guest_is_matched_not_duplicated(school: Any) -> None:
    school.webinar.start = timezone.now() + dt.timedelta(days=1)
    school.webinar.save()
    webinar_guest_register(webinar=school.webinar, full_name="Guest One", email="g1@example.org")
    school.webinar.start = timezone.now() - dt.timedelta(hours=2)
    school.webinar.save()
    text = "Name,Email,Duration\nG. One,G1@example.org,45\n"
    report = attendance_import(actor=school.manager, webinar=school.webinar, rows=_rows(text))
    assert report.guests_created == 0 and report.attended == 1
    assert Guest.objects.filter(email="g1@example.org").count() == 1


def test_join_and_leave_times_without_duration(school: Any) -> None:
    text = (
        "Participant,Email address,First join,Last leave\n"
        "A Person,a@example.org,11/03/2026 10:00:00 AM,11/03/2026 10:45:00 AM\n"
    )
    (person,) = attendance_read(_rows(text))
    assert person.minutes == 45 and person.email == "a@example.org"


def test_a_bad_row_is_refused_with_row_and_column_and_nothing_written(
    school: Any, tmp_path: Path
) -> None:
    day = school.webinar.start.date().isoformat()
    text = ZOOM.format(day=day) + "Bad Row,bad@example.org,,,forty,No\n,,,,,\nNo Mail,nomail,,,3,\n"
    path = _write(tmp_path, text)
    result = CliRunner().invoke(
        main, ["learning", "import-attendance", str(school.webinar.pk), str(path)]
    )
    assert result.exit_code == 1
    assert "duration (line 6)" in result.output
    assert "email (line 8)" in result.output
    assert not WebinarAttendance.objects.filter(webinar=school.webinar).exists()
    assert not Guest.objects.filter(email="walk.in@example.org").exists()
    assert not LearningEvent.objects.filter(webinar=school.webinar).exists()
    school.webinar.refresh_from_db()
    assert school.webinar.attendance_imported_at is None


def test_a_report_without_the_columns_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        attendance_read([(2, {"who": "x", "when": "y"})])
    assert {p.field for p in raised.value.problems} == {"name", "duration"}


def test_only_managers_import_and_only_after_the_webinar(school: Any) -> None:
    rows = _rows("Name,Email,Duration\nX,x@example.org,10\n")
    with pytest.raises(PermissionDenied):
        attendance_import(actor=school.learner, webinar=school.webinar, rows=rows)
    school.webinar.start = timezone.now() + dt.timedelta(days=2)
    school.webinar.save()
    with pytest.raises(BrokenRule):
        attendance_import(actor=school.manager, webinar=school.webinar, rows=rows)


def test_the_managers_page_lists_the_problems(school: Any, client: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(school.manager)
    upload = SimpleUploadedFile("r.csv", b"Name,Email,Duration\nX,x@example.org,lots\n")
    page = client.post(f"/learning/webinars/{school.webinar.pk}/attendance/", {"file": upload})
    assert page.status_code == 200
    assert b"not a number of minutes" in page.content
    client.force_login(school.learner)
    assert client.get(f"/learning/webinars/{school.webinar.pk}/attendance/").status_code == 403


CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=25
)
HEADER = st.sampled_from(
    ["name", "email", "duration", "join time", "leave time", "user email", "minutes", "other"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(HEADER, min_size=1, max_size=5, unique=True).flatmap(
        lambda headers: st.lists(
            st.fixed_dictionaries(dict.fromkeys(headers, CELL)), min_size=1, max_size=8
        )
    )
)
def test_random_reports_are_read_or_refused_clearly(rows: list[dict[str, str]]) -> None:
    numbered = list(enumerate(rows, start=2))
    try:
        people = attendance_read(numbered)
    except InvalidInput as error:
        assert error.problems
        assert all(p.line is None or 2 <= p.line <= len(rows) + 1 for p in error.problems)
        return
    assert all(person.minutes >= 0 for person in people)
    assert len({person.key for person in people}) == len(people)
    assert sum(len(person.rows) for person in people) <= len(rows)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=600), min_size=1, max_size=10))
def test_rejoins_sum_to_the_total(durations: list[int]) -> None:
    rows = [
        (n, {"email": "same@example.org", "duration": str(d)}) for n, d in enumerate(durations, 2)
    ]
    (person,) = attendance_read(rows)
    assert person.minutes == sum(durations)
