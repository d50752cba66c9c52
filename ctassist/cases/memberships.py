"""Writes for a unit's members and their juvenile access (the unit head's, an administrator's,
or an operator's at the command line). One path for the page, the CLI and the admin: every
change is checked here and written with its audit entry.

Rules: only the unit's head or an administrator manages members (the CLI runs as the operator);
a member must have the unit's country in their scope (without it they would see nothing); a
unit keeps at least one head; juvenile access is given to named members, never by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ctassist.accounts.models import User
from ctassist.cases.models import Membership, Unit
from ctassist.core.access import Role, user_role
from ctassist.core.audit import Actor, audit_write, record_snapshot
from ctassist.core.errors import FieldProblem, InvalidInput, NotFound, PermissionDenied
from ctassist.core.models import AuditEntry


@dataclass(frozen=True)
class MembershipChange:
    membership: Membership
    created: bool
    changed: bool


def unit_manager_check(actor: Actor, unit: Unit) -> None:
    """Refuse anyone but the unit's head, an administrator, or the operator (actor None)."""
    if actor is None or user_role(actor) is Role.ADMIN:
        return
    if (
        not isinstance(actor, User)
        or not unit.memberships.filter(user=actor, is_head=True).exists()
    ):
        raise PermissionDenied(_("Only the unit's head or an administrator manages its members."))


def _member_user(username: str, unit: Unit) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise InvalidInput(
            _("No active user %(name)s.") % {"name": username},
            problems=[FieldProblem("user", _("no active user with this name"))],
        )
    if user_role(user) is not Role.ADMIN and not user.countries.filter(pk=unit.country_id).exists():
        raise InvalidInput(
            _("%(name)s's country scope does not include %(country)s: they would see nothing.")
            % {"name": username, "country": unit.country.name},
            problems=[FieldProblem("user", _("the unit's country is not in their scope"))],
        )
    return user


def _keeps_a_head(unit: Unit, leaving: Membership) -> None:
    if (
        leaving.is_head
        and not unit.memberships.filter(is_head=True).exclude(pk=leaving.pk).exists()
    ):
        raise InvalidInput(
            _("A unit keeps at least one head: name another head first."),
            problems=[FieldProblem("is_head", _("the last head of the unit"))],
        )


def membership_save(
    *,
    actor: Actor,
    unit: Unit,
    username: str,
    is_head: bool | None = None,
    juvenile_access: bool | None = None,
) -> MembershipChange:
    """Add `username` to the unit, or change an existing member's head flag or juvenile access
    (a flag left as None keeps its value; a new member starts with neither)."""
    unit_manager_check(actor, unit)
    user = _member_user(username, unit)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(unit=unit, user=user).first()
        if membership is None:
            membership = Membership(
                unit=unit,
                user=user,
                is_head=bool(is_head),
                juvenile_access=bool(juvenile_access),
            )
            try:
                with transaction.atomic():
                    membership.save()
            except IntegrityError:
                raise InvalidInput(
                    _("%(name)s was added to the unit meanwhile; try again.") % {"name": username}
                ) from None
            audit_write(
                actor=actor,
                action=AuditEntry.Action.CREATE,
                instance=membership,
                after=record_snapshot(membership),
                note="unit membership",
            )
            return MembershipChange(membership, created=True, changed=True)
        before = record_snapshot(membership)
        if is_head is False:
            _keeps_a_head(unit, membership)
        changes: dict[str, Any] = {}
        if is_head is not None and is_head != membership.is_head:
            changes["is_head"] = is_head
        if juvenile_access is not None and juvenile_access != membership.juvenile_access:
            changes["juvenile_access"] = juvenile_access
        if not changes:
            return MembershipChange(membership, created=False, changed=False)
        for name, value in changes.items():
            setattr(membership, name, value)
        membership.save(update_fields=list(changes))
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=membership,
            before=before,
            after=record_snapshot(membership),
            note="unit membership",
        )
        return MembershipChange(membership, created=False, changed=True)


def membership_remove(*, actor: Actor, unit: Unit, username: str) -> None:
    """Take `username` out of the unit (their cases stay with the unit)."""
    unit_manager_check(actor, unit)
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .filter(unit=unit, user__username=username)
            .first()
        )
        if membership is None:
            raise NotFound(_("%(name)s is not a member of this unit.") % {"name": username})
        _keeps_a_head(unit, membership)
        audit_write(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            instance=membership,
            before=record_snapshot(membership),
            note="unit membership",
        )
        membership.delete()
