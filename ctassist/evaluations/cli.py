"""`ctassist evaluations`: the daily reminders to evaluation managers."""

from __future__ import annotations

from typing import Any

import click

from ctassist.core.cli import TODAY_OPTION, day_of


@click.group(name="evaluations")
def group() -> None:
    """Evaluations: reminders to managers about follow-up plans and overdue actions."""


@group.command("reminders")
@TODAY_OPTION
def evaluations_reminders_command(today_text: Any) -> None:
    """E-mail evaluation managers (at most once a day each) about a follow-up plan due within a
    week or overdue and actions past their deadline. Run daily from cron."""
    from ctassist.evaluations.services import evaluation_reminders_send

    today = day_of(today_text)
    report = evaluation_reminders_send(today=today)
    click.echo(
        f"Evaluations needing attention: {report.evaluations}; e-mails sent: {report.emails}"
    )
