"""The `ctassist` command: the global commands, and each app's group from `<app>/cli.py`.

`DATABASE_URL` selects the database for every command (SQLite under var/ by default).
Shared plumbing (Django set-up, errors, progress, output) lives in `ctassist/core/cli.py`.
"""

from __future__ import annotations

from typing import Any

import click

from ctassist.accounts.cli import group as users
from ctassist.assistance.cli import group as assistance
from ctassist.cases.cli import group as cases
from ctassist.core.backup_cli import backup_command, restore_command
from ctassist.core.cli import (
    TODAY_OPTION,
    PlatformGroup,
    day_of,
    django_setup,
    domain_errors,
    progress_factory,
)
from ctassist.core.media_cli import group as media
from ctassist.core.serve_cli import serve_command
from ctassist.evaluations.cli import group as evaluations
from ctassist.geo.cli import group as geo
from ctassist.learning.cli import group as learning
from ctassist.library.cli import group as library
from ctassist.mla.cli import group as mla
from ctassist.prisons.cli import group as prisons
from ctassist.reports.cli import group as report
from ctassist.screening.cli import group as screening
from ctassist.travel.cli import group as travel
from ctassist.treaties.cli import group as treaties


@click.group(cls=PlatformGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """ctassist — counter-terrorism criminal justice platform."""
    django_setup()
    from django.conf import settings
    from django.utils import translation

    # Messages in the site's language (commands that write documents take --language).
    translation.activate(settings.LANGUAGE_CODE)


def _init() -> None:
    from ctassist.core.setup import platform_migrate, reference_data_load

    click.echo("Applying database migrations…", err=True)
    platform_migrate()
    for step in reference_data_load(
        progress_factory=progress_factory(lambda d: f"Reference data: {d.split('.')[1]}")
    ):
        click.echo(f"Reference data loaded: {step.name.split('.')[1]} ({step.result})", err=True)


@main.command()
def init() -> None:
    """Migrate the database and load the reference data (idempotent)."""
    with domain_errors():
        _init()


@main.command()
@click.option("--on-real-data", is_flag=True, help="Add the demo beside real users' data.")
def demo(on_real_data: bool) -> None:
    """`init`, then load the generated demo data set and demo users (idempotent)."""
    from ctassist.accounts.demo import demo_password, real_usernames
    from ctassist.core.setup import demo_data_load

    with domain_errors():
        _init()
        if (real := real_usernames()) and not on_real_data:
            raise click.ClickException(
                f"This database has real users ({', '.join(real[:3])}…): the demo would add "
                "users who share one known password. Use a database of its own, or pass "
                "--on-real-data."
            )
        for step in demo_data_load(
            progress_factory=progress_factory(lambda d: f"Demo data: {d.split('.')[1]}")
        ):
            click.echo(f"Demo data loaded: {step.name.split('.')[1]}", err=True)
    from ctassist.accounts.demo import DEMO_USERS

    click.echo(
        "Demo users (generated demo data): "
        + ", ".join(username for username, _role, _countries in DEMO_USERS)
        + f"\nDemo administrator login: demo-admin / {demo_password()}"
        + "\nThe same password signs in every demo user."
    )


@mla.command("reminders")
@TODAY_OPTION
def mla_reminders_command(today_text: Any) -> None:
    """E-mail owners of tracked requests whose deadline is near or past, and of preservations
    at providers ending within two weeks without an MLA request (each at most once a day).
    Run daily from cron."""
    # Here rather than in mla/cli.py: it also runs the eevidence app's reminders service.
    from django.utils import timezone

    from ctassist.eevidence.services import eevidence_reminders_send
    from ctassist.mla.services import mla_reminders_send

    today = day_of(today_text) or timezone.localdate()
    tracked = mla_reminders_send(today=today)
    preservations = eevidence_reminders_send(today=today)
    click.echo(
        f"Deadline reminders sent: {tracked}; preservation reminders sent: {preservations.emails}"
    )


for group in (
    users,
    geo,
    treaties,
    library,
    evaluations,
    cases,
    mla,
    assistance,
    screening,
    travel,
    prisons,
    learning,
    report,
    media,
):
    main.add_command(group)
for command in (serve_command, backup_command, restore_command):
    main.add_command(command)


if __name__ == "__main__":
    main()
