"""The periodic report on a large programme: figures and the full DOCX for 10,000 activities
and 100,000 participants (CTASSIST_BENCH_REPORT_ACTIVITIES / _PARTICIPANTS to change), against
computing the figures with one query per activity, measured in the same run."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import Timing, django_setup

START, END = dt.date(2019, 6, 1), dt.date(2020, 5, 31)


def worker(activities: int, participants: int) -> dict[str, Any]:
    django_setup()
    from django.db.models import Count

    from ctassist.assistance.demo import programme_generate
    from ctassist.assistance.models import Activity, Attendance
    from ctassist.core.setup import platform_migrate, reference_data_load
    from ctassist.reports.document import report_build, report_docx
    from ctassist.reports.figures import period_figures

    platform_migrate()
    reference_data_load()
    t = time.perf_counter()
    programme_generate(seed=1, activities=activities, participants=participants, prefix="BENCH")
    generate_s = time.perf_counter() - t

    def best(function: Any, runs: int = 3) -> float:
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            function()
            samples.append(time.perf_counter() - t)
        return min(samples) * 1000

    def naive() -> None:
        """One query per activity: what a page doing it row by row would cost."""
        people: set[int] = set()
        for activity in Activity.objects.filter(start__gte=START, start__lte=END):
            people.update(
                Attendance.objects.filter(activity=activity).values_list(
                    "participant_id", flat=True
                )
            )
            Activity.objects.filter(pk=activity.pk).aggregate(n=Count("partners"))

    return {
        "generate_s": generate_s,
        "figures_ms": best(lambda: period_figures(START, END)),
        "docx_ms": best(lambda: report_docx(report_build(START, END), language="en")),
        "naive_ms": best(naive, runs=1),
        "activities": activities,
        "participants": participants,
    }


def run() -> dict[str, Any]:
    activities = int(os.environ.get("CTASSIST_BENCH_REPORT_ACTIVITIES", "10000"))
    participants = int(os.environ.get("CTASSIST_BENCH_REPORT_PARTICIPANTS", "100000"))
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(folder) / 'report.sqlite3'}"}
        output = subprocess.run(  # noqa: S603 - our own interpreter and module
            [
                sys.executable,
                "-m",
                "bench.report_period",
                "--worker",
                str(activities),
                str(participants),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    import json

    r = json.loads(output.strip().splitlines()[-1])
    size = f"{r['activities']:,} activities, {r['participants']:,} participants"
    naive = Timing("figures: one query per activity (baseline)", r["naive_ms"], 1)
    figures = Timing("figures: period_figures (aggregates)", r["figures_ms"], 3)
    docx = Timing(
        "full report as DOCX (figures, paragraphs from every activity, modules, document)",
        r["docx_ms"],
        3,
    )
    verdict = (
        f"{size} (SQLite): figures {r['figures_ms']:.0f} ms (target < 1,000 ms), full DOCX "
        f"{r['docx_ms']:.0f} ms (target < 5,000 ms); generating the programme took "
        f"{r['generate_s']:.0f} s."
    )
    return {
        "title": "Periodic report on a large programme",
        "target": "the full period report for 10,000 activities and 100,000 participants in "
        "under 5 s (DOCX), figures in under 1 s",
        "timings": [naive, figures, docx],
        "pairs": [(naive, figures)],
        "verdict": verdict,
    }


if __name__ == "__main__":
    import json

    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        print(json.dumps(worker(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        sys.exit("usage: python -m bench.report_period --worker ACTIVITIES PARTICIPANTS")
