"""The archive itself: `backup_write` writes it (the database copy, every media file and the
manifest, under a temporary name until complete); `archive_check` reads every member back and
compares it with the manifest, and refuses a damaged, partial or foreign archive before anything
is touched (the restore verifies the members it stages the same way).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from ctassist.core.backup.database import _database_dump
from ctassist.core.backup.manifest import (
    CHUNK,
    DATABASE_MEMBERS,
    MANIFEST_NAME,
    MEDIA_PREFIX,
    VENDOR_NAMES,
    WORK_PREFIX,
    ArchivedFile,
    ArchiveRefused,
    BackupFailed,
    BackupReport,
    Manifest,
    _stamp,
)
from ctassist.core.backup.media import media_files, media_root
from ctassist.core.errors import FieldProblem

# What reading a damaged zip raises: bad headers or CRC, a broken deflate stream, cut-off data.
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError)


# --- writing ----------------------------------------------------------------------------------


def backup_write(
    out: Path, *, using: str = DEFAULT_DB_ALIAS, leave_out: frozenset[Path] = frozenset()
) -> BackupReport:
    """Write the archive to `out` (a folder: a dated name in it). It appears under its name only
    when complete; it is readable by its owner only (it holds personal data). Media files in
    `leave_out` (orphans that no row names) are not archived."""
    now = timezone.now()
    target = out / f"ctassist-backup-{_stamp(now)}.zip" if out.is_dir() else out
    if not target.parent.is_dir():
        raise BackupFailed(f"There is no folder {target.parent}: create it first.")
    vendor = connections[using].vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupFailed(f"Backups of {vendor} databases are not supported.")
    media = media_root()
    handle, partial_name = tempfile.mkstemp(
        dir=target.parent, prefix=f"{WORK_PREFIX}{target.name}.", suffix=".partial"
    )
    partial = Path(partial_name)
    vanished: list[str] = []
    try:
        with (
            os.fdopen(handle, "wb") as raw,
            tempfile.TemporaryDirectory(dir=target.parent, prefix=WORK_PREFIX) as work,
        ):
            dump, (counts, migrations) = _database_dump(using, Path(work))
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
                # A custom-format dump is compressed already: stored as it is.
                member = DATABASE_MEMBERS[vendor]
                files = [_member_write(archive, dump, member, stored=vendor == "postgresql")]
                for path in media_files(media):
                    if path.resolve() in leave_out:
                        continue
                    name = MEDIA_PREFIX + path.relative_to(media).as_posix()
                    try:
                        files.append(_member_write(archive, path, name))
                    except FileNotFoundError:
                        vanished.append(name)
                manifest = Manifest(
                    created_at=now.isoformat(timespec="seconds"),
                    application_version=_application_version(),
                    vendor=vendor,
                    database_name=Path(str(connections[using].settings_dict["NAME"])).name,
                    migrations=migrations,
                    table_counts=counts,
                    files=tuple(files),
                )
                info = zipfile.ZipInfo(MANIFEST_NAME, now.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                text = json.dumps(manifest.as_json(), indent=1, ensure_ascii=False)
                archive.writestr(info, text + "\n")
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _folder_sync(target.parent)
    return BackupReport(target, target.stat().st_size, manifest, tuple(vanished))


def _member_write(
    archive: zipfile.ZipFile, source: Path, name: str, *, stored: bool = False
) -> ArchivedFile:
    """Copy a file into the archive, hashing exactly the bytes written."""
    info = zipfile.ZipInfo.from_file(source, name, strict_timestamps=False)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as handle, archive.open(info, "w") as member:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            member.write(chunk)
    return ArchivedFile(name, size, digest.hexdigest())


def _folder_sync(folder: Path) -> None:
    """Make a rename in the folder durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _application_version() -> str:
    try:
        return metadata.version("ctassist")
    except metadata.PackageNotFoundError:
        return "unknown"


# --- checking ---------------------------------------------------------------------------------


def archive_check(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """The archive's manifest once every member has been read and found as the manifest says,
    and the archive fits this installation; ArchiveRefused (listing every problem) otherwise."""
    with _archive_open(path) as archive:
        manifest = _manifest_read(archive)
        problems = _compatibility_problems(manifest, using)
        problems += _members_verify(archive, manifest, stage=None)
    if problems:
        raise _refused(path, problems)
    return manifest


def _refused(path: Path, problems: list[FieldProblem]) -> ArchiveRefused:
    return ArchiveRefused(
        f"{path.name} is refused ({len(problems)} problem{'s' if len(problems) > 1 else ''}); "
        "nothing was changed.",
        problems=problems,
    )


@contextmanager
def _archive_open(path: Path) -> Iterator[zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(path)
    except DAMAGE as error:
        raise ArchiveRefused(
            f"{path.name} is not a readable backup archive (damaged or cut short: {error}); "
            "nothing was changed."
        ) from error
    with archive:
        yield archive


def _manifest_read(archive: zipfile.ZipFile) -> Manifest:
    try:
        raw = archive.read(MANIFEST_NAME)
    except KeyError as error:
        raise ArchiveRefused(
            f"The archive has no {MANIFEST_NAME}: it is not a ctassist backup, or only part of "
            "one; nothing was changed."
        ) from error
    except DAMAGE as error:
        raise ArchiveRefused(f"Its manifest is damaged ({error}); nothing was changed.") from error
    try:
        return Manifest.from_json(raw)
    except ArchiveRefused as error:
        raise ArchiveRefused(f"{error.message} Nothing was changed.") from error


def _compatibility_problems(manifest: Manifest, using: str) -> list[FieldProblem]:
    """Refuse another vendor outright; list migrations this version of the code does not have."""
    here = connections[using].vendor
    if manifest.vendor != here:
        theirs = VENDOR_NAMES[manifest.vendor]
        ours = VENDOR_NAMES.get(here, here)
        raise ArchiveRefused(
            f"This archive holds a {theirs} database and this installation uses {ours}: "
            f"restoring one into the other is refused. Restore it where DATABASE_URL names a "
            f"{theirs} database. Nothing was changed."
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return [
        FieldProblem(
            f"migrations {app}",
            f"{name} is not a migration of this version of ctassist: the archive was made by a "
            f"newer version ({manifest.application_version}); restore it with that version",
        )
        for app, name in manifest.migrations.items()
        if (app, name) not in known
    ]


def _safe_member(path: str) -> bool:
    parts = path.split("/")
    return (
        not PurePosixPath(path).is_absolute()
        and "\\" not in path
        and all(part not in ("", ".", "..") and not part.startswith(WORK_PREFIX) for part in parts)
        and (
            path in DATABASE_MEMBERS.values() or (parts[0] + "/" == MEDIA_PREFIX and len(parts) > 1)
        )
    )


def _members_verify(
    archive: zipfile.ZipFile, manifest: Manifest, *, stage: Path | None
) -> list[FieldProblem]:
    """Every member read and compared with the manifest (size and SHA-256); with `stage`, each
    is also written under that folder by its path in the archive."""
    problems: list[FieldProblem] = []
    names = [info.filename for info in archive.infolist() if not info.is_dir()]
    present = set(names) - {MANIFEST_NAME}
    listed = [f.path for f in manifest.files]
    problems += [
        FieldProblem(n, "appears more than once")
        for n, times in sorted(Counter(names).items())
        if times > 1
    ]
    problems += [
        FieldProblem(n, "is in the archive but not in its manifest")
        for n in sorted(present - set(listed))
    ]
    if manifest.database_member not in listed:
        problems.append(
            FieldProblem(manifest.database_member, "the database is not in the manifest")
        )
    for item in manifest.files:
        if not _safe_member(item.path):
            problems.append(FieldProblem(item.path, "is not a path a backup may hold"))
        elif item.path not in present:
            problems.append(FieldProblem(item.path, "is missing from the archive"))
        else:
            target = stage / item.path if stage is not None else None
            problem = _member_verify(archive, item, target)
            if problem:
                problems.append(FieldProblem(item.path, problem))
    return problems


def _member_verify(archive: zipfile.ZipFile, item: ArchivedFile, target: Path | None) -> str | None:
    info = archive.getinfo(item.path)
    if info.file_size != item.size:
        return f"holds {info.file_size} bytes where the manifest says {item.size}"
    digest = hashlib.sha256()
    size = 0
    with _opened(target) as out:
        try:
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    if out is not None:
                        out.write(chunk)
        except DAMAGE as error:
            return f"is damaged ({error})"
    if size != item.size:
        return f"holds {size} bytes where the manifest says {item.size}"
    if digest.hexdigest() != item.sha256:
        return "does not match its SHA-256 in the manifest: it was changed after the backup"
    return None


@contextmanager
def _opened(target: Path | None) -> Iterator[IO[bytes] | None]:
    if target is None:
        yield None
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        yield handle
