"""Networks of central authorities and prosecutors: member States, secretariat and focal
points (handed over, the history kept). Editors and the network's secretariat run them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from ctassist.accounts.models import User
from ctassist.core.access import can_edit_reference_data
from ctassist.core.audit import Actor, audit_write
from ctassist.core.errors import BrokenRule, FieldProblem, PermissionDenied
from ctassist.core.models import AuditEntry
from ctassist.core.services import record_create, record_update
from ctassist.geo.models import State
from ctassist.mla.models import FocalPoint, Network
from ctassist.mla.services.tracking import _state, network_is_secretariat


def network_may_run(actor: Actor, network: Network | None) -> bool:
    """Editors and the network's secretariat keep its members and focal points."""
    return can_edit_reference_data(actor) or network_is_secretariat(actor, network)


def _may_run_network(actor: Actor, network: Network | None) -> None:
    if not network_may_run(actor, network):
        raise PermissionDenied(_("Only editors and the network's secretariat do this."))


def _member_states(members: Iterable[str]) -> tuple[list[str], list[State]]:
    """The member codes, sorted, and their States; every unknown code named in the error."""
    codes = sorted(set(members))
    states = list(State.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {s.code for s in states})
    if unknown:
        raise BrokenRule(
            _("Unknown country."), problems=[FieldProblem("members", c) for c in unknown]
        )
    return codes, states


def network_create(
    *, actor: Actor, code: str, name: str, description: str = "", members: Iterable[str] = ()
) -> Network:
    _may_run_network(actor, None)
    codes, states = _member_states(members)
    with transaction.atomic():
        network = record_create(
            actor=actor, instance=Network(code=code, name=name, description=description)
        )
        network.members.set(states)
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=network,
            after={"members": codes},
            note="members",
        )
    return network


def network_members_set(
    *, actor: Actor, network: Network, expected_version: int, members: Iterable[str]
) -> Network:
    """Replace the member States (editors, secretariat); versioned and audited."""
    _may_run_network(actor, network)
    codes, states = _member_states(members)
    with transaction.atomic():
        before = sorted(network.members.values_list("code", flat=True))
        updated = record_update(
            actor=actor, instance=network, expected_version=expected_version, changes={}
        )
        updated.members.set(states)
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=updated,
            before={"members": before},
            after={"members": codes},
            note="members",
        )
    return updated


def network_secretariat_add(
    *, actor: Actor, network: Network, user: User | None = None, username: str = ""
) -> Network:
    """Give a user (or the user named `username`) the network's secretariat role (editors):
    they then see the requests the network facilitates and record its help. Audited. The right
    is checked before the name is looked up, so no one else learns which user names exist."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied(_("Only editors name a network's secretariat."))
    if user is None:
        user = User.objects.filter(username=username.strip()).first()
        if user is None:
            raise BrokenRule(
                _("No user with this name."), problems=[FieldProblem("username", "unknown")]
            )
    with transaction.atomic():
        network.secretariat.add(user)
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=network,
            after={"secretariat_added": user.pk},
            note="secretariat",
        )
    return network


def focal_point_hand_over(
    *,
    actor: Actor,
    network: Network,
    state_code: str,
    function: str,
    name: str,
    start: dt.date,
    email: str = "",
    user: User | None = None,
) -> FocalPoint:
    """A new focal point for a member State from `start`; the current one (if any) ends the
    day before, and stays in the history."""
    _may_run_network(actor, network)
    state = _state(state_code, "state")
    if not network.members.filter(pk=state.pk).exists():
        raise BrokenRule(
            _("This State is not a member of the network."),
            problems=[FieldProblem("state", state_code)],
        )
    with transaction.atomic():
        current = (
            FocalPoint.objects.select_for_update()
            .filter(network=network, state=state, function=function, end__isnull=True)
            .first()
        )
        if current is not None:
            if start <= current.start:
                raise BrokenRule(
                    _("The new focal point must start after the current one."),
                    problems=[FieldProblem("start", _("on or before the current start"))],
                )
            record_update(
                actor=actor,
                instance=current,
                expected_version=current.version,
                changes={"end": start - dt.timedelta(days=1)},
                note="handed over",
            )
        return record_create(
            actor=actor,
            instance=FocalPoint(
                network=network,
                state=state,
                function=function,
                name=name,
                email=email,
                user=user,
                start=start,
            ),
        )
