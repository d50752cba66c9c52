"""What every app's console commands share: Django set-up, domain errors, progress bars, output.

Each app owns its commands in `ctassist/<app>/cli.py` (one click group named `group`);
`ctassist/cli.py` gathers them under `ctassist`. Django is imported only when a command runs.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)

DATE = click.DateTime(formats=["%Y-%m-%d"])

TODAY_OPTION = click.option(
    "--today",
    "today_text",
    type=DATE,
    default=None,
    help="YYYY-MM-DD (default: today)",
)


def day_of(value: Any) -> Any:
    """The date of a parsed DATE option, or None when it was not given."""
    return value.date() if value is not None else None


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


@contextmanager
def domain_errors() -> Iterator[None]:
    """Turn service errors into a clear message and exit status 1 — never a traceback."""
    from ctassist.core.errors import DomainError

    try:
        yield
    except DomainError as error:
        lines = [f"Error: {error.message}"]
        lines += [
            f"  - {p.field}{f' (line {p.line})' if p.line else ''}: {p.message}"
            for p in error.problems
            if p.message not in error.message
        ]
        click.echo("\n".join(lines), err=True)
        sys.exit(1)


def file_lines(path: str) -> Iterator[str]:
    """The lines of a UTF-8 text file, decoded one at a time, so that bytes which are not UTF-8
    are refused with the file and the line (a byte-order mark at the start is allowed)."""
    from ctassist.core.errors import InvalidInput

    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise InvalidInput(
                    f"{path}, line {number}: not UTF-8 text (byte 0x{raw[error.start]:02x}, "
                    f"{error.start + 1} bytes into the line). Save the file as UTF-8 and import "
                    "it again."
                ) from None


@contextmanager
def import_lock() -> Iterator[None]:
    """One import at a time on a database (`core.locks`): a second import waits for the first,
    and says so, instead of failing on the rows the first is writing."""
    from django.db import connection

    from ctassist.core.locks import named_lock

    db = connection.settings_dict
    identity = f"{connection.vendor}:{db.get('HOST')}:{db.get('PORT')}:{db['NAME']}"
    digest = hashlib.sha256(identity.encode()).hexdigest()[:16]

    def waiting() -> None:
        click.echo("Another import is running on this database; waiting for it to end…", err=True)

    with named_lock(f"import-{digest}", on_wait=waiting):
        yield


class ProgressBar:
    """A click progress bar for one loader: sized by the loader's total, closed when done."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __call__(self, steps: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(
                length=total, label=self.label, file=sys.stderr, show_pos=True
            )
            self.bar.render_progress()
        self.bar.update(steps)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()


def progress_factory(label_of: Callable[[str], str]) -> Callable[[str], Any]:
    """A progress bar per loader on a terminal; nothing when output is not a terminal."""
    if not sys.stderr.isatty():
        return lambda dotted: None
    return lambda dotted: ProgressBar(label_of(dotted))


def print_records(records: Any, fmt: str, columns: list[str] | None = None) -> None:
    from ctassist.core.tabular import render_records

    click.echo(render_records(records, fmt=fmt, columns=columns))


class PlatformGroup(click.Group):
    """The top `ctassist` group: what can fail in any command says what happened in one line,
    with exit status 1, never a traceback (`failure_message`)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as error:
            message = failure_message(error)
            if message is None:
                raise
            click.echo(f"Error: {message}", err=True)
            sys.exit(1)


def failure_message(error: Exception) -> str | None:
    """One line for a failure any command may meet, or None (a bug: its traceback is shown).

    A database never set up points to `ctassist init`; one that cannot be reached or opened, or
    is busy (`core.availability`), is named with the cause; a change the database refused
    (another command wrote the same rows) is named; a file that is not UTF-8, or a disk that is
    full or a file that cannot be written (any `OSError`), is named with its file."""
    from django.db import IntegrityError, OperationalError, ProgrammingError

    from ctassist.core.availability import database_busy, database_unavailable

    cause = " ".join(str(error).split())
    if (isinstance(error, OperationalError) and "no such table" in cause) or (
        isinstance(error, ProgrammingError) and "does not exist" in cause
    ):
        return (
            "the database is not set up yet. Run `ctassist init` (reference data) "
            "or `make run` (reference and demo data) first."
        )
    if database_busy(error):
        return (
            f"the database {_database_named()} is busy: another command is writing to it "
            f"({cause}). Run this one again when it has finished."
        )
    if database_unavailable(error):
        return (
            f"the database {_database_named()} cannot be used: {cause}. "
            "Is it running, and is DATABASE_URL right?"
        )
    if isinstance(error, IntegrityError):
        return (
            f"the database {_database_named()} refused the change: {cause}. "
            "If another command was writing the same records, run this one again."
        )
    if isinstance(error, UnicodeDecodeError):
        return f"a file is not UTF-8 text ({cause}). Save it as UTF-8 and try again."
    if isinstance(error, OSError) and error.errno not in (None, errno.EPIPE):
        reason = error.strerror or cause
        if error.filename is not None:
            return f"{error.filename}: {reason}."
        if _stdout_failed(error):
            return f"writing to standard output: {reason}."
        return f"{reason}."
    return None


def _database_named() -> str:
    """The database, for a message: a SQLite file, or PostgreSQL's host, port and name (never
    the password)."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(db["NAME"])
    return f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{db['NAME']}"


def _stdout_failed(error: OSError) -> bool:
    """Whether `error` was raised writing standard output (`click.echo` to a full disk); if so
    standard output is pointed at the null device, so that the flush at exit cannot fail again
    with a second message."""
    frame = error.__traceback__
    while frame is not None:
        code = frame.tb_frame.f_code
        if code.co_name == "echo" and Path(code.co_filename).parent.name == "click":
            stream = frame.tb_frame.f_locals.get("file")
            try:
                failed = stream is None or stream.fileno() == sys.__stdout__.fileno()  # type: ignore[union-attr]
            except (OSError, ValueError, AttributeError):
                failed = False
            if failed:
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, sys.__stdout__.fileno())  # type: ignore[union-attr]
                os.close(null)
            return failed
        frame = frame.tb_next
    return False
