"""`ctassist travel`: receive messages (files, or a queue folder), run retention, manage PIUs.

Commands run as the platform itself (the audit trail says "system")."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import click

from ctassist.core.cli import TODAY_OPTION, day_of, domain_errors, import_lock

UNIT_OPTION = click.option(
    "--unit",
    "unit_code",
    default=None,
    help="The receiving passenger information unit's code (default: the only one).",
)


@click.group(name="travel")
def group() -> None:
    """Travel data: API (PAXLST) and PNR (PNRGOV) messages for passenger information units."""


def _ingest_file(path: Path, unit_code: str | None) -> dict[str, Any]:
    from ctassist.core.stored_files import upload_size_check
    from ctassist.travel.services import message_ingest

    upload_size_check("travel message", path.stat().st_size)
    result = message_ingest(actor=None, raw=path.read_bytes(), name=path.name, unit=unit_code)
    return {**result.as_dict(str(path)), "repeated": result.repeated, "hits": result.hits}


@group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json")
@UNIT_OPTION
def import_(files: tuple[str, ...], fmt: str, unit_code: str | None) -> None:
    """Receive message files (PAXLST, PNRGOV, or the JSON and CSV forms). Prints per file
    {"file", "kind", "flights", "travellers", "problems": [{"segment", "message"}]}. A file
    that cannot be read at all is refused with the segment at fault and nothing is written
    for it; files before it stay received."""
    contract = ("file", "kind", "flights", "travellers", "problems")
    with domain_errors(), import_lock():
        for name in files:
            report = _ingest_file(Path(name), unit_code)
            if report["repeated"]:
                click.echo(f"{name}: already received; recognised, not stored again.", err=True)
            if fmt == "json":
                click.echo(json.dumps({key: report[key] for key in contract}, ensure_ascii=False))
            else:
                click.echo(
                    f"{name}\t{report['kind']}\tflights: {report['flights']}\t"
                    f"travellers: {report['travellers']}\tproblems: {len(report['problems'])}\t"
                    f"hits: {report['hits']}"
                )


@group.command("watch")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@UNIT_OPTION
@click.option("--once", is_flag=True, help="Take what is there now, then stop.")
@click.option("--interval", type=float, default=5.0, show_default=True, help="Seconds.")
def watch(folder: str, unit_code: str | None, once: bool, interval: float) -> None:
    """The queue folder: every file dropped in FOLDER is received, then moved to FOLDER/done
    (or FOLDER/failed, with a .txt beside it saying why). Files whose name starts with a dot
    are still being written and are left alone."""
    from ctassist.core.errors import DomainError

    base = Path(folder)
    done, failed = base / "done", base / "failed"
    done.mkdir(exist_ok=True)
    failed.mkdir(exist_ok=True)
    while True:
        for path in sorted(p for p in base.iterdir() if p.is_file()):
            if path.name.startswith("."):
                continue
            try:
                with import_lock():
                    report = _ingest_file(path, unit_code)
            except DomainError as error:
                shutil.move(str(path), failed / path.name)
                why = [
                    error.message,
                    *(f"{p.field} {p.line or ''}: {p.message}" for p in error.problems),
                ]
                (failed / f"{path.name}.txt").write_text("\n".join(why) + "\n", encoding="utf-8")
                click.echo(json.dumps({"file": path.name, "failed": error.message}), err=True)
                continue
            shutil.move(str(path), done / path.name)
            click.echo(
                json.dumps(
                    {k: report[k] for k in ("file", "kind", "flights", "travellers", "problems")}
                )
            )
        if once:
            return
        time.sleep(interval)


@group.command("retention")
@TODAY_OPTION
def retention(today_text: Any) -> None:
    """Depersonalise and delete by the rules (run daily). Prints the counts."""
    from ctassist.travel.services import travel_retention

    with domain_errors(), import_lock():
        report = travel_retention(today=day_of(today_text))
    click.echo(json.dumps(report.as_dict()))


@group.command("unit")
@click.argument("code")
@click.option("--name", required=True)
@click.option("--country", required=True, help="The State (ISO alpha-3 code or name).")
def unit(code: str, name: str, country: str) -> None:
    """Create or rename a passenger information unit."""
    from ctassist.geo.selectors import state_resolve
    from ctassist.travel.services import unit_save

    with domain_errors():
        saved = unit_save(actor=None, code=code, name=name, country=state_resolve(country))
    click.echo(f"{saved.code}\t{saved.name}\t{saved.country.code}")


@group.command("member")
@click.argument("code")
@click.argument("username")
@click.option("--remove", is_flag=True, help="Take the user out of the unit.")
@click.option(
    "--approver/--no-approver",
    default=None,
    help="Give or take the second role: approving re-personalisation.",
)
def member(code: str, username: str, remove: bool, approver: bool | None) -> None:
    """Add a user to a passenger information unit (or remove them)."""
    from ctassist.core.errors import NotFound
    from ctassist.travel.models import Unit
    from ctassist.travel.services import member_set

    with domain_errors():
        found = Unit.objects.filter(code=code).first()
        if found is None:
            raise NotFound(f"No passenger information unit {code!r}")
        member_set(actor=None, unit=found, username=username, member=not remove, approver=approver)
    click.echo(f"{username}\t{code}\t{'removed' if remove else 'member'}")
