"""Run every benchmark and rewrite BENCHMARKS.md with medians and ratios to the baseline."""

from __future__ import annotations

import datetime as dt
import platform
import sys
from pathlib import Path

from bench import library_search, report_period, treaties_matrix

BENCHMARKS = [treaties_matrix, library_search, report_period]


def main() -> None:
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
    for module in BENCHMARKS:
        result = module.run()
        lines += [
            f"## {result['title']}",
            "",
            f"Target: {result['target']}.",
            "",
            "| measurement | median (ms) | runs |",
            "|---|---:|---:|",
        ]
        lines += [f"| {t.name} | {t.median_ms:.1f} | {t.runs} |" for t in result["timings"]]
        lines += [
            "",
            "| baseline → ours | baseline ÷ ours (above 1: ours is faster) |",
            "|---|---:|",
        ]
        for baseline, ours in result["pairs"]:
            lines.append(
                f"| {baseline.name} → {ours.name} | {baseline.median_ms / ours.median_ms:.2f}× |"
            )
        lines += ["", f"Against the target: {result['verdict']}", ""]
    text = "\n".join(lines)
    Path("BENCHMARKS.md").write_text(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
