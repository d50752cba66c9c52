"""Helpers of the fault tests: each test runs the real commands as separate processes on a
database of its own (`instance`), created with `ctassist init` on the engine the suite runs on (a
SQLite file, or a new PostgreSQL database), and kills them (SIGKILL) in the middle of a write.
Fault test modules import the `instance` fixture from here."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
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

    @property
    def var(self) -> Path:
        return Path(self.env["CTASSIST_VAR_DIR"])

    def python(self, code: str) -> str:
        """Run Python with Django set up on this database; its last line of output."""
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + code],
            env={**self.env, "DJANGO_SETTINGS_MODULE": "config.settings"},
            capture_output=True,
            text=True,
            timeout=120,
            cwd=settings.BASE_DIR,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

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


def records_file(path: Path, count: int, prefix: str) -> Path:
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


def kill_when(process: subprocess.Popen[str], ready: Callable[[], bool]) -> bool:
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


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """`ctassist serve --prod` on a free port, and an API client for one user's token."""

    port: int
    token: str
    process: subprocess.Popen[bytes]

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (http://127.0.0.1)
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            body_text = error.read() or b"{}"
            try:
                return error.code, json.loads(body_text)
            except ValueError:
                return error.code, body_text.decode(errors="replace")


@contextlib.contextmanager
def serving(made: Instance, env: dict[str, str]) -> Iterator[Server]:
    """An admin user with an API token, and the production server answering on its port."""
    created = made.run(
        "users", "create", "writer", "--role", "admin", "--password-stdin",
        stdin="a-long-enough-password-4-tests\n",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    token = made.run("users", "token", "writer").stdout.strip().splitlines()[-1]
    port = free_port()
    process = subprocess.Popen(
        [CTASSIST, "serve", "--prod", "--port", str(port)],
        env={**made.env, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=settings.BASE_DIR,
    )
    try:
        deadline = time.monotonic() + 150
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, "no server"
                time.sleep(0.3)
        yield Server(port, token, process)
    finally:
        process.terminate()
        process.wait(timeout=30)
