"""`ctassist assistance import`: activities and participants from a field office's sheet —
every problem listed by row and column, nothing written unless all rows are right, and the
participant registry de-duplicated."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ctassist.assistance.imports import COLUMNS, activities_import
from ctassist.assistance.models import Activity, Attendance, Participant
from ctassist.cli import main
from ctassist.core.errors import InvalidInput
from ctassist.core.spreadsheets import rows_from_file

pytestmark = pytest.mark.django_db

ROW = {
    "activity_ref": "NGA-2020-017",
    "project": "DEMO-03",
    "title": "Training on special investigative techniques",
    "kind": "training",
    "modality": "in_person",
    "start": "2020-02-10",
    "end": "2020-02-14",
    "country": "NGA",
    "thematic_area": "capacity",
    "participant_name": "Aisha  Bello",
    "sex": "female",
    "agency": "police",
    "participant_country": "NGA",
    "position": "Inspector",
    "completed": "yes",
}


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_sheet_becomes_activity_and_registry_is_deduplicated(tmp_path):
    rows = [ROW, {**ROW, "participant_name": "Musa Garba", "sex": "male"}]
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row[c] for c in COLUMNS])
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    result = CliRunner().invoke(main, ["assistance", "import", str(path)], catch_exceptions=False)
    assert "Imported 1 activities, 2 new participants" in result.output
    activity = Activity.objects.get(reference="NGA-2020-017")
    assert Attendance.objects.filter(activity=activity).count() == 2
    # The same person in a later sheet (other spacing and case) is the same participant.
    again = _csv(
        tmp_path / "again.csv",
        [{**ROW, "activity_ref": "NGA-2020-018", "participant_name": "aisha bello"}],
    )
    report = activities_import(actor=None, rows=rows_from_file(again))
    assert (report.participants_new, report.participants_reused) == (0, 1)
    assert Participant.objects.filter(full_name__iexact="Aisha Bello").count() == 1
    # A sheet imported twice is refused, not duplicated.
    with pytest.raises(InvalidInput) as caught:
        activities_import(actor=None, rows=rows_from_file(again))
    assert caught.value.problems[0].field == "activity_ref"


def test_every_problem_by_row_and_column_and_nothing_written(tmp_path):
    before = Activity.objects.count()
    rows = [
        {**ROW, "kind": "party"},
        {**ROW, "project": "NOPE", "start": "2020-13-01"},
        {**ROW, "participant_country": "ZZZ"},
    ]
    result = CliRunner().invoke(
        main, ["assistance", "import", str(_csv(tmp_path / "bad.csv", rows))]
    )
    assert result.exit_code == 1
    assert "kind (line 2)" in result.output
    assert "project (line 3): unknown project 'NOPE'" in result.output
    assert "start (line 3)" in result.output
    assert "participant_country (line 4): unknown country 'ZZZ'" in result.output
    assert Activity.objects.count() == before


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(column=st.sampled_from(COLUMNS), value=CELL)
def test_random_cells_give_a_clear_error_or_an_import(tmp_path, column, value):
    before = Activity.objects.count()
    rows = [{**ROW, "activity_ref": f"fuzz-{value}", column: value}]
    try:
        activities_import(actor=None, rows=rows_from_file(_csv(tmp_path / "f.csv", rows)))
    except InvalidInput as error:
        assert error.problems and all(p.line == 2 for p in error.problems)
        assert {p.field for p in error.problems} <= {column, "activity_ref", "participant_country"}
        assert Activity.objects.count() == before
    else:
        assert Activity.objects.count() == before + 1
