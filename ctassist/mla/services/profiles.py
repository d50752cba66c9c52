"""Requested-State profiles: what a State accepts (languages, channels, electronic
transmission, double criminality, use limitations), kept by editors and stamped as verified."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.accounts.models import User
from ctassist.core.access import can_edit_reference_data
from ctassist.core.audit import Actor
from ctassist.core.errors import BrokenRule, FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.services import record_create, record_update
from ctassist.geo.models import State
from ctassist.mla.models import RequestedStateProfile

PROFILE_FIELDS = {
    "accepted_languages",
    "channels",
    "electronic_transmission",
    "double_criminality",
    "use_limitations",
    "special_requirements",
}


def profile_save(
    *, actor: Actor, state_code: str, expected_version: int | None, changes: dict[str, Any]
) -> RequestedStateProfile:
    """Create or update a requested-State profile (editors and admins), stamped as verified by
    the actor today; a stale version conflicts."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied(_("Only editors maintain requested-State profiles."))
    unknown = sorted(set(changes) - PROFILE_FIELDS)
    if unknown:
        raise InvalidInput(
            _("Unknown profile fields."),
            problems=[FieldProblem(name, "unknown field") for name in unknown],
        )
    state = State.objects.filter(code=state_code).first()
    if state is None:
        raise BrokenRule(_("Unknown country."), problems=[FieldProblem("state", state_code)])
    stamp = {
        "last_verified": timezone.localdate(),
        "verified_by": actor if isinstance(actor, User) else None,
    }
    existing = RequestedStateProfile.objects.filter(state=state).first()
    if existing is not None and expected_version is None:
        raise BrokenRule(
            _("This State has a profile: give the version you are changing."),
            problems=[FieldProblem("version", "required")],
        )
    if existing is None:
        return record_create(
            actor=actor, instance=RequestedStateProfile(state=state, **changes, **stamp)
        )
    return record_update(
        actor=actor,
        instance=existing,
        expected_version=expected_version or 0,
        changes={**changes, **stamp},
    )
