"""`ctassist mla`: check, render and describe requests for mutual legal assistance.

`ctassist mla reminders` also sends the e-evidence reminders, so it is added to this group by
`ctassist/cli.py`, where apps may meet.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from ctassist.core.outputs import output_write


@click.group(name="mla")
def group() -> None:
    """International cooperation: check and render requests for mutual legal assistance."""


def _request_load(path: str) -> Any:
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except json.JSONDecodeError as error:
        click.echo(f"Error: {path} is not valid JSON (line {error.lineno}: {error.msg})", err=True)
        sys.exit(1)


@group.command("check")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option(
    "--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True
)
def mla_check_command(path: str, fmt: str) -> None:
    """Every missing or inconsistent element of a request (docs/mla-request-format.md), with
    advice from the treaty data; exit status 1 when the request is not complete."""
    import json

    from ctassist.mla.checks import request_check

    result = request_check(_request_load(path))
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo("complete" if result.complete else "NOT complete")
        for problem in result.problems:
            click.echo(f"  {problem.severity:7} {problem.field}: {problem.message}")
    if not result.complete:
        sys.exit(1)


@group.command("schema")
def mla_schema_command() -> None:
    """Print the JSON Schema of a request (the shape; completeness is `mla check`)."""
    import json

    from ctassist.mla.request_format import REQUEST_SCHEMA

    click.echo(json.dumps(REQUEST_SCHEMA, indent=2, ensure_ascii=False))


@group.command("render")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True)
def mla_render_command(path: str, out: str) -> None:
    """Merge a complete request into a document ready for signature (.docx or .pdf)."""
    from pathlib import Path

    from ctassist.mla.checks import request_check
    from ctassist.mla.render import request_docx, request_pdf

    data = _request_load(path)
    result = request_check(data)
    if not result.complete:
        click.echo("Error: the request is not complete; run `ctassist mla check`.", err=True)
        for problem in result.problems:
            if problem.severity == "error":
                click.echo(f"  - {problem.field}: {problem.message}", err=True)
        sys.exit(1)
    suffix = Path(out).suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise click.BadParameter("the output must end in .docx or .pdf", param_hint="--out")
    content = request_docx(data) if suffix == ".docx" else request_pdf(data)
    output_write(out, content)
    click.echo(f"Wrote {out} ({len(content):,} bytes)")
