"""`ctassist cases import FILE --unit UNIT`: a paper register (CSV or XLSX) becomes case files;
every bad cell is reported with its row and column and nothing is written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ctassist.cases.backcapture import COLUMNS, cases_backcapture
from ctassist.cases.models import CaseFile, Evidence, Person
from ctassist.cases.tests.factories import UnitFactory
from ctassist.cli import main
from ctassist.core.errors import InvalidInput
from ctassist.core.spreadsheets import rows_from_file

pytestmark = pytest.mark.django_db

GOOD = [
    {
        "prosecution_ref": "FHC/ABJ/1/2019",
        "title": "State v. A and B",
        "stage": "trial",
        "offence_date": "2019-03-01",
        "accused_name": "A",
        "date_of_birth": "1990-01-01",
        "sex": "male",
        "nationality": "NGA",
        "offence": "Financing",
        "instrument": "FINANCING_1999",
        "disposition": "convicted",
        "disposition_date": "2020-02-01",
        "sentence": "7 years",
        "scan": "file1.pdf",
    },
    {
        "prosecution_ref": "FHC/ABJ/1/2019",
        "title": "State v. A and B",
        "accused_name": "B",
        "date_of_birth": "2003-05-01",
        "detention": "in_custody",
        "custody_start": "2019-03-02",
    },
    {"prosecution_ref": "FHC/ABJ/2/2019", "title": "State v. C", "accused_name": "C"},
]


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _write_xlsx(path: Path, rows: list[dict[str, str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row.get(c, "") for c in COLUMNS])
    book.save(path)
    return path


@pytest.fixture
def scans(tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "file1.pdf").write_bytes(b"%PDF-1.4 scanned page")
    return folder


@pytest.mark.parametrize("writer", [_write_csv, _write_xlsx])
def test_register_becomes_cases(tmp_path, scans, writer):
    unit = UnitFactory(code="fhc-unit")
    path = writer(tmp_path / f"register.{'csv' if writer is _write_csv else 'xlsx'}", GOOD)
    result = CliRunner().invoke(
        main,
        ["cases", "import", str(path), "--unit", "fhc-unit", "--attachments", str(scans)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "2 cases, 3 accused, 1 charges, 1 scanned files" in result.output
    first = CaseFile.objects.get(unit_id=unit.pk, prosecution_ref="FHC/ABJ/1/2019")
    assert first.juvenile  # B was 15 on the offence date
    assert first.persons.get(full_name="B").detention == Person.Detention.IN_CUSTODY
    scan = Evidence.objects.get(case=first)
    assert scan.kind == "document" and len(scan.sha256) == 64


def test_every_problem_is_listed_and_nothing_written(tmp_path):
    UnitFactory(code="u")
    rows = [
        {**GOOD[0], "scan": ""},
        {"prosecution_ref": "X", "title": "", "accused_name": "D", "nationality": "ZZZ"},
        {"prosecution_ref": "Y", "title": "T", "accused_name": "E", "detention": "in_custody"},
    ]
    path = _write_csv(tmp_path / "bad.csv", rows)
    result = CliRunner().invoke(main, ["cases", "import", str(path), "--unit", "u"])
    assert result.exit_code == 1
    assert "title (line 3): required" in result.output
    assert "nationality (line 3): unknown country 'ZZZ'" in result.output
    assert "custody_start (line 4): required for a person in custody" in result.output
    assert not CaseFile.objects.filter(prosecution_ref__in=["FHC/ABJ/1/2019", "X", "Y"]).exists()


def test_importing_the_same_register_twice_is_refused(tmp_path):
    unit = UnitFactory(code="u")
    path = _write_csv(tmp_path / "r.csv", [GOOD[2]])
    cases_backcapture(actor=None, unit=unit, rows=rows_from_file(path), scans_dir=None)
    with pytest.raises(InvalidInput) as caught:
        cases_backcapture(actor=None, unit=unit, rows=rows_from_file(path), scans_dir=None)
    assert caught.value.problems[0].field == "prosecution_ref"


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(column=st.sampled_from(COLUMNS), value=CELL)
def test_random_bad_cells_give_a_clear_error_or_a_clean_import(tmp_path, column, value):
    """A random value in any column of a good register: either the import succeeds, or it
    fails naming that row and column, and nothing is written."""
    unit = UnitFactory()
    before = CaseFile.objects.count()
    rows = [{**GOOD[2], column: value}]
    path = _write_csv(tmp_path / "fuzz.csv", rows)
    try:
        cases_backcapture(actor=None, unit=unit, rows=rows_from_file(path), scans_dir=None)
    except InvalidInput as error:
        assert error.problems and all(p.line == 2 for p in error.problems)
        # A valid outcome or custody status needs its companion cells, which are empty here.
        companions = {
            "disposition": {"offence", "disposition_date"},
            "detention": {"custody_start"},
        }
        allowed = {column, "prosecution_ref", "title"} | companions.get(column, set())
        assert {p.field for p in error.problems} <= allowed
        assert CaseFile.objects.count() == before
    else:
        assert CaseFile.objects.count() == before + 1
        CaseFile.objects.filter(unit_id=unit.pk).delete()
