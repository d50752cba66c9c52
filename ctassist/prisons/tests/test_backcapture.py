"""`ctassist prisons import FILE.xlsx --prison CODE`: a paper register becomes prisoners, housed
through the same housing check as every other path; every problem is reported with its row and
column, and nothing is written unless all rows are right."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ctassist.cli import main
from ctassist.core.errors import InvalidInput
from ctassist.core.spreadsheets import rows_from_file
from ctassist.prisons.backcapture import COLUMNS, prisons_backcapture
from ctassist.prisons.models import Prisoner, Stay

pytestmark = pytest.mark.django_db

GOOD = [
    {
        "number": "B-1",
        "full_name": "Generated One",
        "sex": "male",
        "date_of_birth": "1980-02-02",
        "nationality": "KEN",
        "admitted_on": "2024-05-01",
        "unit": "M",
        "cell": "1",
        "housing_reason": "register: block M",
    },
    {
        "number": "B-2",
        "full_name": "Generated Two",
        "sex": "female",
        "admitted_on": "2024-06-01",
        "unit": "W",
        "cell": "1",
        "housing_reason": "register: women's wing",
    },
    {"number": "B-3", "full_name": "Generated Three", "sex": "male", "admitted_on": "2024-07-01"},
]


def _xlsx(path: Path, rows: list[dict[str, str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row.get(c, "") for c in COLUMNS])
    book.save(path)
    return path


def test_a_good_register_is_imported_and_housed(site, tmp_path):
    path = _xlsx(tmp_path / "register.xlsx", GOOD)
    result = CliRunner().invoke(main, ["prisons", "import", str(path), "--prison", "test-ken"])
    assert result.exit_code == 0, result.output
    assert "3 prisoners, 2 housed" in result.output
    housed = Stay.objects.get(prisoner__number="B-2", prisoner__prison=site.prison)
    assert housed.cell == site.cells["W"] and housed.reason == "register: women's wing"


def test_every_problem_by_row_and_column_and_nothing_written(site, tmp_path):
    rows = [
        GOOD[0],
        {**GOOD[1], "unit": "M"},  # a woman in the men's block
        {**GOOD[2], "sex": "x", "admitted_on": "01/07/2024", "nationality": "ZZZ"},
        {**GOOD[0], "number": "B-4"},  # the cell of M holds two: the third is refused
        {**GOOD[0], "number": "B-5"},
        {"number": "B-1", "full_name": "", "sex": "male", "admitted_on": "2024-01-01"},
    ]
    path = _xlsx(tmp_path / "bad.xlsx", rows)
    with pytest.raises(InvalidInput) as caught:
        prisons_backcapture(actor=None, prison=site.prison, rows=rows_from_file(path))
    found = {(p.line, p.field) for p in caught.value.problems}
    assert found == {
        (3, "cell"),
        (4, "sex"),
        (4, "admitted_on"),
        (4, "nationality"),
        (6, "cell"),
        (7, "full_name"),
        (7, "number"),
    }
    assert "woman" in next(p.message for p in caught.value.problems if p.line == 3)
    assert "full" in next(p.message for p in caught.value.problems if p.line == 6)
    assert not Prisoner.objects.filter(prison=site.prison).exists()
    result = CliRunner().invoke(main, ["prisons", "import", str(path), "--prison", "test-ken"])
    assert result.exit_code == 1
    assert "nothing was imported" in result.output and "woman" in result.output


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(row=st.integers(min_value=0, max_value=2), column=st.sampled_from(COLUMNS), value=CELL)
def test_random_bad_cells_leave_the_database_unchanged(site, tmp_path, row, column, value):
    """A random value in any cell of a good register: either a clean import, or an error that
    names that row and leaves the database as it was."""
    before = (Prisoner.objects.count(), Stay.objects.count())
    rows = [dict(r) for r in GOOD]
    rows[row][column] = value
    path = _xlsx(tmp_path / "fuzz.xlsx", rows)
    try:
        prisons_backcapture(actor=None, prison=site.prison, rows=rows_from_file(path))
    except InvalidInput as error:
        assert error.problems
        assert all(p.line == row + 2 for p in error.problems if p.line is not None)
        assert (Prisoner.objects.count(), Stay.objects.count()) == before
    else:
        Stay.objects.filter(prisoner__prison=site.prison).delete()
        Prisoner.objects.filter(prison=site.prison).delete()
