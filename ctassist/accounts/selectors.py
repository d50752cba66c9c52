"""Reads of user accounts. Accounts are personal data: reads are scoped and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ctassist.accounts.models import ApiToken, User
from ctassist.core.access import Role, restrict_to_country_scope, user_role
from ctassist.core.audit import audit_reads
from ctassist.core.errors import NotFound


def user_list_for(*, user: Any) -> QuerySet[User]:
    """Colleagues: the users who share at least one country with the caller (admins: all).
    Anonymous callers see none."""
    if user_role(user) is Role.PUBLIC:
        return User.objects.none()
    users = User.objects.prefetch_related("countries").order_by("username")
    return restrict_to_country_scope(users, user=user, country_field="countries")


def user_directory_for(*, user: Any) -> list[User]:
    """user_list_for, evaluated, with the read logged."""
    users = list(user_list_for(user=user))
    audit_reads(actor=user, instances=users, note="user directory")
    return users


def user_get_for(*, user: Any, username: str) -> User:
    found = user_list_for(user=user).filter(username=username).first()
    if found is None and getattr(user, "username", None) == username:
        found = User.objects.prefetch_related("countries").get(pk=user.pk)
    if found is None:
        raise NotFound(f"No user named {username!r}")
    audit_reads(actor=user, instances=[found])
    return found


def tokens_of(*, user: Any) -> QuerySet[ApiToken]:
    """A user's API tokens, newest first (never their secret: only a prefix is stored)."""
    if user_role(user) is Role.PUBLIC:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def token_get_for(*, user: Any, prefix: str) -> ApiToken:
    """One of the caller's own tokens by its prefix; `user=None` (the operator at the CLI):
    anyone's."""
    tokens = ApiToken.objects.select_related("user").filter(prefix=prefix)
    if user is not None:
        tokens = tokens.filter(user=user) if user_role(user) is not Role.PUBLIC else tokens.none()
    found = tokens.first()
    if found is None:
        raise NotFound(f"No token {prefix!r}")
    return found


def token_state(token: ApiToken, *, now: dt.datetime | None = None) -> str:
    """'active', 'expired' or 'revoked'."""
    if token.revoked_at is not None:
        return "revoked"
    return "expired" if token.expires_at <= (now or timezone.now()) else "active"
