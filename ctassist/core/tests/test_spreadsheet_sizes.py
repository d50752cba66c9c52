"""Issue 26 item 6: a 1,000,000-row CSV whose last row is bad was refused correctly but after
1.88 GB; reading the rows no longer holds the file in memory (a row at a time)."""

from __future__ import annotations

import tracemalloc

from ctassist.core.spreadsheets import rows_from_file


def test_reading_a_large_csv_holds_a_row_at_a_time(tmp_path, settings):
    settings.CTASSIST_IMPORT_MAX_ROWS = 200_000  # above the default bound, to read them all
    path = tmp_path / "large.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Title,Start,Participant\n")
        for n in range(100_000):
            handle.write(f"Workshop {n},2020-01-01,Participant number {n}\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        rows = 0
        for number, cells in rows_from_file(path):
            rows += 1
            last = (number, cells)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == 100_000 and last == (
        100_001,
        {
            "title": "Workshop 99999",
            "start": "2020-01-01",
            "participant": "Participant number 99999",
        },
    )
    assert peak < size / 10, f"reading {size:,} bytes peaked at {peak:,} bytes"
