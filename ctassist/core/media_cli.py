"""`ctassist media check [--fix] [--grace MINUTES]`: parse, call `core/stored_files.py`, print.

Exit status: 0 every file has its row and every row its file (after `--fix`, once the orphans
are removed); 3 something is listed that is still there (orphans without `--fix`, or rows whose
file is missing, which no command can bring back: restore them from a backup).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ctassist.core.cli import domain_errors

if TYPE_CHECKING:  # Django is imported only when a command runs
    from ctassist.core.stored_files import MediaCheck


@click.group("media")
def group() -> None:
    """The uploaded files (evidence, attachments, documents) against the rows that name them."""


@group.command("check")
@click.option("--fix", is_flag=True, help="Remove the files that no row names (orphans).")
@click.option(
    "--grace",
    default=60,
    show_default=True,
    type=click.IntRange(0),
    help="Minutes: younger files may belong to a write in progress and are not judged.",
)
def check_command(fix: bool, grace: int) -> None:
    """List files without rows (left by killed imports, uploads or demo loads), partial files of
    interrupted writes, upload leftovers of killed requests, and rows whose file is missing.
    Safe while the server runs."""
    import datetime as dt

    from ctassist.core.stored_files import media_check, media_fix

    with domain_errors():
        found = media_check(grace=dt.timedelta(minutes=grace))
        removed = media_fix(found) if fix else None
    click.echo("\n".join(check_lines(found, removed=removed)))
    if found.rows_without_files or (found.orphans and not fix):
        sys.exit(3)


def _relative(path: Path, roots: list[Path]) -> str:
    for root in roots:
        if path.is_relative_to(root):
            return path.relative_to(root).as_posix()
    return str(path)


def check_lines(found: MediaCheck, *, removed: int | None = None) -> list[str]:
    """What a check found, for `media check` and `backup`."""
    where = ", ".join(str(root) for root in found.roots) or "no folder"
    lines = [f"Media check: {found.files:,} files, {found.rows:,} rows naming a file ({where})."]
    groups = [
        ("Files without a row", found.files_without_rows),
        ("Partial files of interrupted writes", found.partial_files),
        ("Upload leftovers of interrupted requests", found.upload_leftovers),
    ]
    for title, paths in groups:
        if paths:
            lines.append(f"{title}: {len(paths)}")
            lines += [f"  {_relative(path, found.roots)}" for path in paths]
    if found.rows_without_files:
        lines.append(f"Rows without a file: {len(found.rows_without_files)}")
        lines += [f"  {row}" for row in found.rows_without_files]
        lines.append("  Restore these files from a backup (docs/deploy.md).")
    if found.recent:
        lines.append(
            f"{found.recent} files written in the grace period not judged (a write may be in "
            "progress); --grace 0 judges them."
        )
    if removed is not None and found.orphans:
        lines.append(f"Removed {removed} orphan files.")
    elif found.orphans:
        lines.append("Run `ctassist media check --fix` to remove the orphans.")
    if not found.rows_without_files and (removed is not None or not found.orphans):
        lines.append("Every file has its row and every row its file.")
    return lines
