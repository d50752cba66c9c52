"""Writes for accounts: creating users, setting passwords, issuing and checking API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.accounts.forms import PASSWORD_MAX_LENGTH, MaximumLengthValidator
from ctassist.accounts.models import ApiToken, User
from ctassist.core.access import Role, can_manage_users
from ctassist.core.audit import Actor, audit_write, record_snapshot
from ctassist.core.errors import FieldProblem, InvalidInput, NotFound, PermissionDenied
from ctassist.core.models import AuditEntry
from ctassist.geo.selectors import UnknownStateName, state_resolve

TOKEN_PREFIX = "cta_"  # noqa: S105 - a public marker, not a secret


def _validate_role(role: str) -> Role:
    allowed = [r.value for r in Role if r is not Role.PUBLIC]
    if role not in allowed:
        raise InvalidInput(
            f"Unknown role {role!r}: choose one of {', '.join(allowed)}",
            problems=[FieldProblem("role", f"must be one of {', '.join(allowed)}")],
        )
    return Role(role)


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    role: str,
    countries: Iterable[str] = (),
    password: str | None = None,
    email: str = "",
    organisation: str = "",
) -> User:
    """Create a user with a role and countries in scope (ISO alpha-3 codes or names)."""
    problems: list[FieldProblem] = []
    if not username or len(username) > 150:
        problems.append(FieldProblem("username", "is required (at most 150 characters)"))
    elif User.objects.filter(username=username).exists():
        problems.append(FieldProblem("username", f"{username!r} is already taken"))
    states = []
    for country in countries:
        try:
            states.append(state_resolve(country))
        except UnknownStateName as error:
            problems.append(FieldProblem("country", error.message))
    validated_role = None
    try:
        validated_role = _validate_role(role)
    except InvalidInput as error:
        problems.extend(error.problems)
    user = User(
        username=username,
        email=email,
        organisation=organisation,
        role=validated_role or Role.PRACTITIONER,
    )
    if password is not None and len(password) > PASSWORD_MAX_LENGTH:
        problems.append(FieldProblem("password", MaximumLengthValidator().get_help_text()))
    elif password is not None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            problems.extend(FieldProblem("password", message) for message in error.messages)
    if problems:
        raise InvalidInput(
            "; ".join(f"{p.field}: {p.message}" for p in problems), problems=problems
        )
    if validated_role is Role.ADMIN:
        user.is_staff = True
        user.is_superuser = True
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    user.countries.set(states)
    audit_write(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        instance=user,
        after={**record_snapshot(user), "countries": [s.code for s in states]},
    )
    return user


def user_get_by_username(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"No user named {username!r}")
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_issue(*, actor: Actor, user: User, name: str = "cli", days: int | None = None) -> str:
    """Issue a new API token for `user`, valid `days` (default `CTASSIST_TOKEN_DAYS`); returns
    the token, which is stored only as a digest."""
    days = settings.CTASSIST_TOKEN_DAYS if days is None else days
    if not 1 <= days <= settings.CTASSIST_TOKEN_MAX_DAYS:
        raise InvalidInput(
            _("A token lasts from 1 to %(most)d days.")
            % {"most": settings.CTASSIST_TOKEN_MAX_DAYS},
            problems=[FieldProblem("days", str(days))],
        )
    secret = secrets.token_urlsafe(32)
    token = f"{TOKEN_PREFIX}{secret}"
    record = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=token[:10],
        digest=_digest(token),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit_write(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        instance=record,
        after={"user": user.pk, "name": name, "prefix": record.prefix, "days": days},
    )
    return token


def token_revoke(*, actor: Actor, token: ApiToken, why: str = "revoked") -> ApiToken:
    """Revoke one token: its owner or an administrator may. Revoking twice changes nothing."""
    if not isinstance(actor, User) and actor is not None:
        raise PermissionDenied(_("Sign in to revoke a token."))
    if isinstance(actor, User) and actor.pk != token.user_id and not can_manage_users(actor):
        raise NotFound(_("No such token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_why = why
        token.save(update_fields=["revoked_at", "revoked_why"])
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=token,
            after={"prefix": token.prefix, "revoked": why},
        )
    return token


def tokens_revoke_all(*, user: User, why: str) -> int:
    """Revoke every live token of `user` (a password change, a deactivation)."""
    live = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
    for token in live:
        token_revoke(actor=None, token=token, why=why)
    return len(live)


def token_authenticate(token: str) -> User | None:
    """The active user a bearer token belongs to, or None. Records when it was last used (to
    the minute)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    record = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(token), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if record is None or not record.user.is_active:
        return None
    now = timezone.now()
    # At most one write a minute per token: an API read should not cost a write each time.
    if record.last_used_at is None or now - record.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user


def tokens_follow_the_account(sender: object, instance: User, **kwargs: object) -> None:
    """Before a user is saved (by any path: the admin, the CLI, a service): a new password or
    a deactivation revokes every token, so a leaked token dies with the old password."""
    if instance.pk is None or kwargs.get("raw"):
        return
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["password"] != instance.password:
        tokens_revoke_all(user=instance, why="password changed")
    elif before["is_active"] and not instance.is_active:
        tokens_revoke_all(user=instance, why="account deactivated")
