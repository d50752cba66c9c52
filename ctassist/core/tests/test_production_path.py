"""The production path: `check --deploy` is clean with production settings, and
`ctassist serve --prod` (gunicorn) answers /healthz; on its own (no storage named in the
environment) it serves hashed static files cached for a year and compressed pages."""

from __future__ import annotations

import gzip
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [pytest.mark.slow]

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 30 + "-production-like-secret-" + "y" * 30,
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "ctassist.example.org,127.0.0.1",
    "CTASSIST_SECURE": "1",
    "CTASSIST_STATICFILES_STORAGE": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}


def _env(tmp_path: Path, database_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        **PRODUCTION_ENV,
        "DATABASE_URL": database_url,
        "CTASSIST_VAR_DIR": str(tmp_path / "var"),
    }
    return env


def _database_url(tmp_path: Path) -> str:
    if connection.vendor == "postgresql":
        db = settings.DATABASES["default"]
        return (
            f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:{db['PORT']}/"
            f"{connection.settings_dict['NAME']}"
        )
    return f"sqlite:///{connection.settings_dict['NAME']}"


@pytest.mark.django_db
def test_check_deploy_is_clean(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=_env(tmp_path, _database_url(tmp_path)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _serving(env: dict[str, str]) -> Iterator[str]:
    """`ctassist serve --prod` on a free port until /healthz answers; yields its address."""
    port = _free_port()
    env = {**env, "CTASSIST_SSL_REDIRECT": "0"}
    ctassist = Path(sys.executable).with_name("ctassist")
    process = subprocess.Popen(
        [str(ctassist), "serve", "--prod", "--port", str(port)],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 150
        status, body = None, ""
        while time.monotonic() < deadline and status is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    status, body = r.status, r.read().decode()
            except OSError:
                if process.poll() is not None:
                    break
                time.sleep(0.3)
        assert status == 200, process.stdout.read() if process.poll() is not None else "timeout"
        assert '"status": "ok"' in body
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.django_db(transaction=False)
def test_serve_prod_answers_healthz(tmp_path):
    with _serving(_env(tmp_path, _database_url(tmp_path))):
        pass


def _get(url: str, **headers: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - the local server
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        return dict(answer.headers.items()), answer.read()


@pytest.mark.django_db(transaction=False)
def test_serve_prod_alone_serves_hashed_static_files_and_compressed_pages(tmp_path):
    env = _env(tmp_path, _database_url(tmp_path))
    del env["CTASSIST_STATICFILES_STORAGE"]
    with _serving(env) as base:
        headers, body = _get(f"{base}/treaties/matrix/", **{"Accept-Encoding": "gzip, br"})
        assert headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in headers["Vary"]
        html = gzip.decompress(body).decode()
        assert len(body) < len(html) / 5
        stylesheet = re.search(r'href="(/static/core/css/app\.[0-9a-f]{12}\.css)"', html)
        assert stylesheet, "the stylesheet is not served under a hashed name"
        headers, _ = _get(f"{base}{stylesheet[1]}", **{"Accept-Encoding": "gzip"})
        assert "max-age=315360000" in headers["Cache-Control"]
        assert headers["Content-Encoding"] == "gzip"
        headers, body = _get(f"{base}/api/v1/geo/states", **{"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body).startswith(b"{")
