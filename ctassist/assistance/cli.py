"""`ctassist assistance`: import sheets, their templates, and the IATI export."""

from __future__ import annotations

import sys

import click

from ctassist.core.cli import domain_errors, import_lock
from ctassist.core.outputs import output_write


@click.group(name="assistance")
def group() -> None:
    """Technical assistance: imports, templates and publication to IATI."""


@group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option(
    "--what",
    type=click.Choice(["activities", "indicator-values"]),
    default="activities",
    show_default=True,
    help="activities with participants, or indicator targets and actual values",
)
def assistance_import_command(path: str, what: str) -> None:
    """Import a field office's sheet (CSV or XLSX, docs/assistance-import.md): every problem
    listed by row and column; nothing written unless all rows are right."""
    from pathlib import Path

    from ctassist.assistance.imports import IMPORTS, import_summary
    from ctassist.core.spreadsheets import rows_from_file

    with domain_errors(), import_lock():
        report = IMPORTS[what].run(actor=None, rows=rows_from_file(Path(path)))
    click.echo(import_summary(report))


@group.command("template")
@click.option("--what", type=click.Choice(["activities", "indicator-values"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True)
def assistance_template_command(what: str, out: str) -> None:
    """Write an empty import sheet (.xlsx) with a second sheet describing its columns."""

    from ctassist.assistance.imports import IMPORTS
    from ctassist.core.spreadsheets import template_workbook

    kind = IMPORTS[what]
    output_write(
        out,
        template_workbook(
            title=str(kind.title), columns=kind.columns, required=kind.required, notes=kind.notes
        ),
    )
    click.echo(f"Wrote {out}")


@group.command("export-iati")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True)
@click.option(
    "--reporting-org-ref",
    default=None,
    help=(
        "The publisher's IATI organisation identifier, e.g. GB-COH-01234567 "
        "(default: the setting CTASSIST_IATI_REPORTING_ORG_REF)."
    ),
)
@click.option(
    "--reporting-org-name",
    default="United Nations Office on Drugs and Crime",
    show_default=True,
)
def assistance_export_iati_command(
    out: str, reporting_org_ref: str | None, reporting_org_name: str
) -> None:
    """Publish projects, budgets and results as IATI 2.03 XML; refuses to write a file that
    does not validate against the shared schema or uses an inactive code."""

    from django.conf import settings
    from django.utils import timezone

    from ctassist.assistance.iati import (
        iati_activities,
        iati_codelist_errors,
        iati_schema_errors,
        projects_for_export,
    )

    with domain_errors():
        content = iati_activities(
            projects_for_export(),
            reporting_ref=reporting_org_ref or settings.IATI_REPORTING_ORG_REF,
            reporting_name=reporting_org_name,
            now=timezone.now(),
        )
    problems = iati_schema_errors(content) + iati_codelist_errors(content)
    if problems:
        click.echo("Error: the IATI file is not valid:\n  " + "\n  ".join(problems[:20]), err=True)
        sys.exit(1)
    output_write(out, content)
    click.echo(f"Wrote {out}: valid IATI 2.03 ({len(content):,} bytes)")
