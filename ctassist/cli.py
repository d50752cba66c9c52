"""The `ctassist` command: parses arguments, calls services and selectors, prints results.

`DATABASE_URL` selects the database for every command (SQLite under var/ by default).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


@contextmanager
def _domain_errors() -> Iterator[None]:
    """Turn service errors into a clear message and exit status 1 — never a traceback."""
    from ctassist.core.errors import DomainError

    try:
        yield
    except DomainError as error:
        lines = [f"Error: {error.message}"]
        lines += [
            f"  - {p.field}{f' (line {p.line})' if p.line else ''}: {p.message}"
            for p in error.problems
            if p.message not in error.message
        ]
        click.echo("\n".join(lines), err=True)
        sys.exit(1)


class _Bar:
    """A click progress bar for one loader: sized by the loader's total, closed when done."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __call__(self, steps: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(
                length=total, label=self.label, file=sys.stderr, show_pos=True
            )
            self.bar.render_progress()
        self.bar.update(steps)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()


def _progress_factory(label_of: Callable[[str], str]) -> Callable[[str], Any]:
    """A progress bar per loader on a terminal; nothing when output is not a terminal."""
    if not sys.stderr.isatty():
        return lambda dotted: None
    return lambda dotted: _Bar(label_of(dotted))


def _print(records: Any, fmt: str, columns: list[str] | None = None) -> None:
    from ctassist.core.tabular import render_records

    click.echo(render_records(records, fmt=fmt, columns=columns))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """ctassist — counter-terrorism criminal justice platform."""
    _django_setup()
    from django.conf import settings
    from django.utils import translation

    # Messages in the site's language (commands that write documents take --language).
    translation.activate(settings.LANGUAGE_CODE)


def _init() -> None:
    from ctassist.core.setup import platform_migrate, reference_data_load

    click.echo("Applying database migrations…", err=True)
    platform_migrate()
    for step in reference_data_load(
        progress_factory=_progress_factory(lambda d: f"Reference data: {d.split('.')[1]}")
    ):
        click.echo(f"Reference data loaded: {step.name.split('.')[1]} ({step.result})", err=True)


@main.command()
def init() -> None:
    """Migrate the database and load the reference data (idempotent)."""
    with _domain_errors():
        _init()


@main.command()
def demo() -> None:
    """`init`, then load the generated demo data set and demo users (idempotent)."""
    from ctassist.accounts.demo import demo_password
    from ctassist.core.setup import demo_data_load

    with _domain_errors():
        _init()
        for step in demo_data_load(
            progress_factory=_progress_factory(lambda d: f"Demo data: {d.split('.')[1]}")
        ):
            click.echo(f"Demo data loaded: {step.name.split('.')[1]}", err=True)
    from ctassist.accounts.demo import DEMO_USERS

    click.echo(
        "Demo users (generated demo data): "
        + ", ".join(username for username, _role, _countries in DEMO_USERS)
        + f"\nDemo administrator login: demo-admin / {demo_password()}"
        + "\nThe same password signs in every demo user."
    )


@main.command()
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--prod", is_flag=True, help="Run gunicorn, one worker per core.")
def serve(port: int, host: str, prod: bool) -> None:
    """Serve the platform (development server, or gunicorn with --prod)."""
    from django.core.management import call_command

    if not prod:
        call_command("runserver", f"{host}:{port}", use_reloader=False)
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    workers = os.cpu_count() or 1
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        "*",
    ]
    click.echo(f"gunicorn on http://{host}:{port} with {workers} workers", err=True)
    os.execv(sys.executable, args)  # noqa: S606 - replaces this process with gunicorn


@main.group()
def users() -> None:
    """User accounts."""


@users.command("create")
@click.argument("name")
@click.option(
    "--role", required=True, type=click.Choice(["practitioner", "analyst", "editor", "admin"])
)
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="ISO3",
    help="A country in the user's scope (repeatable).",
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--email", default="")
@click.option("--organisation", default="")
def users_create(
    name: str,
    role: str,
    countries: tuple[str, ...],
    password_stdin: bool,
    email: str,
    organisation: str,
) -> None:
    """Create a user NAME with a role and countries in scope."""
    from ctassist.accounts.services import user_create

    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    with _domain_errors():
        user = user_create(
            actor=None,
            username=name,
            role=role,
            countries=countries,
            password=password,
            email=email,
            organisation=organisation,
        )
    click.echo(
        f"Created {user.username} ({user.role}; countries: "
        f"{', '.join(sorted(countries)) or 'none'})"
    )


@users.command("token")
@click.argument("name")
@click.option("--label", default="cli", show_default=True, help="A name for the token.")
def users_token(name: str, label: str) -> None:
    """Issue an API token for NAME and print it (it is shown only once)."""
    from ctassist.accounts.services import token_issue, user_get_by_username

    with _domain_errors():
        token = token_issue(actor=None, user=user_get_by_username(name), name=label)
    click.echo(token)


@users.command("list")
@FORMAT_OPTION
def users_list(fmt: str) -> None:
    """List users with their roles and countries."""
    from ctassist.accounts.models import User

    records = [
        {
            "username": u.username,
            "role": u.role,
            "organisation": u.organisation,
            "countries": sorted(s.code for s in u.countries.all()),
            "active": u.is_active,
        }
        for u in User.objects.prefetch_related("countries")
    ]
    _print(records, fmt, ["username", "role", "countries", "organisation", "active"])


@main.group()
def geo() -> None:
    """States and UN regions."""


@geo.command("states")
@click.option("--region", help="UN M49 region, sub-region or intermediate region code (002).")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["member", "observer", "other", "former", "organisation"]),
    help="Only these kinds (repeatable).",
)
@FORMAT_OPTION
def geo_states(region: str | None, kinds: tuple[str, ...], fmt: str) -> None:
    """List States with codes, region and names in the six UN languages."""
    from ctassist.geo.selectors import state_list

    with _domain_errors():
        states = list(state_list(region=region, kinds=kinds or None))
    records = [
        {
            "code": s.code,
            "iso2": s.iso2,
            "iso3": s.iso3,
            "m49": s.m49,
            "kind": s.kind,
            "name": s.name_en,
            "names": s.names(),
            "region": s.region.name_en if s.region else None,
            "subregion": s.subregion.name_en if s.subregion else None,
            "intermediate_region": s.intermediate_region.name_en if s.intermediate_region else None,
        }
        for s in states
    ]
    _print(records, fmt, ["code", "name", "kind", "region", "subregion"])


@geo.command("regions")
@FORMAT_OPTION
def geo_regions(fmt: str) -> None:
    """List UN M49 regions, sub-regions and intermediate regions."""
    from ctassist.geo.selectors import region_list

    records = [
        {
            "m49": r.m49,
            "level": r.level,
            "name": r.name_en,
            "parent": r.parent.m49 if r.parent else None,
        }
        for r in region_list()
    ]
    _print(records, fmt)


DATE = click.DateTime(formats=["%Y-%m-%d"])


AS_OF_OPTION = click.option("--as-of", type=DATE, help="Date (YYYY-MM-DD); default today.")
BASIS_OPTION = click.option(
    "--basis",
    type=click.Choice(["deposit", "effective"]),
    default="deposit",
    show_default=True,
    help="Party from the date of deposit, or from the date it took effect.",
)


def _day(value: Any) -> Any:
    return value.date() if value is not None else None


@main.group()
def treaties() -> None:
    """Adherence to the 19 universal instruments against terrorism."""


@treaties.command("import")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, readable=True)
)
def treaties_import(paths: tuple[str, ...]) -> None:
    """Import participation CSV files (all or nothing; re-import changes nothing)."""
    from pathlib import Path

    from ctassist.treaties.services import participation_import

    with _domain_errors():
        report = participation_import(actor=None, paths=[Path(p) for p in paths])
    click.echo(f"Imported {report}")


@treaties.command("status")
@click.option("--state", "state_code", required=True, metavar="ISO3")
@AS_OF_OPTION
@BASIS_OPTION
@FORMAT_OPTION
def treaties_status(state_code: str, as_of: Any, basis: str, fmt: str) -> None:
    """A State's status for each of the 19 instruments."""
    from ctassist.treaties.payloads import state_profile_payload
    from ctassist.treaties.selectors import state_profile

    with _domain_errors():
        profile = state_profile(code=state_code, as_of=_day(as_of), basis=basis)
    _print(
        state_profile_payload(profile),
        fmt,
        ["instrument", "status", "party", "action", "date", "effective_date"],
    )


@treaties.command("instrument")
@click.argument("instrument_id")
@AS_OF_OPTION
@BASIS_OPTION
@FORMAT_OPTION
def treaties_instrument(instrument_id: str, as_of: Any, basis: str, fmt: str) -> None:
    """An instrument's parties, signatories, entry into force and threshold."""
    from ctassist.treaties.payloads import instrument_payload
    from ctassist.treaties.selectors import instrument_status

    with _domain_errors():
        payload = instrument_payload(
            instrument_status(code=instrument_id, as_of=_day(as_of), basis=basis)
        )
    if fmt == "json":
        _print(payload, fmt)
        return
    _print(payload["parties"], fmt, ["state", "name", "action", "date", "effective_date"])
    if fmt == "table":
        click.echo(
            f"\n{len(payload['parties'])} parties held; entry into force "
            f"{payload['entry_into_force'] or 'unknown'}; threshold reached by "
            f"{payload['threshold_reached_by'] or 'unknown from the records held'}"
        )


@treaties.command("full-adherence")
@AS_OF_OPTION
@BASIS_OPTION
@FORMAT_OPTION
def treaties_full_adherence(as_of: Any, basis: str, fmt: str) -> None:
    """States party to all 19, in the order they got there."""
    from ctassist.treaties.payloads import full_adherence_payload
    from ctassist.treaties.selectors import full_adherence

    with _domain_errors():
        result = full_adherence(as_of=_day(as_of), basis=basis)
    _print(full_adherence_payload(result), fmt, ["rank", "state", "name", "date"])
    click.echo(
        f"Coverage: the participation records are incomplete, so this list is a lower bound; "
        f"{len(result.near)} States are one or two instruments short in the records held.",
        err=True,
    )


@treaties.command("changes")
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

    with _domain_errors():
        changes = period_changes(start=_day(start), end=_day(end), basis=basis)
    rows = period_payload(changes)
    if fmt == "json":
        _print(rows, fmt)
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
        _print(flat, fmt, ["state", "name", "certain", "instruments"])
    click.echo("\n".join(period_paragraph(changes)), err=True)


@main.group()
def library() -> None:
    """The public legal library: import, search, export."""


@library.command("import")
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

    with _domain_errors(), open(path, encoding="utf-8") as handle:
        report = library_import(
            actor=None,
            lines=handle,
            attachments_dir=Path(attachments_dir) if attachments_dir else None,
        )
    click.echo(f"Imported {report}")


@library.command("search")
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

    with _domain_errors():
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
        _print(payload, fmt)
        return
    _print(payload["results"], fmt, ["id", "type", "country", "language", "date", "title"])
    if fmt == "table":
        click.echo(f"\n{payload['total']} results")


@library.command("export")
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
    with open(out, "w", encoding="utf-8", newline="") as handle:
        handle.write(export_text(chosen, fmt=fmt))
    click.echo(f"Exported {len(chosen)} records to {out}")


@library.command("schema")
def library_schema_command() -> None:
    """Print the JSON Schema of one import line."""
    import json

    from ctassist.library.import_schema import line_schema

    click.echo(json.dumps(line_schema(), indent=2, ensure_ascii=False))


@library.command("alerts")
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
    with _domain_errors():
        report = library_alerts_send(now=now)
    click.echo(
        f"Saved searches checked: {report.searches}; e-mails sent: {report.emails}; "
        f"new records announced: {report.records}"
    )


_today_option = click.option(
    "--today",
    "today_text",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="YYYY-MM-DD (default: today)",
)


@main.group()
def evaluations() -> None:
    """Evaluations: reminders to managers about follow-up plans and overdue actions."""


@evaluations.command("reminders")
@_today_option
def evaluations_reminders_command(today_text: Any) -> None:
    """E-mail evaluation managers (at most once a day each) about a follow-up plan due within a
    week or overdue and actions past their deadline. Run daily from cron."""
    from ctassist.evaluations.services import evaluation_reminders_send

    today = _day(today_text)
    report = evaluation_reminders_send(today=today)
    click.echo(
        f"Evaluations needing attention: {report.evaluations}; e-mails sent: {report.emails}"
    )


@main.group()
def cases() -> None:
    """Case management: back-capture of paper registers."""


@cases.command("reminders")
@_today_option
def cases_reminders_command(today_text: Any) -> None:
    """E-mail each unit member, at most once a day, what needs attention (detainees past the
    legal limit, custody reviews due, hearings soon, their tasks due) — counts and a link only,
    no names. Run daily from cron."""
    from ctassist.cases.services import cases_digest_send

    today = _day(today_text)
    report = cases_digest_send(today=today)
    click.echo(f"Members checked: {report.members}; e-mails sent: {report.emails}")


@cases.command("import")
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

    with _domain_errors():
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


@main.group()
def mla() -> None:
    """International cooperation: check and render requests for mutual legal assistance."""


def _request_load(path: str) -> Any:
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except json.JSONDecodeError as error:
        click.echo(f"Error: {path} is not valid JSON (line {error.lineno}: {error.msg})", err=True)
        sys.exit(1)


@mla.command("check")
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


@mla.command("reminders")
@_today_option
def mla_reminders_command(today_text: Any) -> None:
    """E-mail owners of tracked requests whose deadline is near or past, and of preservations
    at providers ending within two weeks without an MLA request (each at most once a day).
    Run daily from cron."""
    from django.utils import timezone

    from ctassist.eevidence.services import eevidence_reminders_send
    from ctassist.mla.services import mla_reminders_send

    today = _day(today_text) or timezone.localdate()
    tracked = mla_reminders_send(today=today)
    preservations = eevidence_reminders_send(today=today)
    click.echo(
        f"Deadline reminders sent: {tracked}; preservation reminders sent: {preservations.emails}"
    )


@mla.command("schema")
def mla_schema_command() -> None:
    """Print the JSON Schema of a request (the shape; completeness is `mla check`)."""
    import json

    from ctassist.mla.request_format import REQUEST_SCHEMA

    click.echo(json.dumps(REQUEST_SCHEMA, indent=2, ensure_ascii=False))


@mla.command("render")
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
    Path(out).write_bytes(content)
    click.echo(f"Wrote {out} ({len(content):,} bytes)")


@main.group()
def assistance() -> None:
    """Technical assistance: imports, templates and publication to IATI."""


@assistance.command("import")
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

    with _domain_errors():
        report = IMPORTS[what].run(actor=None, rows=rows_from_file(Path(path)))
    click.echo(import_summary(report))


@assistance.command("template")
@click.option("--what", type=click.Choice(["activities", "indicator-values"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True)
def assistance_template_command(what: str, out: str) -> None:
    """Write an empty import sheet (.xlsx) with a second sheet describing its columns."""
    from pathlib import Path

    from ctassist.assistance.imports import IMPORTS
    from ctassist.core.spreadsheets import template_workbook

    kind = IMPORTS[what]
    Path(out).write_bytes(
        template_workbook(
            title=str(kind.title), columns=kind.columns, required=kind.required, notes=kind.notes
        )
    )
    click.echo(f"Wrote {out}")


@assistance.command("export-iati")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True)
@click.option(
    "--reporting-org-ref",
    envvar="CTASSIST_IATI_REPORTING_ORG_REF",
    required=True,
    help="The publisher's IATI organisation identifier (or CTASSIST_IATI_REPORTING_ORG_REF).",
)
@click.option(
    "--reporting-org-name",
    default="United Nations Office on Drugs and Crime",
    show_default=True,
)
def assistance_export_iati_command(
    out: str, reporting_org_ref: str, reporting_org_name: str
) -> None:
    """Publish projects, budgets and results as IATI 2.03 XML; refuses to write a file that
    does not validate against the shared schema or uses an inactive code."""
    from pathlib import Path

    from django.utils import timezone

    from ctassist.assistance.iati import (
        iati_activities,
        iati_codelist_errors,
        iati_schema_errors,
        projects_for_export,
    )

    with _domain_errors():
        content = iati_activities(
            projects_for_export(),
            reporting_ref=reporting_org_ref,
            reporting_name=reporting_org_name,
            now=timezone.now(),
        )
    problems = iati_schema_errors(content) + iati_codelist_errors(content)
    if problems:
        click.echo("Error: the IATI file is not valid:\n  " + "\n  ".join(problems[:20]), err=True)
        sys.exit(1)
    Path(out).write_bytes(content)
    click.echo(f"Wrote {out}: valid IATI 2.03 ({len(content):,} bytes)")


@main.group()
def report() -> None:
    """The periodic report on technical assistance, and its figures."""


PERIOD_OPTIONS = [
    click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), required=True),
    click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), required=True),
]


def _period_options(function: Any) -> Any:
    for option in reversed(PERIOD_OPTIONS):
        function = option(function)
    return function


@report.command("figures")
@_period_options
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table")
def report_figures_command(start: Any, end: Any, fmt: str) -> None:
    """Every figure of the period's report: value, text, rule and query."""
    import json

    from ctassist.reports.figures import period_figures

    figures = period_figures(start.date(), end.date())
    if fmt == "json":
        payload = {
            "period": {"from": start.date().isoformat(), "to": end.date().isoformat()},
            "figures": [f.as_dict() for f in figures.values()],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for figure in figures.values():
            click.echo(f"{figure.name:45} {figure.value!s:>10}  {figure.text}")


@report.command("period")
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
    with _domain_errors():
        content = report_file(start.date(), end.date(), fmt=suffix[1:], language=language)
    Path(out).write_bytes(content)
    click.echo(f"Wrote {out}")


if __name__ == "__main__":
    main()
