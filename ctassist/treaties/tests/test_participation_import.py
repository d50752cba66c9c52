"""`ctassist treaties import`: validated and atomic; re-import changes nothing; a bad row fails
the whole import naming file, line and field, and the database stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.cli import main
from ctassist.core.errors import InvalidInput
from ctassist.core.models import AuditEntry
from ctassist.treaties.models import ParticipationAction
from ctassist.treaties.services import REFERENCE_DIR, participation_import

pytestmark = pytest.mark.django_db

HEADER = "instrument_id,participant,iso3,action,date,effective_date,source_url,status_as_at,note\n"
SOURCE = "https://treaties.un.org/example"


def _file(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _snapshot():
    return sorted(
        ParticipationAction.objects.values_list(
            "instrument__code", "state__code", "kind", "date", "effective_date", "note", "version"
        )
    )


def test_shipped_files_are_loaded_and_reimport_changes_nothing():
    before = _snapshot()
    audits = AuditEntry.objects.count()
    assert len(before) > 1700
    paths = sorted((REFERENCE_DIR / "reference" / "participation").glob("*.csv"))
    report = participation_import(actor=None, paths=paths)
    assert report.created == 0
    assert report.updated == 0
    assert _snapshot() == before
    assert AuditEntry.objects.count() == audits


def test_new_rows_are_created_and_audited(tmp_path):
    path = _file(
        tmp_path,
        "FINANCING_1999.csv",
        f"FINANCING_1999,Tuvalu,TUV,accession,2031-02-03,,{SOURCE},,test row\n",
    )
    report = participation_import(actor=None, paths=[path])
    assert report.created == 1
    action = ParticipationAction.objects.get(state__code="TUV", instrument__code="FINANCING_1999")
    assert str(action.date) == "2031-02-03"
    assert AuditEntry.objects.filter(
        model="treaties.participationaction", object_pk=str(action.pk), action="create"
    ).exists()


def test_changed_row_updates_with_before_and_after(tmp_path):
    path = _file(
        tmp_path,
        "ICSANT_2005.csv",
        f"ICSANT_2005,Thailand,THA,ratification,2019-05-02,2019-06-01,{SOURCE},,corrected\n",
    )
    report = participation_import(actor=None, paths=[path])
    assert report.updated == 1
    action = ParticipationAction.objects.get(
        state__code="THA", instrument__code="ICSANT_2005", kind="ratification"
    )
    assert action.note == "corrected"
    entry = AuditEntry.objects.filter(object_pk=str(action.pk), action="update").get()
    assert entry.after["note"] == "corrected"
    assert entry.before["note"] != "corrected"


@pytest.mark.parametrize(
    ("row", "field", "fragment"),
    [
        ("FINANCING_1999,Atlantis,ATL,accession,2020-01-01,,{s},,", "iso3", "ATL"),
        ("FINANCING_1999,Narnia,,accession,2020-01-01,,{s},,", "participant", "Narnia"),
        ("FINANCING_1999,Chad,TCD,accession,2020-02-30,,{s},,", "date", ""),
        ("FINANCING_1999,Chad,TCD,ratified,2020-02-01,,{s},,", "action", ""),
    ],
)
def test_a_bad_row_fails_everything_with_file_line_and_field(tmp_path, row, field, fragment):
    good = f"FINANCING_1999,Tuvalu,TUV,accession,2031-02-03,,{SOURCE},,\n"
    path = _file(tmp_path, "FINANCING_1999.csv", good + row.format(s=SOURCE) + "\n")
    before = _snapshot()
    with pytest.raises(InvalidInput) as error:
        participation_import(actor=None, paths=[path])
    problem = error.value.problems[0]
    assert problem.line == 3
    assert problem.field.endswith(field)
    assert "FINANCING_1999.csv" in error.value.message
    assert fragment in error.value.message
    assert _snapshot() == before  # the good row on line 2 was not imported either


def test_cli_reports_the_problem_without_a_traceback(tmp_path):
    path = _file(
        tmp_path, "HOSTAGES_1979.csv", f"HOSTAGES_1979,Chad,TCD,accession,not-a-date,,{SOURCE},,\n"
    )
    result = CliRunner().invoke(main, ["treaties", "import", str(path)])
    assert result.exit_code == 1
    assert "HOSTAGES_1979.csv, line 2, field date" in result.output
    assert "Traceback" not in result.output


def test_leads_file_is_not_participation_data(tmp_path):
    leads = REFERENCE_DIR.parent.parent.parent.parent / "shared" / "data" / "treaties"
    path = leads / "leads-2019-2020.csv"
    if not path.exists():
        pytest.skip("shared leads file absent")
    before = _snapshot()
    with pytest.raises(InvalidInput):
        participation_import(actor=None, paths=[path])
    assert _snapshot() == before


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_random_files_import_cleanly_or_fail_cleanly(tmp_path_factory, body):
    path = tmp_path_factory.mktemp("imp") / "SUA_2005.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    before = _snapshot()
    try:
        participation_import(actor=None, paths=[path])
    except InvalidInput as error:
        assert error.problems
        assert _snapshot() == before
