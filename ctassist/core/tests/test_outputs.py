"""Every `--out` file is whole or absent: a failure while writing leaves no file under the final
name and no partial file; a partial file left by a killed process goes with the next write."""

from __future__ import annotations

import pytest

from ctassist.core.outputs import output_file, output_write


def test_a_complete_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "export.jsonl"
    target.write_text("old content\n")
    output_write(target, '{"id": "a"}\n')
    assert target.read_text() == '{"id": "a"}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["export.jsonl"]


def test_a_failure_while_writing_leaves_the_old_file_and_no_partial(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"the report of last year")

    def write_half() -> None:
        with output_file(target) as handle:
            handle.write(b"half of a new rep")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_half()
    assert target.read_bytes() == b"the report of last year"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_a_failure_on_a_new_file_leaves_nothing(tmp_path):
    target = tmp_path / "new.csv"

    def interrupted() -> None:
        with output_file(target, text=True) as handle:
            handle.write("a,b\n")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert list(tmp_path.iterdir()) == []


def test_the_leftover_of_a_killed_write_goes_with_the_next_complete_one(tmp_path):
    target = tmp_path / "report.pdf"
    leftover = tmp_path / ".report.pdf.partial-abc123"
    leftover.write_bytes(b"%PDF-1.7 cut")
    other = tmp_path / ".other.pdf.partial-xyz"
    other.write_bytes(b"not ours")
    output_write(target, b"%PDF-1.7 whole %%EOF")
    assert not leftover.exists()
    assert other.exists(), "only the leftovers of this name are removed"
    assert target.read_bytes().endswith(b"%%EOF")
