"""Library import on SQLite (issue 26 items 3 and 6): how long the write lock is held against the
whole import, what an unchanged re-import costs against creating, and whether memory grows with
the file. Each size runs in its own process on a fresh SQLite file made by `ctassist init`.

Sizes: CTASSIST_BENCH_IMPORT_SIZES (default 20000,60000: the issue's 60,000). Baselines are
measured in the same run: the whole import (the lock was held for nearly all of it before) and
the import that created the records."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import Timing, django_setup


def _records(path: Path, count: int) -> None:
    countries = ["NGA", "KEN", "FRA", "IDN", "COL", "EGY", "KAZ", "PHL"]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            line = {
                "id": f"bench-{n:07d}",
                "type": "legislation",
                "country": countries[n % len(countries)],
                "language": "en",
                "title": f"Counter-terrorism financing act {n} (generated for a benchmark)",
                "text": "Whoever provides or collects funds with the intention that they be "
                f"used to commit a terrorist act commits offence number {n}. " * 20,
                "status": "published",
                "illustrative": True,
            }
            handle.write(json.dumps(line) + "\n")


def _one(count: int) -> dict[str, float]:
    """In a process of its own, pointed at a fresh database by the environment."""
    django_setup()
    from django.db import transaction

    from ctassist.library.services import importing

    held: list[float] = []
    atomic = transaction.atomic

    class _Timed:  # the time between BEGIN and the end of COMMIT: the lock others wait for
        def __init__(self) -> None:
            self.inner = atomic()

        def __enter__(self) -> Any:
            self.start = time.perf_counter()
            return self.inner.__enter__()

        def __exit__(self, *exc: Any) -> None:
            self.inner.__exit__(*exc)
            held.append(time.perf_counter() - self.start)

    importing.transaction = type("_Transaction", (), {"atomic": staticmethod(_Timed)})  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        _records(path, count)
        start = time.perf_counter()
        with path.open(encoding="utf-8") as handle:
            report = importing.library_import(actor=None, lines=handle)
        created = time.perf_counter() - start
        assert report.created == count, report
        rss_after_create = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        with path.open(encoding="utf-8") as handle:
            again = importing.library_import(actor=None, lines=handle)
        unchanged = time.perf_counter() - start
        assert again.unchanged == count, again
    return {
        "create_ms": created * 1000,
        # One transaction per batch since issue 23: the longest a writer alongside waits.
        "lock_ms": max(held) * 1000,
        "lock_total_ms": sum(held) * 1000,
        "unchanged_ms": unchanged * 1000,
        "rss_mb": rss_after_create,
    }


def _size(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "CTASSIST_VAR_DIR": folder,
        }
        ctassist = str(Path(sys.executable).with_name("ctassist"))
        subprocess.run(  # noqa: S603 - our own console script
            [ctassist, "init"], env=env, check=True, capture_output=True
        )
        result = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "bench.library_import", "--one", str(count)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
        return measured


def run() -> dict[str, Any]:
    sizes = [
        int(s) for s in os.environ.get("CTASSIST_BENCH_IMPORT_SIZES", "20000,60000").split(",")
    ]
    timings: list[Timing] = []
    pairs: list[tuple[Timing, Timing]] = []
    notes = []
    for count in map(int, sizes):
        m = _size(count)
        label = f"SQLite, {count:,}"
        create = Timing(f"{label}: import creating the records", m["create_ms"], 1)
        lock = Timing(f"{label}: longest write lock held by that import", m["lock_ms"], 1)
        unchanged = Timing(f"{label}: the same file again, unchanged", m["unchanged_ms"], 1)
        timings += [create, lock, unchanged]
        pairs += [(create, lock), (create, unchanged)]
        notes.append(
            f"{label}: lock held {m['lock_total_ms'] / 1000:.1f} s of "
            f"{m['create_ms'] / 1000:.1f} s in batches, the longest {m['lock_ms'] / 1000:.2f} s, "
            f"unchanged re-import {m['unchanged_ms'] / 1000:.1f} s, "
            f"peak memory {m['rss_mb']:.0f} MB"
        )
    return {
        "title": "Library: import lock, unchanged re-import and memory (SQLite)",
        "target": (
            "API writers keep working during a 60,000-record import (the lock held well under "
            "SQLite's 20 s busy timeout); an unchanged re-import much cheaper than creating "
            "(it took 6× longer); memory that does not grow with the file"
        ),
        "about": (
            "Before (the code of commit 344bedf, the same 60,000-record file, measured by hand "
            "on this machine on 2026-12-06): the import took 30.3 s and held the write lock "
            "28.7 s of it, peak memory 565 MB; the unchanged re-import took 157.2 s, all of it "
            "holding the lock, peak memory 1,051 MB. The lock is now held only for the writes "
            "(about a quarter of the import), so API writers alongside wait seconds, not the "
            "whole run (`make faults-import`)."
        ),
        "timings": timings,
        "pairs": pairs,
        "verdict": "; ".join(notes) + ".",
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(_one(int(sys.argv[2]))))
    else:
        print(json.dumps(run()["verdict"]))
