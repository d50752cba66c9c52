"""Faults: a process killed (SIGKILL) in the middle of a bulk import or of writing a report
leaves nothing half-written and the job runs again; the web server and the CLI write to the
database at once without errors (SQLite in WAL mode with a busy timeout and immediate
transactions; PostgreSQL's row locks).

Each test runs the real commands as separate processes on a database of its own, created with
`ctassist init` on the engine the suite runs on (a SQLite file, or a new PostgreSQL database).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from ctassist.core.tests.test_production_path import PRODUCTION_ENV

pytestmark = [pytest.mark.slow]

CTASSIST = str(Path(sys.executable).with_name("ctassist"))


@dataclass
class Instance:
    """A database of its own and the environment that points every command at it."""

    env: dict[str, str]
    vendor: str
    sqlite_path: Path | None
    pg_url: str | None

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [CTASSIST, *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=600,
            cwd=settings.BASE_DIR,
        )

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [CTASSIST, *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=settings.BASE_DIR,
        )

    def facts(self) -> dict[str, int | str]:
        """Counts read in a fresh process: records, their search documents, and the engine's
        own integrity check."""
        code = (
            "import json, django; django.setup()\n"
            "from django.db import connection\n"
            "c = connection.cursor()\n"
            "def one(sql):\n"
            "    c.execute(sql); return c.fetchone()[0]\n"
            "facts = {'records': one('SELECT COUNT(*) FROM library_record'),\n"
            "         'documents': one('SELECT COUNT(*) FROM library_searchdocument')}\n"
            "if connection.vendor == 'sqlite':\n"
            "    facts['fts'] = one('SELECT COUNT(*) FROM library_fts')\n"
            "    facts['integrity'] = one('PRAGMA integrity_check')\n"
            "print(json.dumps(facts))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            env={**self.env, "DJANGO_SETTINGS_MODULE": "config.settings"},
            capture_output=True,
            text=True,
            timeout=120,
            cwd=settings.BASE_DIR,
        )
        assert result.returncode == 0, result.stderr
        facts: dict[str, int | str] = json.loads(result.stdout.strip().splitlines()[-1])
        return facts

    def writing(self) -> Callable[[], bool]:
        """A probe that turns true once another process has begun writing library records."""
        if self.sqlite_path is not None:
            wal = Path(f"{self.sqlite_path}-wal")
            before = wal.stat().st_mtime_ns if wal.exists() else 0
            return lambda: wal.exists() and wal.stat().st_mtime_ns != before
        import psycopg

        def locked() -> bool:
            with psycopg.connect(self.pg_url, autocommit=True) as pg:
                row = pg.execute(
                    "SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    "WHERE c.relname = 'library_record' AND l.mode = 'RowExclusiveLock'"
                ).fetchone()
                return bool(row and row[0])

        return locked


@pytest.fixture
def instance(tmp_path: Path) -> Iterator[Instance]:
    env = {
        **os.environ,
        "CTASSIST_VAR_DIR": str(tmp_path / "var"),
    }
    if connection.vendor == "postgresql":
        import psycopg

        db = connection.settings_dict
        server = f"postgresql://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:{db['PORT']}"
        name = f"ctassist_faults_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as pg:
            pg.execute(f'CREATE DATABASE "{name}"')
        made = Instance({**env, "DATABASE_URL": f"{server}/{name}"}, "postgresql", None, None)
        made.pg_url = f"{server}/{name}"
    else:
        path = tmp_path / "faults.sqlite3"
        made = Instance({**env, "DATABASE_URL": f"sqlite:///{path}"}, "sqlite", path, None)
    set_up = made.run("init")
    assert set_up.returncode == 0, set_up.stderr
    yield made
    if made.pg_url is not None:
        import psycopg

        with psycopg.connect(f"{made.pg_url.rsplit('/', 1)[0]}/postgres", autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{made.pg_url.rsplit("/", 1)[1]}" WITH (FORCE)')


def _records_file(path: Path, count: int, prefix: str) -> Path:
    countries = ["NGA", "KEN", "FRA", "IDN", "COL", "EGY", "KAZ", "PHL"]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            line = {
                "id": f"{prefix}-{n:06d}",
                "type": "legislation",
                "country": countries[n % len(countries)],
                "language": "en",
                "title": f"Counter-terrorism financing act {n} (generated for a fault test)",
                "text": "Whoever provides or collects funds with the intention that they be "
                f"used to commit a terrorist act commits offence number {n}. " * 20,
                "status": "published",
            }
            handle.write(json.dumps(line) + "\n")
    return path


def _kill_when(process: subprocess.Popen[str], ready: Callable[[], bool]) -> bool:
    """SIGKILL the process as soon as `ready()` holds; False if it ended first."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if ready():
            time.sleep(0.2)  # well inside the write
            if process.poll() is not None:
                return False
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            return True
        time.sleep(0.02)
    return False


def test_a_killed_bulk_import_leaves_no_record_and_runs_again(instance, tmp_path):
    before = instance.facts()
    records = _records_file(tmp_path / "records.jsonl", 6000, "kill")
    process = instance.start("library", "import", str(records))
    assert _kill_when(process, instance.writing()), "the import ended before it could be killed"
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


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_web_server_and_the_cli_write_at_once(instance, tmp_path):
    made = instance.run(
        "users",
        "create",
        "writer",
        "--role",
        "admin",
        "--password-stdin",
        stdin="a-long-enough-password-4-tests\n",
    )
    assert made.returncode == 0, made.stderr
    token = instance.run("users", "token", "writer").stdout.strip().splitlines()[-1]
    port = _free_port()
    server_env = {**instance.env, **PRODUCTION_ENV, "CTASSIST_SSL_REDIRECT": "0"}
    server = subprocess.Popen(
        [CTASSIST, "serve", "--prod", "--port", str(port)],
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=settings.BASE_DIR,
    )

    def call(method: str, path: str, body: dict | None = None) -> tuple[int, Any]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (http://127.0.0.1)
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    try:
        deadline = time.monotonic() + 150
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "no server"
                time.sleep(0.3)

        records = _records_file(tmp_path / "records.jsonl", 3000, "busy")
        importer = instance.start("library", "import", str(records))
        statuses: list[int] = []
        lock = threading.Lock()

        def writer(number: int) -> None:
            for n in range(8):
                status, _body = call(
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
        listed, saved = call("GET", "/api/v1/library/saved-searches")
    finally:
        server.terminate()
        server.wait(timeout=30)

    assert importer.returncode == 0, output
    assert statuses == [201] * 32, f"writes alongside the import failed: {sorted(statuses)}"
    assert listed == 200 and len(saved) == 32, "every write answered 201 is stored"
    assert instance.facts()["records"] >= 3000
