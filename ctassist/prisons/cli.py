"""`ctassist prisons`: back-capture of a register, the population and places in use on a day,
a housing decision, and a prison's staff."""

from __future__ import annotations

from typing import Any

import click

from ctassist.core.cli import DATE, FORMAT_OPTION, day_of, domain_errors, import_lock, print_records


def _prison(code: str) -> Any:
    from ctassist.core.errors import NotFound
    from ctassist.prisons.models import Prison

    found = Prison.objects.filter(code=code).first()
    if found is None:
        raise NotFound(f"No prison {code!r}")
    return found


@click.group(name="prisons")
def group() -> None:
    """Prisons: back-capture of registers, population, housing, staff."""


@group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--prison", "prison_code", required=True, help="The prison's code.")
def prisons_import_command(path: str, prison_code: str) -> None:
    """Back-capture a register (XLSX or CSV, docs/prisons.md): every row is checked — housing
    rules included — and every problem listed with its row and column; nothing is written
    unless all are right."""
    from pathlib import Path

    from ctassist.core.spreadsheets import rows_from_file
    from ctassist.prisons.backcapture import prisons_backcapture

    with domain_errors(), import_lock():
        prison = _prison(prison_code)
        report = prisons_backcapture(actor=None, prison=prison, rows=rows_from_file(Path(path)))
    click.echo(f"Imported into {prison.name}: {report.prisoners} prisoners, {report.housed} housed")


@group.command("population")
@click.option("--prison", "prison_code", default=None, help="One prison (default: all).")
@click.option("--on", "on_text", type=DATE, default=None, help="The day (default: today).")
@FORMAT_OPTION
def prisons_population_command(prison_code: str | None, on_text: Any, fmt: str) -> None:
    """Prisoners held and places in use by security level on a day (figures, no names)."""
    from django.utils import timezone

    from ctassist.prisons.models import Prison
    from ctassist.prisons.selectors import places_in_use_on, population_on

    day = day_of(on_text) or timezone.localdate()
    with domain_errors():
        prisons = [_prison(prison_code)] if prison_code else list(Prison.objects.all())
    counts = population_on(prisons=prisons, day=day)
    records = []
    for prison in prisons:
        places = places_in_use_on(prisons=[prison], day=day)
        records.append(
            {
                "prison": prison.code,
                "on": day.isoformat(),
                "held": counts.get(prison.pk, 0),
                **{f"{level}_in_use": places[level]["in_use"] for level in places},
                **{f"{level}_places": places[level]["places"] for level in places},
            }
        )
    print_records(records, fmt)


@group.command("house")
@click.argument("number")
@click.option("--prison", "prison_code", required=True)
@click.option("--unit", "unit_code", required=True)
@click.option("--cell", "cell_code", required=True)
@click.option("--reason", required=True, help="The reason for this housing decision.")
@click.option("--on", "on_text", type=DATE, default=None, help="From (default: today).")
def prisons_house_command(
    number: str, prison_code: str, unit_code: str, cell_code: str, reason: str, on_text: Any
) -> None:
    """House prisoner NUMBER in a cell (capacity and separation checked, as everywhere)."""
    from django.utils import timezone

    from ctassist.core.errors import NotFound
    from ctassist.prisons.models import Cell, Prisoner
    from ctassist.prisons.services import prisoner_house

    with domain_errors():
        prison = _prison(prison_code)
        prisoner = Prisoner.objects.filter(prison=prison, number=number).first()
        cell = (
            Cell.objects.select_related("unit")
            .filter(unit__prison=prison, unit__code=unit_code, code=cell_code)
            .first()
        )
        if prisoner is None or cell is None:
            raise NotFound("No such prisoner or cell in this prison")
        prisoner_house(
            actor=None,
            prisoner=prisoner,
            expected_version=prisoner.version,
            cell=cell,
            on=day_of(on_text) or timezone.localdate(),
            reason=reason,
        )
    click.echo(f"{number} housed in {unit_code}/{cell_code}")


@group.command("member")
@click.argument("prison_code", metavar="PRISON")
@click.argument("username")
@click.option("--head/--not-head", default=False)
@click.option("--supervisor/--not-supervisor", default=False)
@click.option("--remove", is_flag=True, help="Take the user off the prison's staff.")
def prisons_member_command(
    prison_code: str, username: str, head: bool, supervisor: bool, remove: bool
) -> None:
    """Put USERNAME on PRISON's staff (or take them off)."""
    from ctassist.prisons.services import member_set

    with domain_errors():
        member_set(
            actor=None,
            prison=_prison(prison_code),
            username=username,
            member=not remove,
            head=head,
            supervisor=supervisor,
        )
    click.echo(f"{username} {'removed from' if remove else 'on the staff of'} {prison_code}")
