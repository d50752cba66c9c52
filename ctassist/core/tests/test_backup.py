"""Backup and restore (`ctassist backup`, `ctassist restore`): a round trip brings back every row
of every table and every uploaded file byte for byte; a damaged, partial or foreign archive is
refused before anything is touched; evidence whose file no longer matches the SHA-256 taken on
upload is reported after a restore; the command asks before replacing, and refuses to without a
terminal unless told --yes.

The tests run on an installation of their own — a copy of the committed test database (reference
and demo data) and of the files it points at — so that their writes are committed, as a backup
needs, and the restores replace that copy, never the shared test database. On PostgreSQL (CI runs
both) the copy is a database of its own made with pg_dump and pg_restore.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.storage import storages
from django.db import connections
from django.db.models import FileField
from django.test.utils import override_settings

from ctassist.accounts.tests.factories import UserFactory
from ctassist.cases.models import Evidence, Unit
from ctassist.cases.services import case_open, evidence_add
from ctassist.cases.tests.factories import MembershipFactory, UnitFactory
from ctassist.cli import main
from ctassist.core import backup, backup_cli
from ctassist.core.backup import (
    MANIFEST_NAME,
    ArchiveRefused,
    BackupFailed,
    archive_check,
    backup_restore,
    backup_write,
    media_files,
    pg_run,
    pg_tool,
    restore_plan,
    table_counts,
)
from ctassist.library.models import Attachment
from ctassist.library.services import library_import


@dataclass(frozen=True)
class Installation:
    media: Path
    work: Path


@pytest.fixture(scope="module")
def installation(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Installation]:
    """The default database and storage pointed at a copy of their own for this module."""
    work = tmp_path_factory.mktemp("backup")
    media = work / "media"
    with django_db_blocker.unblock():
        connection = connections["default"]
        config = connection.settings_dict
        original = config["NAME"]
        _referenced_files_copy(Path(storages["default"].location), media)
        connection.close()
        scratch = _scratch_make(config, work)
        config["NAME"] = scratch
        storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
        try:
            with override_settings(
                STORAGES={
                    **django_settings.STORAGES,
                    "default": {**storage, "OPTIONS": {"location": str(media)}},
                }
            ):
                yield Installation(media=media, work=work)
        finally:
            connections["default"].close()
            config["NAME"] = original
            _scratch_drop(config, scratch)


def _referenced_files_copy(source: Path, media: Path) -> None:
    """The files that the test database's rows point at (the demo's evidence)."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField):
                for name in model._base_manager.exclude(**{field.attname: ""}).values_list(
                    field.attname, flat=True
                ):
                    if (source / name).is_file():
                        (media / name).parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(source / name, media / name)


def _scratch_make(config, work: Path) -> str:
    if connections["default"].vendor == "sqlite":
        target = work / "installation.sqlite3"
        with (
            closing(sqlite3.connect(config["NAME"])) as source,
            closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
        return str(target)
    name = f"{config['NAME']}_backup_{uuid.uuid4().hex[:8]}"
    _postgres_admin(f'CREATE DATABASE "{name}"')
    seed = work / "seed.pgdump"
    pg_run([pg_tool("pg_dump"), "--format=custom", f"--file={seed}", config["NAME"]], config)
    pg_run([pg_tool("pg_restore"), "--no-owner", f"--dbname={name}", str(seed)], config)
    return name


def _scratch_drop(config, scratch: str) -> None:
    if connections["default"].vendor == "postgresql":
        _postgres_admin(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def _postgres_admin(statement: str) -> None:
    admin = connections.create_connection("default")
    try:
        with admin.cursor() as cursor:
            cursor.execute(statement)
    finally:
        admin.close()


@pytest.fixture(scope="module")
def archive(installation) -> Path:
    return backup_write(installation.work / "base.zip").path


def _database_fingerprint() -> dict[str, str]:
    """Every table's rows (sorted), as a count and a SHA-256."""
    connection = connections["default"]
    fingerprint = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(
                repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))
                for row in cursor.fetchall()
            )
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            fingerprint[table] = f"{len(rows)} {digest}"
    return fingerprint


def _media_snapshot(media: Path) -> dict[str, bytes]:
    return {p.relative_to(media).as_posix(): p.read_bytes() for p in media_files(media)}


def _evidence_and_attachment(work: Path) -> tuple[Evidence, Attachment]:
    """An exhibit with its file and a library record with an attachment, through the services."""
    tag = uuid.uuid4().hex[:8]
    prosecutor = UserFactory(username=f"backup-{tag}", countries=("NGA",))
    unit = UnitFactory(code=f"backup-{tag}")
    MembershipFactory(unit=unit, user=prosecutor)
    case = case_open(
        actor=prosecutor, unit=unit, title="State v. Backup", offence_date=dt.date(2020, 1, 1)
    )
    evidence = evidence_add(
        actor=prosecutor,
        case=case,
        number="B1",
        description="Phone extraction",
        kind=Evidence.Kind.DIGITAL,
        holder="Exhibits officer",
        content=b"seized phone extraction " + tag.encode(),
        filename="extraction.txt",
    )
    folder = work / f"attachments-{tag}"
    folder.mkdir()
    (folder / "guide.html").write_text("<html><body><p>Preservation guide</p></body></html>")
    line = {
        "id": f"backup-{tag}",
        "type": "publication",
        "language": "en",
        "title": "Guide to preservation",
        "attachments": ["guide.html"],
        "status": "published",
    }
    editor = UserFactory(username=f"editor-{tag}", role="editor")
    library_import(actor=editor, lines=[json.dumps(line)], attachments_dir=folder)
    return evidence, Attachment.objects.get(record__external_id=f"backup-{tag}")


def test_round_trip_brings_back_every_row_and_every_file(installation):
    media = installation.media
    evidence, attachment = _evidence_and_attachment(installation.work)
    before, files = _database_fingerprint(), _media_snapshot(media)
    assert {evidence.file.name, attachment.file.name} <= set(files)

    report = backup_write(installation.work)  # a folder: a dated name in it
    assert report.path.name.startswith("ctassist-backup-") and report.path.suffix == ".zip"
    assert report.path.stat().st_mode & 0o077 == 0  # personal data: the owner's only
    assert not list(installation.work.glob(".ctassist-*"))  # nothing half-written left
    assert len(report.manifest.media_files) == len(files)

    Evidence.objects.filter(pk=evidence.pk).delete()
    Attachment.objects.all().delete()
    Unit.objects.update(name="Renamed")
    UnitFactory(code="after-the-backup")
    (media / evidence.file.name).unlink()
    (media / attachment.file.name).write_bytes(b"altered")
    (media / "stray.txt").write_bytes(b"uploaded after the backup")
    assert _database_fingerprint() != before

    restored = backup_restore(report.path)

    assert restored.ok, restored
    assert _database_fingerprint() == before
    assert _media_snapshot(media) == files
    assert restored.media_set_aside is not None
    assert (restored.media_set_aside / "stray.txt").read_bytes() == b"uploaded after the backup"
    checked = {check.name: check.checked for check in restored.checks}
    assert checked["case evidence files"] == Evidence.objects.exclude(file="").count() > 1
    assert checked["library attachments"] == Attachment.objects.count() >= 1
    if connections["default"].vendor == "sqlite":
        assert restored.database_kept is not None and restored.database_kept.is_file()
    assert not [p for p in media.iterdir() if p.name.startswith(".ctassist-")]


def _rebuilt(
    source: Path,
    target: Path,
    *,
    without: str | None = None,
    changed: Callable[[str, bytes], bytes] | None = None,
    extra: str | None = None,
) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != without:
                data = old.read(info)
                new.writestr(info.filename, changed(info.filename, data) if changed else data)
        if extra:
            new.writestr(extra, b"not listed")
    return target


def _first_media(archive: Path) -> str:
    with zipfile.ZipFile(archive) as opened:
        return next(n for n in opened.namelist() if n.startswith("media/"))


def _flip_first_byte(name: str) -> Callable[[str, bytes], bytes]:
    """The same size, one byte different: only the SHA-256 can tell."""
    return lambda member, data: bytes([data[0] ^ 1]) + data[1:] if member == name else data


def _manifest(change: Callable[[dict], None]) -> Callable[[str, bytes], bytes]:
    def rewrite(member: str, data: bytes) -> bytes:
        if member != MANIFEST_NAME:
            return data
        manifest = json.loads(data)
        change(manifest)
        return json.dumps(manifest).encode()

    return rewrite


def _other_vendor(manifest: dict) -> None:
    manifest["database"]["vendor"] = (
        "postgresql" if manifest["database"]["vendor"] == "sqlite" else "sqlite"
    )


def _outside(manifest: dict) -> None:
    digest = hashlib.sha256(b"not listed").hexdigest()
    manifest["files"].append({"path": "media/../outside.txt", "size": 10, "sha256": digest})


def _cut(archive: Path, target: Path) -> Path:
    target.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    return target


DAMAGES = {
    "truncated": (lambda a, t: _cut(a, t), "not a readable backup archive"),
    "media file changed": (
        lambda a, t: _rebuilt(a, t, changed=_flip_first_byte(_first_media(a))),
        "does not match its SHA-256",
    ),
    "database changed": (
        lambda a, t: _rebuilt(a, t, changed=_flip_first_byte(backup.DATABASE_MEMBERS[_vendor()])),
        "does not match its SHA-256",
    ),
    "media file missing": (
        lambda a, t: _rebuilt(a, t, without=_first_media(a)),
        "is missing from the archive",
    ),
    "database missing": (
        lambda a, t: _rebuilt(a, t, without=backup.DATABASE_MEMBERS[_vendor()]),
        "is missing from the archive",
    ),
    "manifest missing": (lambda a, t: _rebuilt(a, t, without=MANIFEST_NAME), "has no manifest"),
    "member not in the manifest": (
        lambda a, t: _rebuilt(a, t, extra="media/../../etc/cron.d/x"),
        "not in its manifest",
    ),
    "path outside the media folder": (
        lambda a, t: _rebuilt(a, t, extra="media/../outside.txt", changed=_manifest(_outside)),
        "is not a path a backup may hold",
    ),
    "unknown format version": (
        lambda a, t: _rebuilt(a, t, changed=_manifest(lambda m: m.update(format_version=2))),
        "format version 2",
    ),
    "other database vendor": (
        lambda a, t: _rebuilt(a, t, changed=_manifest(_other_vendor)),
        "restoring one into the other is refused",
    ),
    "newer migrations": (
        lambda a, t: _rebuilt(
            a, t, changed=_manifest(lambda m: m["migrations"].update(cases="9999_future"))
        ),
        "9999_future is not a migration of this version",
    ),
}


def _vendor() -> str:
    return connections["default"].vendor


def _refusal_text(refused: pytest.ExceptionInfo[ArchiveRefused]) -> str:
    error = refused.value
    return " ".join([error.message, *(f"{p.field} {p.message}" for p in error.problems)])


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_partial_or_foreign_archive_is_refused_and_nothing_changes(
    installation, archive, damage
):
    make, expected = DAMAGES[damage]
    bad = make(archive, installation.work / f"bad-{uuid.uuid4().hex[:6]}.zip")
    marker = UnitFactory(code=f"marker-{uuid.uuid4().hex[:8]}")  # not in the archive
    counts, files = table_counts(), _media_snapshot(installation.media)

    with pytest.raises(ArchiveRefused) as checked:
        archive_check(bad)
    with pytest.raises(ArchiveRefused) as restored:
        backup_restore(bad)

    assert expected in _refusal_text(checked) and expected in _refusal_text(restored)
    assert "nothing was changed" in checked.value.message.lower()
    assert Unit.objects.filter(pk=marker.pk).exists() and table_counts() == counts
    assert _media_snapshot(installation.media) == files
    assert not [p for p in installation.media.iterdir() if p.name.startswith(".ctassist-")]


def test_no_half_archive_is_left_under_its_name(installation, monkeypatch):
    out = installation.work / "nightly.zip"
    out.write_bytes(b"yesterday's archive")
    unreadable = installation.media / "unreadable"
    unreadable.mkdir()
    monkeypatch.setattr(backup.archive, "media_files", lambda root: [unreadable])
    try:
        with pytest.raises(IsADirectoryError):
            backup_write(out)
    finally:
        unreadable.rmdir()
    assert out.read_bytes() == b"yesterday's archive"
    assert not list(installation.work.glob(".ctassist-*"))


def test_a_missing_postgresql_program_is_named(settings, tmp_path, monkeypatch):
    settings.CTASSIST_PG_BIN = str(tmp_path)
    with pytest.raises(BackupFailed, match="pg_dump is not installed in CTASSIST_PG_BIN"):
        pg_tool("pg_dump")
    settings.CTASSIST_PG_BIN = ""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(backup.database, "DEBIAN_PG_BINS", str(tmp_path / "none" / "*" / "bin"))
    with pytest.raises(BackupFailed, match="pg_restore is not installed on PATH"):
        pg_tool("pg_restore")


def test_restore_without_a_terminal_or_yes_is_refused(installation, archive):
    marker = UnitFactory(code=f"marker-{uuid.uuid4().hex[:8]}")
    result = CliRunner().invoke(main, ["restore", str(archive)])
    assert result.exit_code == 1
    assert "Restoring it replaces:" in result.output and "cases.Unit" in result.output
    assert "no terminal to confirm on" in result.output
    assert Unit.objects.filter(pk=marker.pk).exists()


def test_restore_asks_first_on_a_terminal(installation, archive, monkeypatch):
    monkeypatch.setattr(backup_cli, "_terminal", lambda: True)
    marker = UnitFactory(code=f"marker-{uuid.uuid4().hex[:8]}")
    result = CliRunner().invoke(main, ["restore", str(archive)], input="n\n")
    assert result.exit_code == 1
    assert "Replace them with the archive's?" in result.output
    assert "Nothing was changed." in result.output
    assert Unit.objects.filter(pk=marker.pk).exists()


def test_backup_then_restore_yes_from_the_command_line(installation):
    out = installation.work / "from-the-command-line.zip"
    backed = CliRunner().invoke(main, ["backup", str(out)])
    assert backed.exit_code == 0, backed.output
    assert f"Backup written: {out}" in backed.output
    before = _database_fingerprint()
    UnitFactory(code=f"after-{uuid.uuid4().hex[:8]}")

    restored = CliRunner().invoke(main, ["restore", str(out), "--yes"])

    assert restored.exit_code == 0, restored.output
    assert "Every restored file matches its SHA-256" in restored.output
    assert "case evidence files:" in restored.output and "all match" in restored.output
    assert _database_fingerprint() == before


def test_evidence_that_no_longer_matches_its_upload_hash_is_reported(installation):
    exhibit = Evidence.objects.exclude(file="").order_by("pk").first()
    path = installation.media / exhibit.file.name
    original = path.read_bytes()
    path.write_bytes(original + b" altered before the backup")
    try:
        out = installation.work / "altered-evidence.zip"
        assert CliRunner().invoke(main, ["backup", str(out)]).exit_code == 0
        result = CliRunner().invoke(main, ["restore", str(out), "--yes"])
    finally:
        path.write_bytes(original)
    assert result.exit_code == 3
    assert "case evidence files:" in result.output and "1 do not match" in result.output
    assert f"Mismatch: evidence {exhibit.pk}:" in result.output
    assert "does not match the SHA-256 recorded on upload" in result.output


def test_an_archive_older_than_the_code_says_to_migrate_after_restoring(installation, archive):
    manifest = archive_check(archive)
    older = replace(
        manifest, migrations={**manifest.migrations, "cases": "0003_tasks_documents_juvenile_rules"}
    )
    plan = restore_plan(older)
    assert plan.migrate_after == ("cases",)
    assert restore_plan(manifest).migrate_after == ()
    assert "run `ctassist init` after restoring" in backup_cli._plan_text(archive, plan)
