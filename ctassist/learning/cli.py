"""`ctassist learning`: the platform's figures (¶56) for a period, and a webinar's attendance
from the conferencing service's participant report."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from ctassist.core.cli import DATE, FORMAT_OPTION, day_of, domain_errors, import_lock, print_records
from ctassist.learning.standards import cli as standards_cli


@click.group(name="learning")
def group() -> None:
    """Learning platform: figures, webinar attendance."""


@group.command("stats")
@click.option("--from", "start_text", type=DATE, default=None, help="First day (YYYY-MM-DD).")
@click.option("--to", "end_text", type=DATE, default=None, help="Last day (YYYY-MM-DD).")
@FORMAT_OPTION
def learning_stats_command(start_text: Any, end_text: Any, fmt: str) -> None:
    """Users, countries, courses, course participants, webinars and practitioners trained
    (docs/learning.md defines each), for the period where given."""
    from ctassist.core.errors import InvalidInput
    from ctassist.learning.selectors import learning_statistics

    start, end = day_of(start_text), day_of(end_text)
    with domain_errors():
        if start and end and end < start:
            raise InvalidInput("--to is before --from")
        figures = asdict(learning_statistics(start=start, end=end))
    if fmt == "json":
        click.echo(json.dumps(figures))
    else:
        print_records([figures], fmt)


@group.command("import-attendance")
@click.argument("webinar_id", type=int)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
def learning_import_attendance_command(webinar_id: int, path: str) -> None:
    """Import WEBINAR_ID's attendance from the service's participant report (CSV or XLSX;
    columns in docs/learning.md): re-joins summed, people matched by email, guests made for
    the others. Every problem is listed with its row and column; nothing is written unless
    all rows are right."""
    from ctassist.core.spreadsheets import rows_from_file
    from ctassist.learning.attendance import attendance_import
    from ctassist.learning.selectors import webinar_get

    with domain_errors(), import_lock():
        webinar = webinar_get(webinar_id=webinar_id)
        report = attendance_import(actor=None, webinar=webinar, rows=rows_from_file(Path(path)))
    click.echo(
        f"Attendance of {webinar.code}: {report.people} people, {report.attended} attended, "
        f"{report.guests_created} guests added"
    )


@group.command("course-load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
def learning_course_load_command(path: str) -> None:
    """Load a whole course from its JSON definition (docs/learning.md), in one transaction."""
    from ctassist.core.errors import InvalidInput
    from ctassist.learning.services import course_load

    with domain_errors():
        try:
            definition = json.loads(Path(path).read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            raise InvalidInput(f"{path}: not a JSON course definition ({error})") from None
        if not isinstance(definition, dict):
            raise InvalidInput(f"{path}: a JSON object is expected")
        try:
            course = course_load(actor=None, definition=definition)
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidInput(f"{path}: incomplete course definition ({error!r})") from None
    click.echo(f"Course {course.code} loaded: {course.versions.count()} language versions")


@group.command("webinar")
@click.argument("code")
@click.option("--title", "titles", multiple=True, required=True, help="LANG=TITLE, repeatable.")
@click.option("--language", required=True, help="The language it is held in (e.g. fr).")
@click.option("--start", required=True, help="YYYY-MM-DDTHH:MM, UTC.")
@click.option("--minutes", type=click.IntRange(1, 24 * 60), required=True)
@click.option("--join-url", required=True, help="The conferencing service's link (https).")
@click.option("--threshold", type=click.IntRange(0, 100), default=50, show_default=True)
def learning_webinar_command(
    code: str,
    titles: tuple[str, ...],
    language: str,
    start: str,
    minutes: int,
    join_url: str,
    threshold: int,
) -> None:
    """Schedule webinar CODE (its titles per language, start, duration, join link)."""
    import datetime as dt

    from ctassist.core.errors import InvalidInput
    from ctassist.learning.services import webinar_schedule

    with domain_errors():
        try:
            when = dt.datetime.fromisoformat(start)
        except ValueError:
            raise InvalidInput("--start: YYYY-MM-DDTHH:MM") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        pairs = [t.split("=", 1) for t in titles]
        if any(len(p) != 2 for p in pairs):
            raise InvalidInput("--title: LANG=TITLE")
        webinar = webinar_schedule(
            actor=None,
            code=code,
            titles=dict(pairs),
            language=language,
            start=when,
            duration_minutes=minutes,
            join_url=join_url,
            attendance_threshold=threshold,
        )
    click.echo(f"Webinar {webinar.code} scheduled: id {webinar.pk}")


@group.command("recording")
@click.argument("webinar_id", type=int)
@click.argument("url")
def learning_recording_command(webinar_id: int, url: str) -> None:
    """Link WEBINAR_ID's recording (https) once it has taken place."""
    from ctassist.learning.selectors import webinar_get
    from ctassist.learning.services import webinar_recording_link

    with domain_errors():
        webinar = webinar_get(webinar_id=webinar_id)
        webinar_recording_link(
            actor=None, webinar=webinar, expected_version=webinar.version, recording_url=url
        )
    click.echo(f"Recording of {webinar.code} linked")


# The standards' commands: ctassist/learning/standards/cli.py
group.add_command(standards_cli.xapi)
group.add_command(standards_cli.tools)
