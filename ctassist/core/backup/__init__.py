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

# The modules, each importing only those above it:
#   manifest   the archive's members and format, the manifest, the errors and the reports
#   media      the media folder and every file in it
#   database   rows per table, the database copied or dumped, and replaced; pg_dump, pg_restore
#   verifiers  the apps' own checks after a restore (stored_digests_check)
#   archive    writing an archive (backup_write) and checking one (archive_check)
#   restoring  restore_plan and backup_restore

from __future__ import annotations

from ctassist.core.backup.archive import archive_check, backup_write
from ctassist.core.backup.database import DEBIAN_PG_BINS, pg_run, pg_tool, table_counts
from ctassist.core.backup.manifest import (
    DATABASE_MEMBERS,
    MANIFEST_NAME,
    VENDOR_NAMES,
    ArchivedFile,
    ArchiveRefused,
    BackupFailed,
    BackupReport,
    DigestCheck,
    Manifest,
    RestorePlan,
    RestoreReport,
)
from ctassist.core.backup.media import media_files
from ctassist.core.backup.restoring import backup_restore, restore_plan
from ctassist.core.backup.verifiers import stored_digests_check

__all__ = [
    "DATABASE_MEMBERS",
    "DEBIAN_PG_BINS",
    "MANIFEST_NAME",
    "VENDOR_NAMES",
    "ArchiveRefused",
    "ArchivedFile",
    "BackupFailed",
    "BackupReport",
    "DigestCheck",
    "Manifest",
    "RestorePlan",
    "RestoreReport",
    "archive_check",
    "backup_restore",
    "backup_write",
    "media_files",
    "pg_run",
    "pg_tool",
    "restore_plan",
    "stored_digests_check",
    "table_counts",
]
