"""`ctassist learning xapi …` (the statement queue to the Learning Record Store) and
`ctassist learning tools …` (external learning systems launched through LTI 1.3)."""

from __future__ import annotations

import json
from typing import Any

import click

from ctassist.core.cli import FORMAT_OPTION, domain_errors, print_records


@click.group(name="xapi")
def xapi() -> None:
    """xAPI statements to the Learning Record Store (CTASSIST_LEARNING_XAPI_ENDPOINT)."""


@xapi.command("send")
@click.option("--batch", type=click.IntRange(1, 500), default=None, help="Statements per request.")
def xapi_send_command(batch: int | None) -> None:
    """Send every queued statement that is due, oldest first; run it from cron. A statement
    that could not be delivered stays queued and is tried again later (1 minute, doubling, at
    most 6 hours); nothing leaves the queue before the LRS has stored it."""
    from ctassist.learning.standards.outbox import lrs_configured, xapi_outbox_send

    if lrs_configured() is None:
        raise click.ClickException(
            "No Learning Record Store is configured: set CTASSIST_LEARNING_XAPI_ENDPOINT "
            "(statements wait in the queue until then)."
        )
    report = xapi_outbox_send(batch=batch)
    click.echo(
        f"sent: {report.sent}\tretry later: {report.retry_later}\trefused: {report.refused}"
        f"\tstill queued: {report.waiting}"
    )
    if report.error:
        click.echo(f"last answer from the LRS: {report.error}", err=True)
    if report.retry_later or report.refused:
        raise SystemExit(1)


@xapi.command("status")
@FORMAT_OPTION
def xapi_status_command(fmt: str) -> None:
    """How many statements are queued, refused by the LRS and sent."""
    from ctassist.learning.standards.outbox import queue_status

    status = queue_status()
    if fmt == "json":
        click.echo(json.dumps(status))
    else:
        print_records([status], fmt)


@xapi.command("retry-refused")
def xapi_retry_refused_command() -> None:
    """Queue again the statements the LRS refused (once the LRS or the data is mended)."""
    from ctassist.learning.standards.outbox import refused_retry

    click.echo(f"queued again: {refused_retry()}")


@click.group(name="tools")
def tools() -> None:
    """External learning systems (LTI 1.3 tools) and the courses they carry."""


@tools.command("add")
@click.argument("name")
@click.option("--login-url", required=True, help="The tool's OIDC login initiation URL.")
@click.option("--launch-url", required=True, help="The tool's launch (target link) URL.")
@click.option("--redirect-uri", "redirect_uris", multiple=True, help="Repeat for each.")
@click.option("--share-name/--no-share-name", default=False, show_default=True)
@click.option("--share-email/--no-share-email", default=False, show_default=True)
def tools_add_command(
    name: str,
    login_url: str,
    launch_url: str,
    redirect_uris: tuple[str, ...],
    share_name: bool,
    share_email: bool,
) -> None:
    """Register tool NAME; prints the client id and deployment id to give its administrator,
    with this platform's issuer, authorization URL and key set URL."""
    from django.conf import settings

    from ctassist.learning.standards.tools import external_tool_register

    with domain_errors():
        tool = external_tool_register(
            actor=None,
            name=name,
            oidc_login_url=login_url,
            launch_url=launch_url,
            redirect_uris=list(redirect_uris),
            share_name=share_name,
            share_email=share_email,
        )
    base = settings.CTASSIST_BASE_URL
    click.echo(
        f"client id\t{tool.client_id}\ndeployment id\t{tool.deployment_id}\nissuer\t{base}\n"
        f"authorization URL\t{base}/lti/authorize/\nkey set URL\t{base}/lti/jwks.json"
    )


@tools.command("link")
@click.argument("course_code")
@click.argument("tool_name")
@click.option("--activity-iri", required=True, help="The xAPI activity id the tool reports.")
@click.option("--target-link-uri", default="", help="The course's own launch URL, if any.")
def tools_link_command(
    course_code: str, tool_name: str, activity_iri: str, target_link_uri: str
) -> None:
    """Say that TOOL_NAME carries the external course COURSE_CODE."""
    from ctassist.learning.selectors import course_get
    from ctassist.learning.standards.tools import external_course_link, tool_get

    with domain_errors():
        link = external_course_link(
            actor=None,
            course=course_get(code=course_code),
            tool=tool_get(name=tool_name),
            activity_iri=activity_iri,
            target_link_uri=target_link_uri,
        )
    click.echo(f"{link.course.code}\t{link.tool.name}\t{link.activity_iri}")


@tools.command("list")
@FORMAT_OPTION
def tools_list_command(fmt: str) -> None:
    """The registered tools and the courses they carry."""
    from ctassist.learning.standards.tools import tools_listed

    records: list[dict[str, Any]] = tools_listed()
    print_records(records, fmt)
