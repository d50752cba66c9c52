"""`ctassist report`: the periodic report and its figures."""

from __future__ import annotations

from typing import Any

import click

from ctassist.core.cli import DATE, domain_errors
from ctassist.core.outputs import output_write


@click.group(name="report")
def group() -> None:
    """The periodic report on technical assistance, and its figures."""


PERIOD_OPTIONS = [
    click.option("--from", "start", type=DATE, required=True),
    click.option("--to", "end", type=DATE, required=True),
]


def _period_options(function: Any) -> Any:
    for option in reversed(PERIOD_OPTIONS):
        function = option(function)
    return function


@group.command("figures")
@_period_options
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table")
def report_figures_command(start: Any, end: Any, fmt: str) -> None:
    """Every figure of the period's report (every number its text prints): value, text, rule
    and query."""
    import json

    from django.utils import translation

    from ctassist.reports.document import report_build

    with translation.override("en"):
        figures = report_build(start.date(), end.date()).figures
    if fmt == "json":
        payload = {
            "period": {"from": start.date().isoformat(), "to": end.date().isoformat()},
            "figures": [f.as_dict() for f in figures.values()],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for figure in figures.values():
            click.echo(f"{figure.name:45} {figure.value!s:>10}  {figure.text}")


@group.command("period")
@_period_options
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True)
@click.option("--language", default="en", show_default=True, help="ar, zh-hans, en, fr, ru, es")
def report_period_command(start: Any, end: Any, out: str, language: str) -> None:
    """Write the periodic report (.docx, .pdf or .html), figures listed in its annex."""
    from pathlib import Path

    from ctassist.reports.document import report_file

    suffix = Path(out).suffix.lower()
    if suffix not in (".docx", ".pdf", ".html"):
        raise click.BadParameter("the output must end in .docx, .pdf or .html", param_hint="--out")
    if end < start:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    with domain_errors():
        content = report_file(start.date(), end.date(), fmt=suffix[1:], language=language)
    output_write(out, content)
    click.echo(f"Wrote {out}")
