"""`ctassist library`: import, search and export the legal library; schema; alerts."""

from __future__ import annotations

import click

from ctassist.core.cli import FORMAT_OPTION, domain_errors, file_lines, import_lock, print_records
from ctassist.core.outputs import output_write


@click.group(name="library")
def group() -> None:
    """The public legal library: import, search, export."""


@group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option(
    "--attachments",
    "attachments_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Folder of attached files.",
)
def library_import_command(path: str, attachments_dir: str | None) -> None:
    """Import a JSONL file (docs/import-format.md); the first bad line stops it, nothing written."""
    from pathlib import Path

    from ctassist.library.services import library_import

    shown = _ImportProgress()
    with domain_errors(), import_lock():
        report = library_import(
            actor=None,
            lines=file_lines(path),
            attachments_dir=Path(attachments_dir) if attachments_dir else None,
            progress=shown.written,
            checked=shown.checked,
        )
    click.echo(f"Imported {report}")


class _ImportProgress:
    """Progress of an import on stderr: lines checked, then lines written (a line every
    100,000 when stderr is not a terminal; the counts rewritten in place when it is)."""

    EVERY = 100_000

    def __init__(self) -> None:
        import sys

        self.terminal = sys.stderr.isatty()
        self.done = 0
        self.last_shown = 0

    def _show(self, text: str, count: int, *, final: bool = False) -> None:
        if self.terminal:
            click.echo(f"\r{text}", err=True, nl=final)
        elif final or count - self.last_shown >= self.EVERY:
            click.echo(text, err=True)
            self.last_shown = count

    def checked(self, lines: int) -> None:
        self._show(f"Checked {lines:,} lines", lines)

    def written(self, steps: int, total: int) -> None:
        if steps == 0:
            return
        if self.done == 0:
            self._show(f"Checked {total:,} lines", total, final=True)
            self.last_shown = 0
        self.done += steps
        self._show(f"Written {self.done:,} of {total:,} lines", self.done, final=self.done >= total)


@group.command("reindex")
@click.option("--batch", default=1000, show_default=True, type=click.IntRange(1, 10_000))
def library_reindex_command(batch: int) -> None:
    """Send every record's search document to the configured OpenSearch backend (after
    switching CTASSIST_SEARCH_BACKEND to opensearch, or to rebuild its index)."""
    from ctassist.library.models import SearchDocument
    from ctassist.library.search import DatabaseBackend, IndexDocument, search_backend

    backend = search_backend()
    if isinstance(backend, DatabaseBackend):
        raise click.ClickException(
            "The search backend is the database, which indexes as it writes: nothing to do."
        )
    rows = SearchDocument.objects.order_by("record_id").values_list(
        "record_id", "title_terms", "body_terms"
    )
    sent, chunk = 0, []
    for row in rows.iterator(chunk_size=batch):
        chunk.append(IndexDocument(*row))
        if len(chunk) == batch:
            sent += backend.index(chunk)
            chunk = []
            click.echo(f"Sent {sent:,} records", err=True)
    sent += backend.index(chunk)
    click.echo(f"Reindexed {sent:,} records into {backend.name}")


@group.command("search")
@click.argument("query")
@click.option(
    "--type",
    "record_type",
    type=click.Choice(
        ["legislation", "case", "strategy", "bibliography", "publication", "authority"]
    ),
)
@click.option("--country", metavar="ISO3")
@click.option("--language", metavar="xx")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 500))
@click.option(
    "--sort",
    type=click.Choice(["relevance", "date", "-date"]),
    default="relevance",
    show_default=True,
)
@FORMAT_OPTION
def library_search_command(
    query: str,
    record_type: str | None,
    country: str | None,
    language: str | None,
    limit: int,
    sort: str,
    fmt: str,
) -> None:
    """Search published records (ranked, with facets)."""
    from ctassist.library.payloads import search_payload
    from ctassist.library.search import library_search

    with domain_errors():
        result = library_search(
            query=query,
            filters={
                "type": record_type,
                "country": country.upper() if country else None,
                "language": language,
            },
            sort=sort,
            page_size=limit,
        )
    payload = search_payload(result)
    if fmt == "json":
        print_records(payload, fmt)
        return
    print_records(payload["results"], fmt, ["id", "type", "country", "language", "date", "title"])
    if fmt == "table":
        click.echo(f"\n{payload['total']} results")


@group.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True)
@click.option("--all-statuses", is_flag=True, help="Include drafts and withdrawn records.")
def library_export_command(fmt: str, out: str, all_statuses: bool) -> None:
    """Export the whole corpus (published records unless --all-statuses)."""
    from ctassist.library.models import Record
    from ctassist.library.payloads import export_text

    records = Record.objects.select_related("country").prefetch_related(
        "crime_types", "cross_cutting", "instruments", "provisions__crime_types"
    )
    if not all_statuses:
        records = records.filter(status=Record.Status.PUBLISHED)
    chosen = list(records.order_by("external_id"))
    output_write(out, export_text(chosen, fmt=fmt))
    click.echo(f"Exported {len(chosen)} records to {out}")


@group.command("schema")
def library_schema_command() -> None:
    """Print the JSON Schema of one import line."""
    import json

    from ctassist.library.import_schema import line_schema

    click.echo(json.dumps(line_schema(), indent=2, ensure_ascii=False))


@group.command("alerts")
@click.option(
    "--now",
    "now_text",
    metavar="ISO-DATETIME",
    help="Treat this moment as now (default: the current time).",
)
def library_alerts_command(now_text: str | None) -> None:
    """E-mail users the new records matching their saved searches (run it from cron)."""
    import datetime as dt

    from django.utils import timezone

    from ctassist.library.services import library_alerts_send

    now = None
    if now_text:
        try:
            now = dt.datetime.fromisoformat(now_text)
        except ValueError:
            raise click.BadParameter("an ISO date and time", param_hint="--now") from None
        if timezone.is_naive(now):
            now = timezone.make_aware(now, dt.UTC)
    with domain_errors():
        report = library_alerts_send(now=now)
    click.echo(
        f"Saved searches checked: {report.searches}; e-mails sent: {report.emails}; "
        f"new records announced: {report.records}"
    )
