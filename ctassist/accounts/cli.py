"""`ctassist users`: create user accounts, issue API tokens, list users."""

from __future__ import annotations

import sys

import click

from ctassist.core.cli import FORMAT_OPTION, domain_errors, print_records


@click.group(name="users")
def group() -> None:
    """User accounts."""


@group.command("create")
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
    with domain_errors():
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


@group.command("token")
@click.argument("name")
@click.option("--label", default="cli", show_default=True, help="A name for the token.")
def users_token(name: str, label: str) -> None:
    """Issue an API token for NAME and print it (it is shown only once)."""
    from ctassist.accounts.services import token_issue, user_get_by_username

    with domain_errors():
        token = token_issue(actor=None, user=user_get_by_username(name), name=label)
    click.echo(token)


@group.command("list")
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
    print_records(records, fmt, ["username", "role", "countries", "organisation", "active"])
