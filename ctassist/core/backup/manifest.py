"""What a backup archive is: its members and format version, the manifest that lists them (path,
size, SHA-256), the errors that stop a backup or refuse an archive, and what a backup, a restore
plan and a restore report say.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ctassist.core.errors import DomainError, FieldProblem

FORMAT = "ctassist-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/ctassist.sqlite3", "postgresql": "database/ctassist.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MEDIA_PREFIX = "media/"
# Our temporary files and folders start with this; they are never backed up.
WORK_PREFIX = ".ctassist-"
CHUNK = 1024 * 1024


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


def _stamp(moment: dt.datetime) -> str:
    """The moment in the names of the files a backup or a restore leaves: the archive, the
    database kept before a restore, the folder of media files set aside."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
