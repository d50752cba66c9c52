"""Faults: a process killed (SIGKILL) in the middle of a bulk import or of writing a report
leaves nothing half-written and the job runs again; the web server and the CLI write to the
database at once without errors (SQLite in WAL mode with a busy timeout and immediate
transactions; PostgreSQL's row locks).

Each test runs the real commands as separate processes on a database of its own, created with
`ctassist init` on the engine the suite runs on (a SQLite file, or a new PostgreSQL database).
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from ctassist.core.tests.faults import (
    kill_when,
    records_file,
    serving,
)
from ctassist.core.tests.test_production_path import PRODUCTION_ENV

pytestmark = [pytest.mark.slow]


def test_a_killed_bulk_import_leaves_no_record_and_runs_again(instance, tmp_path):
    before = instance.facts()
    records = records_file(tmp_path / "records.jsonl", 6000, "kill")
    process = instance.start("library", "import", str(records))
    assert kill_when(process, instance.writing()), "the import ended before it could be killed"
    assert process.returncode == -signal.SIGKILL

    after_kill = instance.facts()
    assert after_kill["records"] == before["records"], "a killed import left records"
    assert after_kill["documents"] == after_kill["records"]
    if instance.vendor == "sqlite":
        assert after_kill["fts"] == after_kill["records"]
        assert after_kill["integrity"] == "ok"

    again = instance.run("library", "import", str(records))
    assert again.returncode == 0, again.stdout + again.stderr
    done = instance.facts()
    assert done["records"] == before["records"] + 6000
    assert done["documents"] == done["records"]


def test_a_killed_report_leaves_no_partial_document_and_runs_again(instance, tmp_path):
    out = tmp_path / "report.pdf"
    args = ("report", "period", "--from", "2019-06-01", "--to", "2020-05-31", "--out", str(out))
    killed_while_writing = 0
    delay = 0.5
    while delay < 3.0:
        process = instance.start(*args)
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            if out.exists():  # it had finished writing, and was ending: the file is whole
                assert out.read_bytes().rstrip().endswith(b"%%EOF"), f"cut after {delay:.2f} s"
            else:
                killed_while_writing += 1
        out.unlink(missing_ok=True)
        delay += 0.2
    assert killed_while_writing, "every report finished before it could be killed"

    again = instance.run(*args)
    assert again.returncode == 0, again.stdout + again.stderr
    content = out.read_bytes()
    assert content.startswith(b"%PDF") and content.rstrip().endswith(b"%%EOF")
    assert not list(tmp_path.glob(".report.pdf.partial-*")), "leftovers of killed runs remain"


def test_the_web_server_and_the_cli_write_at_once(instance, tmp_path):
    env = {**PRODUCTION_ENV, "CTASSIST_SSL_REDIRECT": "0"}
    with serving(instance, env) as server:
        records = records_file(tmp_path / "records.jsonl", 3000, "busy")
        importer = instance.start("library", "import", str(records))
        statuses: list[int] = []
        lock = threading.Lock()

        def writer(number: int) -> None:
            for n in range(8):
                status, _body = server.call(
                    "POST",
                    "/api/v1/library/saved-searches",
                    {"name": f"writer {number}, search {n}", "q": f"financing {number} {n}"},
                )
                with lock:
                    statuses.append(status)

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        output, _ = importer.communicate(timeout=300)
        listed, saved = server.call("GET", "/api/v1/library/saved-searches")

    assert importer.returncode == 0, output
    assert statuses == [201] * 32, f"writes alongside the import failed: {sorted(statuses)}"
    assert listed == 200 and len(saved) == 32, "every write answered 201 is stored"
    assert instance.facts()["records"] >= 3000
