"""Backup and restore of a whole installation: one zip archive with the database, the media files
and a manifest (docs/deploy.md "Backups"; why a zip: docs/adr/0014).

    manifest.json               format version, when, database vendor, migration state, rows per
                                table, and every other member's path, size and SHA-256
    database/ctassist.sqlite3   SQLite: a consistent copy by the online backup API
    database/ctassist.pgdump    PostgreSQL: `pg_dump --format=custom`, in the same snapshot as the
                                row counts of the manifest
    media/<path>                every file of the default storage (evidence, attachments, documents)

`backup_write` writes the archive under a temporary name and renames it once complete.
`archive_check` reads the manifest and every member, and refuses a damaged, partial or foreign
archive before anything is touched; `restore_plan` says what a restore would replace;
`backup_restore` stages every member (verifying it again), replaces the database and the media
files, then checks the result: every restored file against the manifest, the rows per table, and
the digests the apps recorded themselves. Core imports no app: each app names its check in
settings (`CTASSIST_BACKUP_VERIFIERS`), built on `stored_digests_check`.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.module_loading import import_string

from ctassist.core.errors import DomainError, FieldProblem

FORMAT = "ctassist-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/ctassist.sqlite3", "postgresql": "database/ctassist.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MEDIA_PREFIX = "media/"
# Our temporary files and folders start with this; they are never backed up.
WORK_PREFIX = ".ctassist-"
# Where Debian installs each PostgreSQL version's programs (found when not on PATH).
DEBIAN_PG_BINS = "/usr/lib/postgresql/*/bin"
CHUNK = 1024 * 1024
# What reading a damaged zip raises: bad headers or CRC, a broken deflate stream, cut-off data.
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError)


class BackupFailed(DomainError):
    """The backup or the restore could not be done (a missing program, no database file)."""

    code = "backup_failed"


class ArchiveRefused(DomainError):
    """The archive is damaged, partial or foreign; nothing was changed."""

    code = "archive_refused"


@dataclass(frozen=True)
class ArchivedFile:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str
    application_version: str
    vendor: str
    database_name: str
    migrations: dict[str, str]  # app label -> latest applied migration
    table_counts: dict[str, int]  # model label -> rows
    files: tuple[ArchivedFile, ...]
    format_version: int = FORMAT_VERSION

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBERS[self.vendor]

    @property
    def media_files(self) -> tuple[ArchivedFile, ...]:
        return tuple(f for f in self.files if f.path.startswith(MEDIA_PREFIX))

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": self.format_version,
            "created_at": self.created_at,
            "application_version": self.application_version,
            "database": {"vendor": self.vendor, "name": self.database_name},
            "migrations": self.migrations,
            "table_counts": self.table_counts,
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in self.files],
        }

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        """The manifest, or ArchiveRefused when it is not one this version reads."""
        try:
            data = json.loads(raw)
        except ValueError as error:
            raise ArchiveRefused(f"Its manifest is not readable JSON ({error}).") from error
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ArchiveRefused("Its manifest is not a ctassist backup manifest.")
        if data.get("format_version") != FORMAT_VERSION:
            raise ArchiveRefused(
                f"It is in backup format version {data.get('format_version')!r}; this version "
                f"of ctassist reads version {FORMAT_VERSION} only. Restore it with the version "
                f"of ctassist that made it ({data.get('application_version', 'unknown')})."
            )
        try:
            database = data["database"]
            manifest = cls(
                created_at=str(data["created_at"]),
                application_version=str(data.get("application_version", "")),
                vendor=str(database["vendor"]),
                database_name=str(database["name"]),
                migrations={str(k): str(v) for k, v in data["migrations"].items()},
                table_counts={str(k): int(v) for k, v in data["table_counts"].items()},
                files=tuple(
                    ArchivedFile(str(f["path"]), int(f["size"]), str(f["sha256"]))
                    for f in data["files"]
                ),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ArchiveRefused(f"Its manifest is damaged ({error!r} is wrong).") from error
        if manifest.vendor not in DATABASE_MEMBERS:
            raise ArchiveRefused(
                f"It holds a {manifest.vendor} database, which ctassist cannot restore."
            )
        return manifest


@dataclass(frozen=True)
class BackupReport:
    path: Path
    size: int
    manifest: Manifest
    vanished: tuple[str, ...]  # media files deleted while the backup ran: not in the archive


@dataclass(frozen=True)
class RestorePlan:
    manifest: Manifest
    database: str
    media_root: Path
    media_now: int
    rows: tuple[tuple[str, int, int], ...]  # (model label, rows in the archive, rows now)
    migrate_after: tuple[str, ...]  # apps whose migrations the archive does not reach


@dataclass(frozen=True)
class DigestCheck:
    """What one app's verifier found among the files whose SHA-256 it recorded."""

    name: str
    checked: int
    problems: tuple[str, ...]


@dataclass(frozen=True)
class RestoreReport:
    database: str
    database_kept: Path | None  # SQLite: the database as it was before, kept beside it
    media_restored: int
    media_set_aside: Path | None  # files that were not in the archive, moved here
    set_aside: int
    file_problems: tuple[FieldProblem, ...]
    count_problems: tuple[str, ...]
    checks: tuple[DigestCheck, ...]
    migrate_after: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not (
            self.file_problems or self.count_problems or any(c.problems for c in self.checks)
        )


# --- shared pieces ---------------------------------------------------------------------------


def media_root() -> Path:
    """The folder of the default storage (settings STORAGES), where uploads are kept."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise BackupFailed(
            "The default storage is not a folder on this machine: back its files up with that "
            "storage's own tools."
        )
    return Path(storage.location)


def media_files(root: Path) -> list[Path]:
    """Every file under the media folder, in a stable order (our own temporary files left out)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(WORK_PREFIX))
        found += [
            Path(folder) / name
            for name in sorted(files)
            if not name.startswith(WORK_PREFIX) and (Path(folder) / name).is_file()
        ]
    return found


def model_tables() -> dict[str, str]:
    """Model label -> table, for every model with a table of its own (many-to-many included)."""
    tables: dict[str, str] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.proxy and not meta.swapped and meta.db_table not in tables.values():
            tables[meta.label] = meta.db_table
    return dict(sorted(tables.items()))


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _facts(cursor: Any, existing: set[str]) -> tuple[dict[str, int], dict[str, str]]:
    """Rows per model table, and the latest applied migration per app, through a DB-API cursor
    (a copied SQLite file or a PostgreSQL snapshot: both take standard SQL)."""
    counts: dict[str, int] = {}
    for label, table in model_tables().items():
        if table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {_quoted(table)}")  # noqa: S608 - model tables
            counts[label] = int(cursor.fetchone()[0])
    migrations: dict[str, str] = {}
    if "django_migrations" in existing:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        for app, name in cursor.fetchall():
            migrations[str(app)] = str(name)
    return counts, dict(sorted(migrations.items()))


def table_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows per model table in the database now."""
    connection = connections[using]
    with connection.cursor() as cursor:
        return _facts(cursor, set(connection.introspection.table_names(cursor)))[0]


def database_describe(using: str = DEFAULT_DB_ALIAS) -> str:
    connection = connections[using]
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite database file {config['NAME']}"
    where = config.get("HOST") or "the local socket"
    port = f":{config['PORT']}" if config.get("PORT") else ""
    name = VENDOR_NAMES.get(connection.vendor, connection.vendor)
    return f"{name} database {config['NAME']} on {where}{port}"


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _application_version() -> str:
    try:
        return metadata.version("ctassist")
    except metadata.PackageNotFoundError:
        return "unknown"


# --- PostgreSQL programs ---------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """The path of a PostgreSQL program (pg_dump, pg_restore): from CTASSIST_PG_BIN when set,
    else PATH, else Debian's /usr/lib/postgresql/<version>/bin (newest first)."""
    configured = settings.CTASSIST_PG_BIN
    if configured:
        candidates = [Path(configured) / name]
    else:
        on_path = shutil.which(name)
        debian = sorted(glob.glob(DEBIAN_PG_BINS), key=_version_of, reverse=True)
        candidates = [Path(on_path)] if on_path else []
        candidates += [Path(folder) / name for folder in debian]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    where = f"in CTASSIST_PG_BIN ({configured})" if configured else "on PATH"
    raise BackupFailed(
        f"{name} is not installed {where}: install the PostgreSQL client programs of the "
        f"server's version or newer (Debian: apt install postgresql-client), or set "
        f"CTASSIST_PG_BIN to the folder that holds {name}."
    )


def _version_of(folder: str) -> int:
    version = Path(folder).parent.name
    return int(version) if version.isdigit() else 0


def pg_environment(config: dict[str, Any]) -> dict[str, str]:
    """libpq's variables for a Django database: the password never shows in a command line."""
    env = dict(os.environ)
    pairs = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    for key, variable in pairs.items():
        if config.get(key):
            env[variable] = str(config[key])
    libpq = {"sslmode", "sslrootcert", "sslcert", "sslkey", "passfile", "service"}
    for option, value in (config.get("OPTIONS") or {}).items():
        if option in libpq and value:
            env[f"PG{option.upper()}"] = str(value)
    return env


def pg_run(args: list[str], config: dict[str, Any]) -> None:
    result = subprocess.run(  # noqa: S603 - a PostgreSQL program and our own arguments
        args, env=pg_environment(config), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupFailed(f"{Path(args[0]).name} failed: {result.stderr.strip()[-2000:]}")


# --- backup ----------------------------------------------------------------------------------


def backup_write(out: Path, *, using: str = DEFAULT_DB_ALIAS) -> BackupReport:
    """Write the archive to `out` (a folder: a dated name in it). It appears under its name only
    when complete; it is readable by its owner only (it holds personal data)."""
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


def _database_dump(using: str, work: Path) -> tuple[Path, tuple[dict[str, int], dict[str, str]]]:
    connection = connections[using]
    if connection.vendor == "postgresql":
        dump = work / "ctassist.pgdump"
        return dump, _postgres_dump(using, dump)
    dump = work / "ctassist.sqlite3"
    _sqlite_copy(Path(str(connection.settings_dict["NAME"])), dump)
    with closing(sqlite3.connect(dump)) as copy:
        cursor = copy.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return dump, _facts(cursor, {str(row[0]) for row in cursor.fetchall()})


def _sqlite_copy(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database (the online backup API: one read transaction,
    while the server goes on writing), as a single file without a write-ahead log."""
    if not source.is_file():
        raise BackupFailed(f"There is no SQLite database at {source}.")
    with (
        closing(sqlite3.connect(source, timeout=60)) as live,
        closing(sqlite3.connect(target)) as copy,
    ):
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")


def _postgres_dump(using: str, dump: Path) -> tuple[dict[str, int], dict[str, str]]:
    """pg_dump in the snapshot where the rows were counted: the manifest describes the dump."""
    program = pg_tool("pg_dump")
    connection = connections.create_connection(using)  # its own session, outside any transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = str(cursor.fetchone()[0])
            facts = _facts(cursor, set(connection.introspection.table_names(cursor)))
            pg_run(
                [
                    program,
                    "--format=custom",
                    "--no-password",
                    f"--snapshot={snapshot}",
                    f"--file={dump}",
                    f"--dbname={connection.settings_dict['NAME']}",
                ],
                connection.settings_dict,
            )
            cursor.execute("ROLLBACK")
    finally:
        connection.close()
    return facts


# --- checking an archive ---------------------------------------------------------------------


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


# --- restore ---------------------------------------------------------------------------------


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


def _database_replace(using: str, dump: Path, now: dt.datetime) -> Path | None:
    connection = connections[using]
    connection.close()
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return _sqlite_replace(Path(str(config["NAME"])), dump, now)
    pg_run(
        [
            pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={config['NAME']}",
            str(dump),
        ],
        config,
    )
    return None


def _sqlite_replace(live: Path, restored: Path, now: dt.datetime) -> Path | None:
    """Swap the restored copy in. Not by renaming the file: a running server's connections and
    the write-ahead log (`-wal`, `-shm`) belong to the old file and would corrupt the new one.
    The online backup API writes it into the live database in one transaction instead, which
    other connections see whole or not at all. The current database is kept beside it first."""
    with closing(sqlite3.connect(restored)) as copy:
        verdict = copy.execute("PRAGMA quick_check").fetchall()
    if verdict != [("ok",)]:
        raise BackupFailed(
            f"The archived database fails SQLite's integrity check ({verdict[:3]}); nothing "
            "was changed."
        )
    kept = None
    if live.exists():
        kept = live.with_name(f"{live.name}.before-restore-{_stamp(now)}")
        _sqlite_copy(live, kept)
    with (
        closing(sqlite3.connect(restored)) as source,
        closing(sqlite3.connect(live, timeout=60)) as target,
    ):
        source.backup(target)
    return kept


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


# --- the apps' own checks --------------------------------------------------------------------


def verifiers_run(using: str = DEFAULT_DB_ALIAS) -> list[DigestCheck]:
    """Every check named in CTASSIST_BACKUP_VERIFIERS: `verifier(using=alias) -> DigestCheck`."""
    checks = []
    for dotted in settings.CTASSIST_BACKUP_VERIFIERS:
        verifier = import_string(dotted)
        try:
            checks.append(verifier(using=using))
        except DatabaseError as error:
            checks.append(DigestCheck(dotted, 0, (f"could not be run: {error}",)))
    return checks


def stored_digests_check(name: str, files: Iterable[tuple[str, FieldFile, str]]) -> DigestCheck:
    """Each stored file (`label`, the model's file, the SHA-256 recorded on upload) read through
    its storage and compared with its digest: what an app's verifier returns."""
    checked = 0
    problems: list[str] = []
    for label, stored, expected in files:
        checked += 1
        digest = hashlib.sha256()
        try:
            with stored.storage.open(str(stored.name), "rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
        except FileNotFoundError:
            problems.append(f"{label}: its file {stored.name} is missing")
            continue
        if digest.hexdigest() != expected:
            problems.append(f"{label}: {stored.name} does not match the SHA-256 recorded on upload")
    return DigestCheck(name, checked, tuple(problems))
