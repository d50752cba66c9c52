"""Prisons: the population and places in use by security level on a day, for 50,000 prisoners
(issue 20: ≤ 1 s), against a baseline measured in the same run — the same figures counted in
Python from every stay read out of the database.

Runs in a child process on a fresh SQLite database (migrated, reference data): 20 generated
prisons of 2,500 prisoners each, three units per prison (high, medium, low security) with
cells, each prisoner with an admission and a move into a cell (a fifth released later), so
100,000 stays. Timed: `selectors.population_on` and
`selectors.places_in_use_on` over all prisons, on a day in the middle of the history.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import Timing, django_setup

PRISONERS = 50_000
PRISONS = 20
RUNS = 7
DAY = dt.date(2025, 6, 30)


def _build() -> None:
    import random

    from ctassist.geo.models import State
    from ctassist.prisons.models import Cell, HousingUnit, Prison, Prisoner, Stay

    rng = random.Random(50)
    kenya = State.objects.get(code="KEN")
    start = dt.date(2023, 1, 1)
    per_prison = PRISONERS // PRISONS
    for p in range(PRISONS):
        prison = Prison.objects.create(code=f"bench-{p}", name=f"Bench {p}", country=kenya)
        cells: list[Cell] = []
        for code, level in (("H", "high"), ("M", "medium"), ("L", "low")):
            unit = HousingUnit.objects.create(
                prison=prison,
                code=code,
                name=code,
                security_level=level,
                holds="adult_men",
                allows_high_risk=level == "high",
            )
            cells += Cell.objects.bulk_create(
                Cell(unit=unit, code=f"{code}{n}", capacity=4) for n in range(300)
            )
        prisoners = Prisoner.objects.bulk_create(
            Prisoner(
                prison=prison,
                number=f"B{p}-{n}",
                full_name=f"Generated {n}",
                sex="male",
                admitted_on=start + dt.timedelta(days=rng.randint(0, 700)),
            )
            for n in range(per_prison)
        )
        stays = []
        for prisoner in prisoners:
            moved = prisoner.admitted_on + dt.timedelta(days=rng.randint(1, 20))
            stays.append(
                Stay(
                    prisoner=prisoner,
                    prison=prison,
                    kind="admission",
                    started_on=prisoner.admitted_on,
                    ended_on=moved,
                )
            )
            ended = None
            if rng.random() < 0.2:
                ended = moved + dt.timedelta(days=rng.randint(10, 300))
            stays.append(
                Stay(
                    prisoner=prisoner,
                    prison=prison,
                    cell=rng.choice(cells),
                    kind="move",
                    started_on=moved,
                    ended_on=ended,
                )
            )
        Stay.objects.bulk_create(stays, batch_size=5000)


def _baseline(prisons: list[Any]) -> tuple[dict[int, int], dict[str, int]]:
    """Every stay read out, the figures counted in Python."""
    from ctassist.prisons.models import Stay

    population: dict[int, int] = {}
    used: dict[str, int] = {}
    rows = Stay.objects.filter(prison__in=prisons).values_list(
        "prison_id", "started_on", "ended_on", "cell__unit__security_level"
    )
    for prison_id, started, ended, level in rows:
        if started <= DAY and (ended is None or ended > DAY):
            population[prison_id] = population.get(prison_id, 0) + 1
            if level:
                used[level] = used.get(level, 0) + 1
    return population, used


def worker() -> dict[str, Any]:
    django_setup()
    from ctassist.core.setup import platform_migrate, reference_data_load
    from ctassist.prisons.models import Prison, Stay
    from ctassist.prisons.selectors import places_in_use_on, population_on

    platform_migrate()
    reference_data_load()
    t = time.perf_counter()
    _build()
    build_s = time.perf_counter() - t
    prisons = list(Prison.objects.all())

    def ours() -> tuple[dict[int, int], dict[str, dict[str, int]]]:
        return population_on(prisons=prisons, day=DAY), places_in_use_on(prisons=prisons, day=DAY)

    population, places = ours()
    base_population, base_used = _baseline(prisons)
    assert population == base_population, (population, base_population)
    assert {k: v["in_use"] for k, v in places.items() if v["in_use"]} == base_used
    timings: dict[str, list[float]] = {"ours": [], "baseline": []}
    for _ in range(RUNS):
        for name, func in (("ours", ours), ("baseline", lambda: _baseline(prisons))):
            start = time.perf_counter()
            func()
            timings[name].append((time.perf_counter() - start) * 1000)
    return {
        "build_s": build_s,
        "stays": Stay.objects.count(),
        "held": sum(population.values()),
        "ours_ms": statistics.median(timings["ours"]),
        "baseline_ms": statistics.median(timings["baseline"]),
    }


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="ctassist-prisons-") as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.sqlite3'}"}
        output = subprocess.run(
            [sys.executable, "-m", "bench.prisons_population", "--worker"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    got = json.loads(output.strip().splitlines()[-1])
    baseline = Timing("baseline: every stay read out, counted in Python", got["baseline_ms"], RUNS)
    ours = Timing(
        "population_on + places_in_use_on (grouped in the database)", got["ours_ms"], RUNS
    )
    verdict = "within" if ours.median_ms <= 1000 else "over"
    return {
        "title": "Prisons: population and places in use for 50,000 prisoners",
        "target": "the population and places-in-use figures for 50,000 prisoners ≤ 1 s (issue 20)",
        "about": f"Fresh SQLite database: {PRISONS} generated prisons, {PRISONERS:,} prisoners, "
        f"{got['stays']:,} stays (built in {got['build_s']:.0f} s, before timing); the figures "
        f"for {DAY.isoformat()}, when {got['held']:,} were held. Both ways give the same figures "
        "(checked before timing).",
        "timings": [baseline, ours],
        "pairs": [(baseline, ours)],
        "verdict": f"{ours.median_ms:.0f} ms for 50,000 prisoners ({verdict} the 1 s target), "
        f"{baseline.median_ms / ours.median_ms:.1f}× faster than the baseline.",
    }


if __name__ == "__main__":
    if "--worker" in sys.argv:
        print(json.dumps(worker()))
