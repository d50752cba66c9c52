"""Restoring an archive over this installation: `restore_plan` says what it would replace;
`backup_restore` stages and verifies every member, replaces the database and the media files,
then checks the result (every restored file, the rows per table, the apps' own verifiers).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from ctassist.core.backup.archive import (
    _archive_open,
    _compatibility_problems,
    _manifest_read,
    _members_verify,
    _refused,
)
from ctassist.core.backup.database import _database_replace, database_describe, table_counts
from ctassist.core.backup.manifest import (
    CHUNK,
    MEDIA_PREFIX,
    WORK_PREFIX,
    Manifest,
    RestorePlan,
    RestoreReport,
    _stamp,
)
from ctassist.core.backup.media import media_files, media_root
from ctassist.core.backup.verifiers import verifiers_run
from ctassist.core.errors import FieldProblem


def restore_plan(manifest: Manifest, *, using: str = DEFAULT_DB_ALIAS) -> RestorePlan:
    """What restoring this (checked) archive would replace, to show before asking."""
    current = table_counts(using)
    labels = sorted(set(manifest.table_counts) | set(current))
    media = media_root()
    return RestorePlan(
        manifest=manifest,
        database=database_describe(using),
        media_root=media,
        media_now=len(media_files(media)),
        rows=tuple(
            (label, manifest.table_counts.get(label, 0), current.get(label, 0)) for label in labels
        ),
        migrate_after=_migrate_after(manifest),
    )


def _migrate_after(manifest: Manifest) -> tuple[str, ...]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return tuple(
        sorted(
            app for app, name in loader.graph.leaf_nodes() if manifest.migrations.get(app) != name
        )
    )


def backup_restore(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> RestoreReport:
    """Restore the archive over this installation's database and media files.

    Every member is first written to a staging folder and verified (size, SHA-256, a SQLite
    integrity check): a damaged or foreign archive is refused before anything is replaced. Then
    the database is replaced (SQLite: the current file is kept beside it; PostgreSQL:
    `pg_restore --clean --if-exists` in one transaction), the media files are put in place (files
    the archive does not have are set aside in a sibling folder, not deleted), and the result is
    checked: each restored file against the manifest, the rows per table, and each verifier of
    CTASSIST_BACKUP_VERIFIERS (the digests the apps recorded on upload)."""
    media = media_root()
    media.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=media, prefix=f"{WORK_PREFIX}restore-"))
    try:
        with _archive_open(path) as archive:
            manifest = _manifest_read(archive)
            problems = _compatibility_problems(manifest, using)
            problems += _members_verify(archive, manifest, stage=stage)
        if problems:
            raise _refused(path, problems)
        now = timezone.now()
        kept = _database_replace(using, stage / manifest.database_member, now)
        aside, set_aside = _media_replace(media, stage / MEDIA_PREFIX, manifest, now)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    counts = table_counts(using)
    return RestoreReport(
        database=database_describe(using),
        database_kept=kept,
        media_restored=len(manifest.media_files),
        media_set_aside=aside,
        set_aside=set_aside,
        file_problems=tuple(_media_recheck(media, manifest)),
        count_problems=tuple(
            f"{label}: {expected} rows in the archive, {counts.get(label)} after the restore"
            for label, expected in manifest.table_counts.items()
            if counts.get(label) != expected
        ),
        checks=tuple(verifiers_run(using)),
        migrate_after=_migrate_after(manifest),
    )


def _media_replace(
    media: Path, staged: Path, manifest: Manifest, now: dt.datetime
) -> tuple[Path | None, int]:
    """Move the staged files into place (one rename each); set aside the files the archive does
    not have, keeping their paths, in `<media>.set-aside-<when>` beside the media folder."""
    wanted = {f.path.removeprefix(MEDIA_PREFIX) for f in manifest.media_files}
    for relative in sorted(wanted):
        target = media / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged / relative, target)
    extras = [p for p in media_files(media) if p.relative_to(media).as_posix() not in wanted]
    if not extras:
        return None, 0
    aside = media.with_name(f"{media.name}.set-aside-{_stamp(now)}")
    for path in extras:
        destination = aside / path.relative_to(media)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, destination)
    return aside, len(extras)


def _media_recheck(media: Path, manifest: Manifest) -> list[FieldProblem]:
    """Each restored file read back from its place and compared with the manifest."""
    problems = []
    for item in manifest.media_files:
        path = media / item.path.removeprefix(MEDIA_PREFIX)
        if not path.is_file():
            problems.append(FieldProblem(item.path, "is missing after the restore"))
        elif _sha256_file(path) != item.sha256:
            problems.append(FieldProblem(item.path, "differs from its SHA-256 in the manifest"))
    return problems


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
