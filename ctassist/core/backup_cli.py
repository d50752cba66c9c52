"""`ctassist backup OUT` and `ctassist restore IN [--yes]`: parse, call `core/backup/`, print.

Exit status of `backup`: 0 written; 1 refused (nothing written); 3 written, but the media check
found rows whose file is missing (listed; orphan files are listed and do not change the status).
Exit status of `restore`: 0 restored and verified; 1 refused or not confirmed (nothing changed);
3 restored, but a check found a file or a row count that does not match (listed).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ctassist.core.cli import domain_errors
from ctassist.core.media_cli import check_lines

if TYPE_CHECKING:  # Django is imported only when a command runs
    from ctassist.core.backup import RestorePlan, RestoreReport

# Rows of the tables whose counts differ, shown before a restore (the largest differences).
ROWS_SHOWN = 15


@click.command("backup")
@click.argument("out", type=click.Path(dir_okay=True, writable=True, path_type=Path))
def backup_command(out: Path) -> None:
    """Write one archive (zip) of the database, the uploaded files and a manifest with each
    file's SHA-256. OUT is a file, or a folder for a dated name in it. Safe while the server
    runs; the archive appears only when complete. Runs `media check` first: orphan files are
    left out, the archive is written in any case, and the exit status is 3 when rows have lost
    their files. Run nightly
    from cron (docs/deploy.md)."""
    from ctassist.core.backup import VENDOR_NAMES, backup_write
    from ctassist.core.stored_files import media_check

    with domain_errors():
        found = media_check()
        report = backup_write(out, leave_out=frozenset(found.orphans))
    manifest = report.manifest
    click.echo(
        f"Backup written: {report.path} ({report.size:,} bytes; "
        f"{VENDOR_NAMES[manifest.vendor]} database, {sum(manifest.table_counts.values()):,} "
        f"rows; {len(manifest.media_files)} media files)"
    )
    if report.vanished:
        click.echo(f"Deleted while the backup ran, not in it: {_files(len(report.vanished))}")
    if not found.ok:
        click.echo("\n".join(check_lines(found)), err=True)
    if found.rows_without_files:
        sys.exit(3)


def _files(count: int) -> str:
    return f"{count} media file{'' if count == 1 else 's'}"


def _terminal() -> bool:
    return sys.stdin.isatty()


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Restore without asking (scripts, no terminal).")
def restore_command(archive: Path, yes: bool) -> None:
    """Replace the database and the uploaded files with those of a backup archive. The archive
    is checked whole first (every file's size and SHA-256, the database vendor, the migrations)
    and refused if anything is wrong; then what will be replaced is shown and confirmed. After
    the restore every file and every evidence hash is checked again. Stop the server first."""
    from ctassist.core.backup import archive_check, backup_restore, restore_plan

    with domain_errors():
        plan = restore_plan(archive_check(archive))
    click.echo(_plan_text(archive, plan))
    if not yes:
        if not _terminal():
            click.echo(
                "Refused: there is no terminal to confirm on. Run again with --yes to restore "
                "without asking. Nothing was changed.",
                err=True,
            )
            sys.exit(1)
        if not click.confirm("Replace them with the archive's?", default=False):
            click.echo("Nothing was changed.", err=True)
            sys.exit(1)
    with domain_errors():
        report = backup_restore(archive)
    click.echo(_report_text(report))
    if not report.ok:
        sys.exit(3)


def _plan_text(archive: Path, plan: RestorePlan) -> str:
    from ctassist.core.backup import VENDOR_NAMES

    manifest = plan.manifest
    lines = [
        f"{archive.name}: made {manifest.created_at} by ctassist "
        f"{manifest.application_version}, {VENDOR_NAMES[manifest.vendor]} database, "
        f"{len(manifest.media_files)} media files; every file checked.",
        "Restoring it replaces:",
        f"  the {plan.database}",
        f"  the media files in {plan.media_root} ({plan.media_now} now, "
        f"{len(manifest.media_files)} in the archive)",
    ]
    changed = [row for row in plan.rows if row[1] != row[2]]
    if changed:
        lines.append("Rows that differ (in the archive → now):")
        biggest = sorted(changed, key=lambda row: (-abs(row[1] - row[2]), row[0]))[:ROWS_SHOWN]
        width = max(len(row[0]) for row in biggest)
        lines += [f"  {label:<{width}}  {then:>9,} → {now:,}" for label, then, now in biggest]
        if len(changed) > ROWS_SHOWN:
            lines.append(f"  … and {len(changed) - ROWS_SHOWN} more tables")
    same = len(plan.rows) - len(changed)
    other = " other" if changed else ""
    lines.append(f"{same}{other} tables have the same number of rows in both.")
    if plan.migrate_after:
        lines.append(
            "The archive predates migrations of " + ", ".join(plan.migrate_after) + ": run "
            "`ctassist init` after restoring."
        )
        if manifest.vendor == "postgresql":
            lines.append(
                "On PostgreSQL the tables those migrations added are not removed by the restore "
                "(pg_restore --clean drops only what the archive holds): restore into an empty "
                "database instead (create it, point DATABASE_URL at it, run this again)."
            )
    return "\n".join(lines)


def _report_text(report: RestoreReport) -> str:
    lines = [f"Restored the {report.database}."]
    if report.database_kept:
        lines.append(f"The database as it was is kept in {report.database_kept}.")
    lines.append(f"Restored {_files(report.media_restored)}.")
    if report.media_set_aside:
        lines.append(
            f"{_files(report.set_aside)} not in the archive moved to {report.media_set_aside}."
        )
    lines += [f"Mismatch: {p.field} {p.message}" for p in report.file_problems]
    lines += [f"Mismatch: {problem}" for problem in report.count_problems]
    if not report.file_problems and not report.count_problems:
        lines.append("Every restored file matches its SHA-256; every table has its rows.")
    for check in report.checks:
        verdict = "all match" if not check.problems else f"{len(check.problems)} do not match"
        lines.append(f"{check.name}: {check.checked} checked, {verdict}")
        lines += [f"  Mismatch: {problem}" for problem in check.problems]
    if report.migrate_after:
        lines.append("Run `ctassist init` to apply the migrations the archive predates.")
    return "\n".join(lines)
