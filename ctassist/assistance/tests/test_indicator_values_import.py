"""`ctassist assistance import --what indicator-values` and the web upload: targets and actual
values from a field office's sheet — every problem by row and column, nothing written unless
all rows are right; the downloadable template is the importer's own header."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ctassist.assistance.imports import VALUE_COLUMNS, indicator_values_import
from ctassist.assistance.models import IndicatorValue
from ctassist.cli import main
from ctassist.core.errors import InvalidInput
from ctassist.core.spreadsheets import rows_from_file

pytestmark = pytest.mark.django_db

ROW = {
    "project": "DEMO-03",
    "indicator": "OC1.1",
    "period_start": "2020-06-01",
    "period_end": "2021-05-31",
    "kind": "actual",
    "sex": "total",
    "value": "42",
    "source": "court records (test)",
    "evidence_url": "https://example.org/records/42",
}


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(VALUE_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _stored() -> list[tuple[str, Decimal]]:
    return list(
        IndicatorValue.objects.filter(period__start="2020-06-01")
        .order_by("kind", "sex")
        .values_list("sex", "value")
    )


def test_sheet_of_values_imports_and_reimport_updates(tmp_path):
    rows = [ROW, {**ROW, "sex": "female", "value": "11"}, {**ROW, "kind": "target", "value": "40"}]
    path = _csv(tmp_path / "values.csv", rows)
    result = CliRunner().invoke(
        main, ["assistance", "import", str(path), "--what", "indicator-values"]
    )
    assert result.exit_code == 0, result.output
    assert "Imported 3 new values, updated 0" in result.output
    assert _stored() == [("female", Decimal(11)), ("total", Decimal(42)), ("total", Decimal(40))]
    report = indicator_values_import(
        actor=None, rows=rows_from_file(_csv(tmp_path / "v2.csv", [{**ROW, "value": "43"}]))
    )
    assert (report.created, report.updated) == (0, 1)


def test_every_problem_by_row_and_column_and_nothing_written(tmp_path):
    rows = [
        {**ROW, "indicator": "NOPE"},
        {**ROW, "value": "many", "period_end": "2020-01-01"},
        {**ROW, "kind": "guess", "evidence_url": "ftp://x"},
        {
            **ROW,
            "sex": "female",
            "value": "50",
        },  # more women than the total of row 2... checked on write
    ]
    result = CliRunner().invoke(
        main,
        [
            "assistance",
            "import",
            str(_csv(tmp_path / "bad.csv", rows)),
            "--what",
            "indicator-values",
        ],
    )
    assert result.exit_code == 1
    assert "indicator (line 2): project 'DEMO-03' has no indicator 'NOPE'" in result.output
    assert "value (line 3): 'many' is not a number" in result.output
    assert "period_end (line 3)" in result.output
    assert "kind (line 4)" in result.output and "evidence_url (line 4)" in result.output
    assert _stored() == []
    # Rows that are each right but break a rule together: still nothing written.
    clash = [ROW, {**ROW, "sex": "female", "value": "50"}]
    with pytest.raises(InvalidInput) as caught:
        indicator_values_import(actor=None, rows=rows_from_file(_csv(tmp_path / "c.csv", clash)))
    assert caught.value.problems[0].line == 3
    assert _stored() == []


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(column=st.sampled_from(VALUE_COLUMNS), value=CELL)
def test_random_cells_give_a_clear_error_or_an_import(tmp_path, column, value):
    rows = [{**ROW, column: value}]
    before = _stored()
    try:
        indicator_values_import(actor=None, rows=rows_from_file(_csv(tmp_path / "f.csv", rows)))
    except InvalidInput as error:
        assert error.problems and all(p.line == 2 for p in error.problems)
        assert _stored() == before
    else:
        assert len(_stored()) <= len(before) + 1


def test_web_upload_lists_problems_and_template_matches(tmp_path, client, persona):
    client.force_login(persona("staff", role="analyst"))
    template = client.get("/assistance/import/templates/indicator-values.xlsx")
    assert template.status_code == 200
    book = load_workbook(io.BytesIO(template.content))
    assert [c.value for c in book["data"][1]] == list(VALUE_COLUMNS)
    assert book["columns"]["A3"].value == "project"
    bad = _csv(tmp_path / "bad.csv", [{**ROW, "value": "many"}])
    with bad.open("rb") as handle:
        page = client.post("/assistance/import/", {"what": "indicator-values", "file": handle})
    assert page.status_code == 422
    assert "is not a number" in page.content.decode() and _stored() == []
    good = _csv(tmp_path / "good.csv", [ROW])
    with good.open("rb") as handle:
        done = client.post(
            "/assistance/import/", {"what": "indicator-values", "file": handle}, follow=True
        )
    assert "Imported 1 new values" in done.content.decode()
    assert _stored() == [("total", Decimal(42))]


def test_a_file_that_is_not_a_workbook_is_a_clear_error(tmp_path, client, persona):
    client.force_login(persona("staff2", role="analyst"))
    fake = tmp_path / "values.xlsx"
    fake.write_bytes(b"not a zip at all")
    with fake.open("rb") as handle:
        page = client.post("/assistance/import/", {"what": "indicator-values", "file": handle})
    assert page.status_code == 422 and "not a readable .xlsx" in page.content.decode()
    latin = tmp_path / "values.csv"
    latin.write_bytes("project,indicator\nDEMO-03,caf\xe9\n".encode("latin-1"))
    with latin.open("rb") as handle:
        page = client.post("/assistance/import/", {"what": "indicator-values", "file": handle})
    assert page.status_code == 422 and "UTF-8" in page.content.decode()


def test_only_office_staff_import(client, persona):
    client.force_login(persona("p", countries=("NGA",)))
    assert client.get("/assistance/import/").status_code == 403
    client.logout()
    assert client.get("/assistance/import/").status_code == 302  # to sign-in
