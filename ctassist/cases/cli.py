"""`ctassist cases`: the daily digest to unit members; back-capture of paper registers."""

from __future__ import annotations

from typing import Any

import click

from ctassist.core.cli import (
    FORMAT_OPTION,
    TODAY_OPTION,
    day_of,
    domain_errors,
    import_lock,
    print_records,
)


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

    with domain_errors(), import_lock():
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


@group.group("members")
def members_group() -> None:
    """A unit's members and their juvenile access (every change audited)."""


def _unit(code: str) -> Any:
    from ctassist.cases.selectors import unit_with_members

    return unit_with_members(code=code)[0]


@members_group.command("add")
@click.argument("unit_code", metavar="UNIT")
@click.argument("username")
@click.option("--head/--not-head", default=None, help="Make the member the unit's head, or not.")
@click.option(
    "--juvenile-access/--no-juvenile-access",
    default=None,
    help="Let the member see children's cases, or not.",
)
def members_add_command(
    unit_code: str, username: str, head: bool | None, juvenile_access: bool | None
) -> None:
    """Add USERNAME to UNIT, or change an existing member's flags."""
    from ctassist.cases.memberships import membership_save

    with domain_errors():
        change = membership_save(
            actor=None,
            unit=_unit(unit_code),
            username=username,
            is_head=head,
            juvenile_access=juvenile_access,
        )
    m = change.membership
    state = "added" if change.created else ("changed" if change.changed else "unchanged")
    click.echo(
        f"{username} in {unit_code}: {state} (head: {'yes' if m.is_head else 'no'}, "
        f"juvenile access: {'yes' if m.juvenile_access else 'no'})"
    )


@members_group.command("remove")
@click.argument("unit_code", metavar="UNIT")
@click.argument("username")
def members_remove_command(unit_code: str, username: str) -> None:
    """Take USERNAME out of UNIT (the unit's cases stay)."""
    from ctassist.cases.memberships import membership_remove

    with domain_errors():
        membership_remove(actor=None, unit=_unit(unit_code), username=username)
    click.echo(f"{username} removed from {unit_code}")


@members_group.command("list")
@click.argument("unit_code", metavar="UNIT")
@FORMAT_OPTION
def members_list_command(unit_code: str, fmt: str) -> None:
    """UNIT's members with their head flag and juvenile access."""
    from ctassist.cases.selectors import unit_with_members

    with domain_errors():
        _unit_found, members = unit_with_members(code=unit_code)
    records = [
        {"user": m.user.username, "head": m.is_head, "juvenile_access": m.juvenile_access}
        for m in members
    ]
    print_records(records, fmt, ["user", "head", "juvenile_access"])
