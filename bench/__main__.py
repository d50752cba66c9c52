"""Run the benchmarks and write BENCHMARKS.md with medians and ratios to the baseline.

`python -m bench` runs them all and rewrites the file; `python -m bench report_period` runs the
named ones and replaces only their sections (the others keep their last run, with its date)."""

from __future__ import annotations

import datetime as dt
import platform
import sys
from pathlib import Path
from typing import Any

from bench import (
    library_import,
    library_search,
    load,
    page_weight,
    prisons_population,
    report_period,
    screening_quality,
    screening_speed,
    travel_ingest,
    travel_parse,
    treaties_matrix,
)

BENCHMARKS = [
    treaties_matrix,
    library_search,
    library_import,
    report_period,
    load,
    page_weight,
    travel_parse,
    screening_quality,
    screening_speed,
    travel_ingest,
    prisons_population,
]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|---" + "|---:" * (len(header) - 1) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _section(result: dict[str, Any], when: str) -> list[str]:
    """A benchmark's section. The result gives a title, a target, its timings (a table of
    medians) and pairs (baseline, ours) whose ratio is shown, and a verdict; optionally an `about`
    paragraph, its own `tables` (header and rows) in place of the timings table, and `ratios`
    (label, value) under its own `ratio_heading` in place of the pairs."""
    lines = [f"## {result['title']}", "", f"Target: {result['target']}.", ""]
    if result.get("about"):
        lines += [result["about"], ""]
    lines += [f"Run: {when}.", ""]
    if result.get("tables"):
        for table in result["tables"]:
            lines += [*_table(table["header"], table["rows"]), ""]
    else:
        rows = [[t.name, f"{t.median_ms:.1f}", str(t.runs)] for t in result["timings"]]
        lines += [*_table(["measurement", "median (ms)", "runs"], rows), ""]
    heading = result.get("ratio_heading", "baseline ÷ ours (above 1: ours is faster)")
    ratios = result.get("ratios") or [
        (f"{b.name} → {o.name}", b.median_ms / o.median_ms) for b, o in result["pairs"]
    ]
    lines += _table(["baseline → ours", heading], [[name, f"{v:.2f}×"] for name, v in ratios])
    lines += ["", f"Against the target: {result['verdict']}", ""]
    return lines


def main() -> None:
    names = sys.argv[1:]
    chosen = [m for m in BENCHMARKS if not names or m.__name__.rsplit(".", 1)[-1] in names]
    if names and len(chosen) != len(names):
        sys.exit(f"unknown benchmark; choose from {[m.__name__ for m in BENCHMARKS]}")
    when = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}"
    target = Path("BENCHMARKS.md")
    if names and target.exists():
        text = target.read_text()
        for module in chosen:
            result = module.run()
            new = "\n".join(_section(result, when))
            start = text.find(f"## {result['title']}")
            if start < 0:
                text = text.rstrip("\n") + "\n\n" + new
            else:
                end = text.find("\n## ", start + 3)
                text = text[:start] + new + ("\n" + text[end + 1 :] if end >= 0 else "")
        target.write_text(text)
        sys.stdout.write(text)
        return
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench`). Medians of repeated runs on this machine; "
        "the ratio compares each implementation with the baseline measured in the same run, so "
        "it holds across machines better than the milliseconds do. CI does not gate on these.",
        "",
        f"Last run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, Python "
        f"{platform.python_version()}, {platform.machine()}.",
        "",
    ]
    for module in chosen:
        lines += _section(module.run(), when)
    text = "\n".join(lines)
    Path("BENCHMARKS.md").write_text(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
