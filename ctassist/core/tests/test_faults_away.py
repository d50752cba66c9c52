"""Faults (issue 26, items 4 and 5): the database away, and what the CLI says when something
fails.

- The database away: `ctassist serve --prod` on a database that cannot be reached (SQLite: a
  file in a folder that is not there; PostgreSQL: a port where nothing listens) answers pages
  and the API with 503 and `Retry-After`, the page in the reader's language (Arabic right to
  left), the API in its error shape; once the database is back the same server answers again.
- The CLI never shows a traceback: a database not reachable, a JSONL file that is not UTF-8, a
  full disk, two imports of the same file at once — one line naming the file, the line and the
  cause, and a non-zero exit; the second import waits for the first.

Each test runs the real commands as separate processes (the pattern of `test_faults.py`).
"""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from ctassist.core.tests.faults import CTASSIST, Instance, free_port
from ctassist.core.tests.faults import records_file as _records_file
from ctassist.core.tests.test_production_path import PRODUCTION_ENV

pytestmark = [pytest.mark.slow]


def _get(url: str, language: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Accept-Language": language})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (http://127.0.0.1)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@contextmanager
def _serving(env: dict[str, str]) -> Iterator[str]:
    """`ctassist serve --prod` until it answers /healthz at all (503 included)."""
    port = free_port()
    server = subprocess.Popen(
        [CTASSIST, "serve", "--prod", "--port", str(port)],
        env={**env, **PRODUCTION_ENV, "CTASSIST_SSL_REDIRECT": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=settings.BASE_DIR,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 150
        while True:
            try:
                _get(f"{address}/healthz", "en")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "no server"
                time.sleep(0.3)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=30)


class _Forwarder:
    """A TCP port that refuses connections until `open()`, then forwards them to PostgreSQL:
    the database server stopped, then started again, as the web server sees it."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = free_port()
        self.listener: socket.socket | None = None

    def open(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        if self.listener is not None:
            self.listener.close()

    def _accept(self) -> None:
        assert self.listener is not None
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


@contextmanager
def _database_away(instance: Instance, tmp_path: Path) -> Iterator[tuple[dict[str, str], object]]:
    """The environment of a database that cannot be reached, and a function that brings it
    back (the same database `instance` set up)."""
    if instance.pg_url is not None:
        db = connection.settings_dict
        forwarder = _Forwarder(str(db["HOST"] or "127.0.0.1"), int(db["PORT"] or 5432))
        server, name = instance.pg_url.rsplit("/", 1)
        credentials = server.split("@", 1)[0]
        url = f"{credentials}@127.0.0.1:{forwarder.port}/{name}"
        try:
            yield {**instance.env, "DATABASE_URL": url}, forwarder.open
        finally:
            forwarder.close()
        return
    assert instance.sqlite_path is not None
    folder = tmp_path / "away"
    env = {**instance.env, "DATABASE_URL": f"sqlite:///{folder / 'ctassist.sqlite3'}"}

    def back() -> None:
        folder.mkdir()
        instance.sqlite_path.rename(folder / "ctassist.sqlite3")

    yield env, back


def test_the_database_away_answers_503_in_the_readers_language_then_recovers(instance, tmp_path):
    with _database_away(instance, tmp_path) as (env, back), _serving(env) as address:
        status, headers, page = _get(f"{address}/ar/states/", "ar")
        assert status == 503, page[:500]
        assert int(headers["Retry-After"]) > 0
        assert 'lang="ar" dir="rtl"' in page
        assert "قاعدة البيانات" in page  # "the database", in the Arabic message
        assert "Server Error" not in page

        status, headers, page = _get(f"{address}/fr/library/", "fr")
        assert status == 503 and 'lang="fr" dir="ltr"' in page and "base de données" in page

        status, headers, body = _get(f"{address}/api/v1/geo/states", "es")
        assert status == 503 and int(headers["Retry-After"]) > 0
        error = json.loads(body)
        assert error["code"] == "unavailable" and "base de datos" in error["message"]

        status, headers, _ = _get(f"{address}/healthz", "en")
        assert status == 503 and int(headers["Retry-After"]) > 0

        back()  # the database is back: the same server answers, no restart
        deadline = time.monotonic() + 60
        while (status := _get(f"{address}/ar/states/", "ar")[0]) != 200:
            assert time.monotonic() < deadline, f"still {status} after the database came back"
            time.sleep(0.5)
        assert _get(f"{address}/api/v1/geo/states", "es")[0] == 200


def _one_line_error(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


def test_a_command_on_a_database_not_reachable_says_so_in_one_line(instance, tmp_path):
    with _database_away(instance, tmp_path) as (env, _back):
        away = Instance(env, instance.vendor, None, None)
        where = "127.0.0.1" if instance.pg_url else str(tmp_path / "away")
        _one_line_error(away.run("treaties", "status", "--state", "NGA"), "database", where)
        records = _records_file(tmp_path / "records.jsonl", 3, "away")
        _one_line_error(away.run("library", "import", str(records)), "database", where)


def test_a_jsonl_file_that_is_not_utf8_is_refused_with_its_line(instance, tmp_path):
    records = _records_file(tmp_path / "records.jsonl", 3, "utf8")
    lines = records.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b"Counter-terrorism", b"Lutte contre le terrorisme \xe9")
    records.write_bytes(b"".join(lines))
    result = instance.run("library", "import", str(records))
    _one_line_error(result, str(records), "line 2", "UTF-8")
    assert instance.facts()["records"] == 0


def test_a_full_disk_is_one_line_not_a_traceback(instance, tmp_path):
    # Standard output on a full disk (a report piped to a file on it).
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [CTASSIST, "library", "schema"],
            env=instance.env,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            cwd=settings.BASE_DIR,
        )
    _one_line_error(result, "No space left on device", "standard output")
    # An --out file on a full disk.
    records = _records_file(tmp_path / "records.jsonl", 3, "full")
    assert instance.run("library", "import", str(records)).returncode == 0
    _one_line_error(
        instance.run("library", "export", "--out", "/dev/full"),
        "No space left on device",
        "/dev/full",
    )


def test_two_imports_of_the_same_file_at_once_both_succeed(instance, tmp_path):
    records = _records_file(tmp_path / "records.jsonl", 3000, "twice")
    first = instance.start("library", "import", str(records))
    second = instance.start("library", "import", str(records))
    outputs = [process.communicate(timeout=600)[0] for process in (first, second)]
    for process, output in zip((first, second), outputs, strict=True):
        assert "Traceback" not in output, output
        assert process.returncode == 0, output
    assert any("Another import is running" in output for output in outputs), outputs
    facts = instance.facts()
    assert facts["records"] == 3000 and facts["documents"] == 3000


def _raising(message: str) -> Callable[..., None]:
    from django.db import OperationalError

    def raiser(**_: object) -> None:
        raise OperationalError(message)

    return raiser


def test_a_database_locked_past_its_timeout_is_503_on_the_api_and_on_pages(client, monkeypatch, rf):
    # SQLite's "database is locked" (busy timeout passed) is a database unavailable for a
    # moment too (core/availability.py): 503 and Retry-After, not a bare 500. A database never
    # set up ("no such table") is not: 500, still a page in the reader's language.
    from ctassist.core.views import server_error
    from ctassist.geo import selectors

    monkeypatch.setattr(selectors, "state_list", _raising("database is locked"))
    response = client.get("/api/v1/geo/states", headers={"Accept-Language": "ru"})
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    assert response.json()["code"] == "unavailable"
    assert "База данных" in response.json()["message"]

    for message, status in (("database is locked", 503), ("no such table: geo_state", 500)):
        try:
            _raising(message)()
        except Exception:
            answer = server_error(rf.get("/zh-hans/states/"))
        assert answer.status_code == status, message
        assert 'lang="zh-hans"' in answer.content.decode()
        assert answer.has_header("Retry-After") == (status == 503)
