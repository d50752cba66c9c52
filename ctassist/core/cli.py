"""What every app's console commands share: Django set-up, domain errors, progress bars, output.

Each app owns its commands in `ctassist/<app>/cli.py` (one click group named `group`);
`ctassist/cli.py` gathers them under `ctassist`. Django is imported only when a command runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    """The top `ctassist` group: a command run on a database that was never set up says what to
    do ("run `ctassist init`") instead of printing Django's traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from django.db.utils import OperationalError, ProgrammingError

        try:
            return super().invoke(ctx)
        except (OperationalError, ProgrammingError) as error:
            text = str(error)
            if "no such table" not in text and "does not exist" not in text:
                raise
            click.echo(
                "Error: the database is not set up yet. Run `ctassist init` (reference data) "
                "or `make run` (reference and demo data) first.",
                err=True,
            )
            sys.exit(1)
