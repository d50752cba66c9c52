"""The database in a backup: its rows per table and latest migrations, a consistent copy of it
(SQLite's online backup API, or `pg_dump` in the snapshot where the rows were counted), and its
replacement by the archived one on restore; the PostgreSQL client programs that do the work.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from ctassist.core.backup.manifest import VENDOR_NAMES, BackupFailed, _stamp

# Where Debian installs each PostgreSQL version's programs (found when not on PATH).
DEBIAN_PG_BINS = "/usr/lib/postgresql/*/bin"


# --- what the database holds ------------------------------------------------------------------


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


# --- PostgreSQL programs ----------------------------------------------------------------------


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


# --- copying it for a backup ------------------------------------------------------------------


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


# --- replacing it on restore ------------------------------------------------------------------


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
