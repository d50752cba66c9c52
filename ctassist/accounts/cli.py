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
@click.option(
    "--days",
    type=int,
    default=None,
    help="How long it lasts (default: the setting CTASSIST_TOKEN_DAYS, 90).",
)
def users_token(name: str, label: str, days: int | None) -> None:
    """Issue an API token for NAME and print it (it is shown only once)."""
    from ctassist.accounts.services import token_issue, user_get_by_username

    with domain_errors():
        token = token_issue(actor=None, user=user_get_by_username(name), name=label, days=days)
    click.echo(token)


@group.command("tokens")
@click.argument("name")
@FORMAT_OPTION
def users_tokens(name: str, fmt: str) -> None:
    """List NAME's API tokens: prefix, label, dates and whether each is active."""
    from ctassist.accounts.selectors import token_state, tokens_of
    from ctassist.accounts.services import user_get_by_username

    with domain_errors():
        user = user_get_by_username(name)
    records = [
        {
            "prefix": t.prefix,
            "label": t.name,
            "created": t.created_at.date().isoformat(),
            "last_used": t.last_used_at.date().isoformat() if t.last_used_at else "",
            "expires": t.expires_at.date().isoformat(),
            "state": token_state(t),
        }
        for t in tokens_of(user=user)
    ]
    print_records(records, fmt, ["prefix", "label", "created", "last_used", "expires", "state"])


@group.command("revoke")
@click.argument("prefix")
def users_revoke(prefix: str) -> None:
    """Revoke the API token whose prefix is PREFIX (as `ctassist users tokens` shows it)."""
    from ctassist.accounts.selectors import token_get_for
    from ctassist.accounts.services import token_revoke

    with domain_errors():
        token = token_revoke(actor=None, token=token_get_for(user=None, prefix=prefix))
    click.echo(f"Revoked {token.prefix}… ({token.name}) of {token.user.username}")


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
