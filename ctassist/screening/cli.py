"""`ctassist screening`: load lists, check a name or a batch, re-screen, name reviewers.

Commands run as the platform itself (the audit trail says "system"); what they screen is
stored like any screening, for review and re-screening."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ctassist.core.cli import domain_errors, import_lock, progress_factory


@click.group(name="screening")
def group() -> None:
    """Sanctions screening against the UN Consolidated List and national watchlists."""


@group.group(name="lists")
def lists_group() -> None:
    """The lists screened against, and their versions."""


def _load_report(report: Any) -> None:
    click.echo(
        f"{report.name}\t{report.generated.isoformat()}\t"
        f"individuals: {report.individuals}\tentities: {report.organizations}"
    )
    if report.already_loaded:
        click.echo("This file was already loaded: no new version.", err=True)
    elif report.first:
        click.echo("The first version of this list.", err=True)
    else:
        click.echo(
            f"Changes from the previous version: {report.added} new, {report.removed} "
            f"de-listed, {report.amended} amended.",
            err=True,
        )


def _rescreen() -> None:
    from ctassist.screening.services import screenings_rescreen

    bar = progress_factory(lambda _d: "Re-screening")("screening")
    report = screenings_rescreen(progress=bar)
    if bar is not None:
        bar.finish()
    click.echo(
        f"Re-screened: {report.screened}; new hits: {report.new_hits}; earlier false "
        f"positives not raised again: {report.suppressed}",
        err=True,
    )


@lists_group.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["un-xml", "csv", "ftm"]),
    default=None,
    help="un-xml (UN Consolidated List), csv (also .xlsx) or ftm (FollowTheMoney JSON lines); "
    "by default from the file's extension.",
)
@click.option("--name", help="The list's name (national lists; default: the file's name).")
@click.option("--no-rescreen", is_flag=True, help="Do not re-screen stored screenings now.")
def lists_load(path: str, fmt: str | None, name: str | None, no_rescreen: bool) -> None:
    """Load a version of a list: prints its name, date and counts. A bad file is refused with
    the line or element at fault and nothing is written. Stored screenings are then checked
    again against the new version (new hits flagged for review)."""
    from ctassist.core.stored_files import upload_size_check
    from ctassist.screening.services import watchlist_load
    from ctassist.screening.watchlists import watchlist_path_kind

    file = Path(path)
    with domain_errors(), import_lock():
        upload_size_check("screening list", file.stat().st_size)
        report = watchlist_load(
            actor=None, path=file, fmt=fmt or watchlist_path_kind(file), name=name
        )
        _load_report(report)
        if not report.already_loaded and not no_rescreen:
            _rescreen()


@lists_group.command("fetch")
@click.option("--url", help="Where to download from (default: CTASSIST_SCREENING_UN_URL).")
@click.option("--no-rescreen", is_flag=True, help="Do not re-screen stored screenings now.")
def lists_fetch(url: str | None, no_rescreen: bool) -> None:
    """Download the live UN Consolidated List and load it as a new version (run daily)."""
    from django.conf import settings

    from ctassist.screening.fetching import un_list_fetch
    from ctassist.screening.services import watchlist_load

    with (
        domain_errors(),
        import_lock(),
        un_list_fetch(url or settings.CTASSIST_SCREENING_UN_URL) as file,
    ):
        report = watchlist_load(actor=None, path=file, fmt="un-xml")
        _load_report(report)
        if not report.already_loaded and not no_rescreen:
            _rescreen()


@lists_group.command("show")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def lists_show(fmt: str) -> None:
    """Every version of every list, newest first, with its changes."""
    from ctassist.core.cli import print_records
    from ctassist.screening.selectors import versions_for

    records = [
        {
            "id": v.pk,
            "list": v.watchlist.name,
            "generated": v.generated.isoformat(),
            "individuals": v.individuals,
            "entities": v.organizations,
            "new": v.added,
            "delisted": v.removed,
            "amended": v.amended,
        }
        for v in versions_for(user=None)
    ]
    print_records(records, fmt)


@group.command("check")
@click.option("--name", required=True, help="The name to check.")
@click.option("--schema", type=click.Choice(["Person", "Organization"]), default=None)
@click.option("--birth-date", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--nationality", help="ISO 3166-1 alpha-2 code.")
@click.option("--threshold", type=float, default=None, help="0–1 (default: the documented one).")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json")
def check(
    name: str,
    schema: str | None,
    birth_date: str | None,
    nationality: str | None,
    threshold: float | None,
    fmt: str,
) -> None:
    """Check one name against the current version of every list. Exit 0 whether or not
    anything matched."""
    from ctassist.screening.payloads import check_out
    from ctassist.screening.services import CheckInput, screening_check

    with domain_errors():
        result = screening_check(
            actor=None,
            given=CheckInput(
                name=name,
                schema=schema,
                birth_date=birth_date,
                nationality=nationality,
                threshold=threshold,
            ),
            source="cli",
        )
        payload = check_out(result)
    if fmt == "json":
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for match in payload["matches"]:
        click.echo(f"{match['score']:.2f}\t{match['ref']}\t{match['name']}\t({match['list']})")
        for item in match["explanation"]:
            click.echo(f"\t{item['feature']}: {item['detail']}")
    if not payload["matches"]:
        click.echo("No match at or above the threshold.")


@group.command("batch")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="Results: .jsonl, .csv or .xlsx, in input order.",
)
def batch(path: str, out: str) -> None:
    """Screen every name of a file (.jsonl, .csv, .xlsx; lines {"id", "name", "schema"?,
    "birth_date"?, "nationality"?}); every line is checked before any is screened."""
    from ctassist.core.outputs import output_file
    from ctassist.screening.batchfiles import batch_format, batch_inputs, batch_write
    from ctassist.screening.payloads import batch_line_out
    from ctassist.screening.services import screening_batch

    source = Path(path)
    target = Path(out)
    with domain_errors():
        out_fmt = batch_format(target)
        bar = progress_factory(lambda _d: "Screening")("batch")
        lines = screening_batch(
            actor=None,
            lines=batch_inputs(source),
            source="batch",
            file_name=source.name,
            progress=bar,
        )
        with output_file(target, text=out_fmt != "xlsx") as handle:
            written = batch_write(handle, out_fmt, (batch_line_out(line) for line in lines))
        if bar is not None:
            bar.finish()
    click.echo(
        f"Results written: {target} ({written} {'lines' if out_fmt == 'jsonl' else 'rows'})",
        err=True,
    )


@group.command("rescreen")
def rescreen() -> None:
    """Check every stored screening again against the current lists (new hits flagged)."""
    with domain_errors():
        _rescreen()


@group.command("reviewer")
@click.argument("username")
@click.option("--remove", is_flag=True, help="Take the reviewer permission away.")
def reviewer(username: str, remove: bool) -> None:
    """Let a user decide screening hits (or no longer)."""
    from ctassist.screening.services import reviewer_set

    with domain_errors():
        reviewer_set(actor=None, username=username, reviewer=not remove)
    click.echo(f"{username}: {'no longer a reviewer' if remove else 'reviewer'}")


if __name__ == "__main__":  # pragma: no cover
    group(sys.argv[1:])
