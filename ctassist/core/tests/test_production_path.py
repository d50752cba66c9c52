"""The production path: `check --deploy` is clean with production settings, and
`ctassist serve --prod` (gunicorn) answers /healthz."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
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


@pytest.mark.django_db(transaction=False)
def test_serve_prod_answers_healthz(tmp_path):
    port = _free_port()
    env = _env(tmp_path, _database_url(tmp_path))
    env["CTASSIST_SSL_REDIRECT"] = "0"
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
    finally:
        process.terminate()
        process.wait(timeout=20)
