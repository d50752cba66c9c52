"""Faults (issue 26 item 3): API writers alongside a large library import on SQLite. The import
used to hold the write lock for its whole run, and writers waiting longer than SQLite's busy
timeout answered 500 `database is locked` (3, 2 and 2 per run of 60,000 records, waits up to
41 s). Now the import reads, checks and prepares outside any transaction and holds the lock
only to write: every write alongside it succeeds, every 2xx write is stored and no other is.

The size is CTASSIST_FAULTS_IMPORT_RECORDS (20,000 in the suite; `make faults-import` runs the
issue's 60,000). The server's busy timeout is the production 20 s scaled to the size (20,000
records: 7 s), so the suite's smaller import exceeds it the way 60,000 exceeded 20 s before.
"""

from __future__ import annotations

import math
import os
import threading
import time

import pytest

from ctassist.core.tests.faults import records_file, serving
from ctassist.core.tests.test_production_path import PRODUCTION_ENV

pytestmark = [pytest.mark.slow]

RECORDS = int(os.environ.get("CTASSIST_FAULTS_IMPORT_RECORDS", "20000"))
WRITERS = 8
PRODUCTION_LOCK_WAIT = 20  # seconds, config/settings.py: "timeout"


def test_api_writers_alongside_a_large_import_all_succeed_and_match_what_is_stored(
    instance, tmp_path
):
    if instance.vendor != "sqlite":
        pytest.skip("SQLite's single writer lock; PostgreSQL locks rows")
    lock_wait = max(2, math.ceil(PRODUCTION_LOCK_WAIT * RECORDS / 60_000))
    env = {
        **PRODUCTION_ENV,
        "CTASSIST_SSL_REDIRECT": "0",
        "CTASSIST_SQLITE_TIMEOUT": str(lock_wait),
    }
    records = records_file(tmp_path / "records.jsonl", RECORDS, "busy")
    answers: list[tuple[int, str, str, float]] = []  # status, method, name, seconds
    lock = threading.Lock()
    with serving(instance, env) as server:
        importer = instance.start("library", "import", str(records))
        stop = threading.Event()

        def writer(number: int) -> None:
            """Saves a search and deletes it again (a user keeps at most 50), until the end."""
            n = 0
            while not stop.is_set():
                name = f"writer {number}, search {n}"
                started = time.monotonic()
                status, body = server.call(
                    "POST", "/api/v1/library/saved-searches", {"name": name, "q": f"act {n}"}
                )
                with lock:
                    answers.append((status, "POST", name, time.monotonic() - started))
                if status == 201:
                    started = time.monotonic()
                    deleted, _body = server.call(
                        "DELETE", f"/api/v1/library/saved-searches/{body['id']}"
                    )
                    with lock:
                        answers.append((deleted, "DELETE", name, time.monotonic() - started))
                n += 1
                time.sleep(0.1)

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
        for thread in threads:
            thread.start()
        output, _ = importer.communicate(timeout=1200)
        stop.set()
        for thread in threads:
            thread.join(timeout=300)
        listed, saved = server.call("GET", "/api/v1/library/saved-searches")

    assert importer.returncode == 0, output
    assert f"{RECORDS} created" in output
    assert listed == 200
    failed = sorted(
        (status, method, round(seconds, 1))
        for status, method, _, seconds in answers
        if status >= 300
    )
    slowest = max(seconds for *_, seconds in answers)
    assert not failed, (
        f"{len(failed)} of {len(answers)} writes alongside the import failed "
        f"(lock wait {lock_wait} s; status, method, seconds): {failed[:10]}"
    )
    created = {name for status, method, name, _ in answers if method == "POST" and status == 201}
    deleted = {name for status, method, name, _ in answers if method == "DELETE" and status == 204}
    stored = {s["name"] for s in saved}
    assert stored == created - deleted, "a 2xx write is missing or a refused one was stored"
    assert len(answers) >= 2 * WRITERS, f"too few writes during the import ({slowest:.1f} s max)"
    assert instance.facts()["records"] >= RECORDS
