"""The one write another app may make into accounts (a public entry point, listed in
`public` of the boundary contract in pyproject.toml): the account of a learner whose
registration the learning office approved. It goes through `user_create`, so the account is
made and audited like any other."""

from __future__ import annotations

from ctassist.accounts.models import User
from ctassist.accounts.services import user_create
from ctassist.core.access import Role
from ctassist.core.audit import Actor


def learner_account_create(*, actor: Actor, email: str, full_name: str) -> User:
    """A practitioner account named by its email, with no country in scope (it sees no case,
    prisoner or request records) and no password until the learner sets one through the link
    they are sent. Refused (InvalidInput) if the name is taken."""
    user = user_create(actor=actor, username=email, role=Role.PRACTITIONER.value, email=email)
    user.first_name = full_name[:150]
    user.save(update_fields=["first_name"])
    return user
