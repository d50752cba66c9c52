"""Loading list versions: the contract's output line, every version kept with its date, the
delta between versions (new, de-listed, amended), the same file twice is one version, an older
file or a broken one is refused and nothing is written."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ctassist.cli import main
from ctassist.screening.models import ListChange, ListEntry, ListVersion, WatchList
from ctassist.screening.services import UN_LIST_NAME
from ctassist.screening.tests.listfiles import un_list_path, un_variant

pytestmark = pytest.mark.django_db


def load(*args: str):
    return CliRunner().invoke(main, ["screening", "lists", "load", *args, "--no-rescreen"])


def test_the_real_list_loads_once_with_its_counts():
    path = un_list_path()
    before = ListVersion.objects.count()
    result = load(str(path))  # the demo loaded it already: no new version
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"{UN_LIST_NAME}\t2026-02-27T00:00:09.554000+00:00\tindividuals: 730\tentities: 273"
    )
    assert "already loaded" in result.stderr
    assert ListVersion.objects.count() == before
    version = ListVersion.objects.get(watchlist__name=UN_LIST_NAME, digest__isnull=False)
    assert version.entries.count() == 1003
    assert version.entries.filter(schema="Person").count() == 730
    assert WatchList.objects.get(name=UN_LIST_NAME).public


def test_next_version_records_new_delisted_and_amended(tmp_path):
    old = ListVersion.objects.get(watchlist__name=UN_LIST_NAME)
    variant = un_variant(
        tmp_path,
        generated="2026-03-05T00:00:00.000Z",
        drop_ref="CDi.006",
        rename=("ERIC", "ERIK"),
        add_entity="TEST LIBERATION FRONT",
    )
    result = load(str(variant))
    assert result.exit_code == 0, result.output
    assert "individuals: 729\tentities: 274" in result.stdout
    assert "1 new, 1 de-listed, 1 amended" in result.stderr
    new = ListVersion.objects.exclude(pk=old.pk).get(watchlist__name=UN_LIST_NAME)
    assert new.previous == old and (new.added, new.removed, new.amended) == (1, 1, 1)
    changes = {(c.kind, c.ref): c.fields for c in new.changes.all()}
    assert changes == {
        (ListChange.Kind.ADDED, "QDe.999"): [],
        (ListChange.Kind.REMOVED, "CDi.006"): [],
        (ListChange.Kind.AMENDED, "CDi.001"): ["names"],
    }
    # Both versions are kept whole.
    assert old.entries.count() == 1003 and new.entries.count() == 1003
    assert ListEntry.objects.get(version=new, ref="CDi.001").caption == "ERIK BADEGE"


def test_an_older_file_is_refused_and_nothing_written(tmp_path):
    before = (ListVersion.objects.count(), ListEntry.objects.count())
    older = un_variant(tmp_path, generated="2025-01-01T00:00:00.000Z")
    result = load(str(older))
    assert result.exit_code == 1
    assert "newest version is dated 2026-02-27" in result.stderr
    assert (ListVersion.objects.count(), ListEntry.objects.count()) == before


def test_a_broken_file_is_refused_with_its_line_and_nothing_written(tmp_path):
    text = un_list_path().read_text(encoding="utf-8")
    cut = text[: len(text) // 2]
    broken = tmp_path / "cut.xml"
    broken.write_text(cut, encoding="utf-8")
    before = (ListVersion.objects.count(), ListEntry.objects.count())
    result = load(str(broken), "--name", "A broken copy")
    assert result.exit_code == 1
    assert "line" in result.stderr and "Not well-formed XML" in result.stderr
    assert (ListVersion.objects.count(), ListEntry.objects.count()) == before
    assert not WatchList.objects.filter(name="A broken copy").exists()


def test_a_national_csv_list_loads_and_its_next_version_has_a_delta(tmp_path):
    first = tmp_path / "ken.csv"
    first.write_text(
        "id,name,aliases,birth_dates,nationalities\n"
        "K1,Hassan Ali Mahmoud,Abu Ali,1975,Kenya\n"
        "K2,Omar Said Farah,,1980-02-03,KEN\n",
        encoding="utf-8",
    )
    result = load(str(first), "--name", "Kenya watchlist")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.startswith("Kenya watchlist\t")
        and "individuals: 2\tentities: 0" in result.stdout
    )
    assert not WatchList.objects.get(name="Kenya watchlist").public
    second = tmp_path / "ken2.csv"
    second.write_text(
        "id,name,aliases,birth_dates,nationalities\nK1,Hassan Ali Mahmoud,Abu Ali,1976,Kenya\n",
        encoding="utf-8",
    )
    result = load(str(second), "--name", "Kenya watchlist")
    assert "0 new, 1 de-listed, 1 amended" in result.stderr
    amended = ListChange.objects.get(kind="amended", version__watchlist__name="Kenya watchlist")
    assert amended.fields == ["birth_dates"]


def test_a_bad_csv_row_names_line_and_column(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,birth_dates\nK1,A B,1975-13-40\n", encoding="utf-8")
    result = load(str(bad), "--name", "Bad list")
    assert result.exit_code == 1
    assert "line 2" in result.stderr and "birth_dates" in result.stderr
    assert not WatchList.objects.filter(name="Bad list").exists()
