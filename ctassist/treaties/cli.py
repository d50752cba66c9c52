"""`ctassist treaties`: import participation records; status, parties, adherence, changes."""

from __future__ import annotations

from typing import Any

import click

from ctassist.core.cli import DATE, FORMAT_OPTION, day_of, domain_errors, import_lock, print_records

AS_OF_OPTION = click.option("--as-of", type=DATE, help="Date (YYYY-MM-DD); default today.")
BASIS_OPTION = click.option(
    "--basis",
    type=click.Choice(["deposit", "effective"]),
    default="deposit",
    show_default=True,
    help="Party from the date of deposit, or from the date it took effect.",
)


@click.group(name="treaties")
def group() -> None:
    """Adherence to the 19 universal instruments against terrorism."""


@group.command("import")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, readable=True)
)
def treaties_import(paths: tuple[str, ...]) -> None:
    """Import participation CSV files (all or nothing; re-import changes nothing)."""
    from pathlib import Path

    from ctassist.treaties.services import participation_import

    with domain_errors(), import_lock():
        report = participation_import(actor=None, paths=[Path(p) for p in paths])
    click.echo(f"Imported {report}")


@group.command("status")
@click.option("--state", "state_code", required=True, metavar="ISO3")
@AS_OF_OPTION
@BASIS_OPTION
@FORMAT_OPTION
def treaties_status(state_code: str, as_of: Any, basis: str, fmt: str) -> None:
    """A State's status for each of the 19 instruments."""
    from ctassist.treaties.payloads import state_profile_payload
    from ctassist.treaties.selectors import state_profile

    with domain_errors():
        profile = state_profile(code=state_code, as_of=day_of(as_of), basis=basis)
    print_records(
        state_profile_payload(profile),
        fmt,
        ["instrument", "status", "party", "action", "date", "effective_date"],
    )


@group.command("instrument")
@click.argument("instrument_id")
@AS_OF_OPTION
@BASIS_OPTION
@FORMAT_OPTION
def treaties_instrument(instrument_id: str, as_of: Any, basis: str, fmt: str) -> None:
    """An instrument's parties, signatories, entry into force and threshold."""
    from ctassist.treaties.payloads import instrument_payload
    from ctassist.treaties.selectors import instrument_status

    with domain_errors():
        payload = instrument_payload(
            instrument_status(code=instrument_id, as_of=day_of(as_of), basis=basis)
        )
    if fmt == "json":
        print_records(payload, fmt)
        return
    print_records(payload["parties"], fmt, ["state", "name", "action", "date", "effective_date"])
    if fmt == "table":
        click.echo(
            f"\n{len(payload['parties'])} parties held; entry into force "
            f"{payload['entry_into_force'] or 'unknown'}; threshold reached by "
            f"{payload['threshold_reached_by'] or 'unknown from the records held'}"
        )


@group.command("full-adherence")
@AS_OF_OPTION
@BASIS_OPTION
@FORMAT_OPTION
def treaties_full_adherence(as_of: Any, basis: str, fmt: str) -> None:
    """States party to all 19, in the order they got there."""
    from ctassist.treaties.payloads import full_adherence_payload
    from ctassist.treaties.selectors import full_adherence

    with domain_errors():
        result = full_adherence(as_of=day_of(as_of), basis=basis)
    print_records(full_adherence_payload(result), fmt, ["rank", "state", "name", "date"])
    click.echo(
        f"Coverage: the participation records are incomplete, so this list is a lower bound; "
        f"{len(result.near)} States are one or two instruments short in the records held.",
        err=True,
    )


@group.command("changes")
@click.option("--from", "start", type=DATE, required=True, help="First day (YYYY-MM-DD).")
@click.option("--to", "end", type=DATE, required=True, help="Last day (YYYY-MM-DD).")
@click.option(
    "--basis",
    type=click.Choice(["deposit", "effective"]),
    default="deposit",
    show_default=True,
    help="Date of deposit, or date of taking effect.",
)
@FORMAT_OPTION
def treaties_changes(start: Any, end: Any, basis: str, fmt: str) -> None:
    """States that became party to at least one instrument in a period."""
    from ctassist.treaties.paragraph import period_paragraph
    from ctassist.treaties.payloads import period_payload
    from ctassist.treaties.selectors import period_changes

    with domain_errors():
        changes = period_changes(start=day_of(start), end=day_of(end), basis=basis)
    rows = period_payload(changes)
    if fmt == "json":
        print_records(rows, fmt)
    else:
        flat = [
            {
                "state": r["state"],
                "name": r["name"],
                "certain": r.get("certain", True),
                "instruments": [
                    f"{i['instrument']} {i['action']} {i['date'] or '?'}" for i in r["instruments"]
                ],
            }
            for r in rows
        ]
        print_records(flat, fmt, ["state", "name", "certain", "instruments"])
    click.echo("\n".join(period_paragraph(changes)), err=True)
