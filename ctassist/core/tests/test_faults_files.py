"""Faults, files (issue 26 items 1 and 7): a stored file exists exactly when its row was committed.
A write rolled back or refused leaves no file; an import, a demo load or an upload killed with
SIGKILL leaves only orphans that `ctassist media check` lists and `--fix` removes, after which
every file has its row and every row its file; an upload slower than the server's timeout
succeeds, and an upload whose worker is killed leaves nothing in var/uploads."""

from __future__ import annotations

import gc
import hashlib
import http.client
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from ctassist.cases import services
from ctassist.cases.models import Evidence
from ctassist.cases.tests.factories import MembershipFactory, UnitFactory
from ctassist.core.tests.faults import CTASSIST, Instance, free_port, kill_when
from ctassist.core.tests.test_production_path import PRODUCTION_ENV


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def media(settings, tmp_path):
    folder = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    return folder


@pytest.fixture
def case_setup(persona, api_client_for):
    user = persona("p", countries=("NGA",))
    unit = UnitFactory(code="u")
    MembershipFactory(unit=unit, user=user)
    case = services.case_open(actor=user, unit=unit, title="State v. Files")
    return user, case, api_client_for(user)


@pytest.mark.django_db
def test_a_rolled_back_write_leaves_no_file(media, case_setup):
    user, case, _api = case_setup

    def register_then_fail() -> None:
        evidence = services.evidence_add(
            actor=user,
            case=case,
            number="E1",
            description="Phone extraction",
            kind=Evidence.Kind.DIGITAL,
            holder="Lab",
            content=b"extraction report",
            filename="report.txt",
        )
        assert Path(evidence.file.path).read_bytes() == b"extraction report"
        raise RuntimeError("a later step of the same transaction fails")

    with pytest.raises(RuntimeError):
        transaction.atomic()(register_then_fail)()
    assert not Evidence.objects.filter(case=case).exists()
    assert _files(media) == [], "the file of a rolled-back row is still stored"


@pytest.mark.django_db
def test_a_committed_file_stays_when_its_commit_callback_is_dropped(media, case_setup):
    # After a commit Django runs the callbacks in order and drops the rest when a non-robust
    # one raises: the stored file's keeper is then dropped unrun although its row is stored.
    # Modelled here by dropping the pending callbacks while the row exists: the file stays.
    user, case, _api = case_setup
    before = len(connection.run_on_commit)
    saved = services.evidence_add(
        actor=user,
        case=case,
        number="E9",
        description="Seized laptop image",
        kind=Evidence.Kind.DIGITAL,
        holder="Lab",
        content=b"disk image",
        filename="image.bin",
    )
    del connection.run_on_commit[before:]  # dropped without running, as after a failure
    gc.collect()
    assert Evidence.objects.filter(pk=saved.pk).exists()
    assert Path(saved.file.path).read_bytes() == b"disk image"


@pytest.mark.django_db
def test_a_refused_upload_leaves_no_file(media, case_setup):
    _user, case, api = case_setup

    def upload(content: bytes):
        return api.post(
            f"/api/v1/cases/{case.pk}/evidence",
            {
                "number": "E1",
                "description": "Audio",
                "kind": "digital",
                "holder": "Lab",
                "file": SimpleUploadedFile("audio.bin", content),
            },
        )

    assert upload(b"first recording").status_code == 201
    refused = upload(b"second recording, same exhibit number")
    assert 400 <= refused.status_code < 500
    stored = _files(media)
    assert [p.read_bytes() for p in stored] == [b"first recording"], "the refused file is stored"
    evidence = Evidence.objects.get(case=case, number="E1")
    assert Path(evidence.file.path) == stored[0]


# Real commands killed mid-write, on a database of their own.


def _check(instance: Instance, *extra: str) -> subprocess.CompletedProcess[str]:
    return instance.run("media", "check", "--grace", "0", *extra)


def _orphans_found_fixed_and_gone(instance: Instance) -> str:
    """`media check` lists what the killed run left; `--fix` removes it; then all is in order."""
    found = _check(instance)
    assert found.returncode == 3, found.stdout + found.stderr
    assert "Rows without a file" not in found.stdout, found.stdout
    fixed = _check(instance, "--fix")
    assert "Removed" in fixed.stdout and fixed.returncode == 0, fixed.stdout + fixed.stderr
    clean = _check(instance)
    assert clean.returncode == 0, clean.stdout
    assert "Every file has its row and every row its file." in clean.stdout
    return found.stdout


def _media_has_file(media: Path, under: str):
    return lambda: any(p.is_file() for p in (media / under).rglob("*"))


@pytest.mark.slow
def test_a_killed_library_import_leaves_only_orphans_that_media_check_removes(instance, tmp_path):
    folder = tmp_path / "attachments"
    folder.mkdir()
    lines = []
    for n in range(1500):
        name = f"decree-{n:05d}.txt"
        (folder / name).write_text(f"Decree {n} on the financing of terrorism. " * 200)
        lines.append(
            json.dumps(
                {
                    "id": f"files-{n:05d}",
                    "type": "legislation",
                    "country": "KEN",
                    "language": "en",
                    "title": f"Decree {n} on terrorist financing (fault test)",
                    "text": f"Text of decree {n}.",
                    "status": "published",
                    "attachments": [name],
                }
            )
        )
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ("library", "import", str(records), "--attachments", str(folder))
    media = instance.var / "media"
    before = instance.facts()["records"]
    process = instance.start(*args)
    assert kill_when(process, _media_has_file(media, "library")), "the import ended first"
    assert instance.facts()["records"] == before, "a killed import left records"
    listed = _orphans_found_fixed_and_gone(instance)
    assert "Files without a row" in listed or "Partial files" in listed
    assert _files(media) == []

    again = instance.run(*args)
    assert again.returncode == 0, again.stdout + again.stderr
    clean = _check(instance)
    assert clean.returncode == 0, clean.stdout
    assert "1,500 files, 1,500 rows" in clean.stdout


@pytest.mark.slow
def test_a_killed_demo_load_leaves_only_orphans_that_media_check_removes(instance):
    media = instance.var / "media"
    process = instance.start("demo")
    assert kill_when(process, _media_has_file(media, "cases")), "the demo load ended first"
    _orphans_found_fixed_and_gone(instance)
    rows = instance.python(
        "from ctassist.cases.models import Evidence\nprint(Evidence.objects.count())"
    )
    assert rows == "0" and _files(media) == []


def _server(instance: Instance, *args: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    server = subprocess.Popen(
        [CTASSIST, "serve", "--prod", "--port", str(port), *args],
        env={**instance.env, **PRODUCTION_ENV, "CTASSIST_SSL_REDIRECT": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=settings.BASE_DIR,
    )
    deadline = time.monotonic() + 150
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return server, port
        except OSError:
            assert time.monotonic() < deadline and server.poll() is None, "no server"
            time.sleep(0.3)


def _evidence_writer(instance: Instance) -> tuple[str, int]:
    """A prosecutor with a token, and a case of their unit."""
    made = instance.python(
        "from ctassist.accounts.services import token_issue\n"
        "from ctassist.cases import services\n"
        "from ctassist.cases.tests.factories import MembershipFactory, UnitFactory\n"
        "from ctassist.accounts.tests.factories import UserFactory\n"
        "user = UserFactory(username='prosecutor', role='practitioner', countries=('NGA',))\n"
        "unit = UnitFactory(code='u')\n"
        "MembershipFactory(unit=unit, user=user)\n"
        "case = services.case_open(actor=user, unit=unit, title='State v. Slow link')\n"
        "print(token_issue(actor=None, user=user, name='t'), case.pk)\n"
    )
    token, case_id = made.split()
    return token, int(case_id)


def _slow_upload(
    port: int, token: str, case_id: int, content: bytes, *, seconds: float, stop_at: float = 1.0
) -> http.client.HTTPConnection:
    """Send an exhibit's multipart body in pieces spread over `seconds` (up to `stop_at` of it)."""
    boundary = "ctassist-fault-test"
    fields = {"number": "E7", "description": "Video", "kind": "digital", "holder": "Lab"}
    head = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="video.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    body = head + content + f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.putrequest("POST", f"/api/v1/cases/{case_id}/evidence")
    connection.putheader("Authorization", f"Bearer {token}")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders()
    pieces = 40
    size = len(body) // pieces + 1
    for n in range(int(pieces * stop_at)):
        connection.send(body[n * size : (n + 1) * size])
        time.sleep(seconds / pieces)
    return connection


@pytest.mark.slow
def test_an_upload_slower_than_the_timeout_succeeds(instance):
    token, case_id = _evidence_writer(instance)
    server, port = _server(instance, "--timeout", "2")
    content = os.urandom(3 * 1024 * 1024)  # streamed to disk: larger than 2.5 MB
    try:
        connection = _slow_upload(port, token, case_id, content, seconds=8)
        response = connection.getresponse()
        answer = response.read()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert response.status == 201, answer[:300]
    assert json.loads(answer)["sha256"] == hashlib.sha256(content).hexdigest()
    clean = _check(instance)
    assert clean.returncode == 0 and "1 files, 1 rows" in clean.stdout, clean.stdout
    assert _files(instance.var / "uploads") == []


@pytest.mark.slow
def test_an_upload_whose_worker_is_killed_leaves_nothing(instance):
    token, case_id = _evidence_writer(instance)
    server, port = _server(instance)
    uploads = instance.var / "uploads"
    try:
        connection = _slow_upload(
            port, token, case_id, os.urandom(8 * 1024 * 1024), seconds=4, stop_at=0.6
        )
        streaming = _files(uploads)
        assert streaming, "the upload is not streamed to var/uploads"
        worker = int(streaming[0].parent.name)
        os.kill(worker, signal.SIGKILL)
        connection.close()
        deadline = time.monotonic() + 20
        while _files(uploads) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = _files(uploads)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert left == [], f"a killed upload left {left}"
    assert _files(instance.var / "media") == []
    clean = _check(instance)
    assert clean.returncode == 0, clean.stdout
