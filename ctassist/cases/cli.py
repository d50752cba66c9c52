"""`ctassist cases`: the daily digest to unit members; back-capture of paper registers."""

from __future__ import annotations

from typing import Any

import click

from ctassist.core.cli import TODAY_OPTION, day_of, domain_errors


@click.group(name="cases")
def group() -> None:
    """Case management: back-capture of paper registers."""


@group.command("reminders")
@TODAY_OPTION
def cases_reminders_command(today_text: Any) -> None:
    """E-mail each unit member, at most once a day, what needs attention (detainees past the
    legal limit, custody reviews due, hearings soon, their tasks due) — counts and a link only,
    no names. Run daily from cron."""
    from ctassist.cases.services import cases_digest_send

    today = day_of(today_text)
    report = cases_digest_send(today=today)
    click.echo(f"Members checked: {report.members}; e-mails sent: {report.emails}")


@group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--unit", "unit_code", required=True, help="The unit's code (e.g. demo-nga-ctpu).")
@click.option(
    "--attachments",
    "scans_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Folder of scanned files named in the 'scan' column.",
)
def cases_import_command(path: str, unit_code: str, scans_dir: str | None) -> None:
    """Back-capture a register (CSV or XLSX, docs/cases-backcapture.md): every row is checked
    and every problem listed with its row and column; nothing is written unless all are right."""
    from pathlib import Path

    from ctassist.cases.backcapture import cases_backcapture
    from ctassist.cases.models import Unit
    from ctassist.core.errors import NotFound
    from ctassist.core.spreadsheets import rows_from_file

    with domain_errors():
        unit = Unit.objects.filter(code=unit_code).first()
        if unit is None:
            raise NotFound(f"No unit {unit_code!r}")
        report = cases_backcapture(
            actor=None,
            unit=unit,
            rows=rows_from_file(Path(path)),
            scans_dir=Path(scans_dir) if scans_dir else None,
        )
    click.echo(
        f"Imported into {unit.name}: {report.cases} cases, {report.persons} accused, "
        f"{report.charges} charges, {report.scans} scanned files"
    )
