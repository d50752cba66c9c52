"""An import interrupted while writing keeps the batches it wrote, and run again goes on from
there; the CLI shows how far it has got. A bad line still stops everything before any write."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ctassist.cli import main
from ctassist.core.errors import InvalidInput
from ctassist.library.models import Record
from ctassist.library.search import library_search
from ctassist.library.services import importing, library_import

pytestmark = pytest.mark.django_db


def _lines(count: int, *, word: str = "resumption") -> list[str]:
    return [
        json.dumps(
            {
                "id": f"resume-{n}",
                "type": "legislation",
                "country": "KEN",
                "language": "en",
                "title": f"Act {n} on {word}",
                "text": f"Provisions on {word} number {n}.",
                "status": "published",
            }
        )
        for n in range(count)
    ]


class Interrupted(Exception):
    """Raised from the progress callback, as Ctrl-C between two batches would be."""


def test_an_interrupted_import_resumes_where_it_stopped(monkeypatch):
    monkeypatch.setattr(importing, "IMPORT_BATCH", 4)
    lines = _lines(10)

    def stop_after_first_batch(steps: int, total: int) -> None:
        raise Interrupted

    with pytest.raises(Interrupted):
        library_import(actor=None, lines=lines, progress=stop_after_first_batch)
    written = set(
        Record.objects.filter(external_id__startswith="resume-").values_list(
            "external_id", flat=True
        )
    )
    assert written == {f"resume-{n}" for n in range(4)}  # the first batch, whole
    assert library_search(query="resumption").total == 4  # and searchable

    report = library_import(actor=None, lines=lines)
    assert (report.unchanged, report.created) == (4, 6)
    assert Record.objects.filter(external_id__startswith="resume-").count() == 10
    assert library_search(query="resumption").total == 10


def test_a_bad_line_late_in_the_file_still_writes_nothing(monkeypatch):
    monkeypatch.setattr(importing, "IMPORT_BATCH", 4)
    lines = [*_lines(9), '{"id": "resume-bad", "type": "legislation"}']
    with pytest.raises(InvalidInput) as error:
        library_import(actor=None, lines=lines)
    assert "Line 10" in str(error.value)
    assert not Record.objects.filter(external_id__startswith="resume-").exists()


def test_the_cli_shows_lines_checked_and_written(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(_lines(3)) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["library", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Checked 3 lines" in result.output
    assert "Written 3 of 3 lines" in result.output
    assert "3 created" in result.output
