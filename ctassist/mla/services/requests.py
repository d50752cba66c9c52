"""Writes to MLA requests drafted in the platform: create, save a step (versioned: a stale
version conflicts, the text typed is kept by the page), finalise when complete, re-open as a
follow-up. Only users whose countries include the requesting State draft for it."""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ctassist.accounts.models import User
from ctassist.core.access import Role, can_work_on_cases, country_scope, user_role
from ctassist.core.audit import Actor
from ctassist.core.errors import FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.services import record_create, record_update
from ctassist.geo.models import State
from ctassist.mla.checks import request_check
from ctassist.mla.models import MlaRequest


def _may_draft_for(actor: Actor, code: str | None) -> User:
    if not isinstance(actor, User) or not can_work_on_cases(actor):
        raise PermissionDenied(_("Sign in as a practitioner to draft requests."))
    scope = country_scope(actor)
    if scope is not None and code not in scope:
        raise InvalidInput(
            _("You can draft requests only for a State in your scope."),
            problems=[FieldProblem("requesting_state", "not in your scope")],
        )
    return actor


def mla_request_create(*, actor: Actor, requesting_state: str | None = None) -> MlaRequest:
    scope = country_scope(actor) if isinstance(actor, User) else frozenset()
    code = requesting_state or (sorted(scope)[0] if scope else None)
    owner = _may_draft_for(actor, code)
    state = State.objects.filter(code=code).first()
    if state is None:
        raise InvalidInput(
            _("Name the requesting State."),
            problems=[FieldProblem("requesting_state", "required")],
        )
    data = {
        "status": "new",
        "date": timezone.localdate().isoformat(),
        "language": (get_language() or "en")[:2],
        "requesting_state": state.code,
    }
    return record_create(
        actor=actor,
        instance=MlaRequest(owner=owner, requesting_state=state, data=data),
    )


def mla_request_save(
    *, actor: Actor, request: MlaRequest, expected_version: int, data: dict[str, Any]
) -> MlaRequest:
    """Save the whole request document (from one step of the writer, the API or an upload)."""
    code = data.get("requesting_state")
    if user_role(actor) is not Role.ADMIN:
        _may_draft_for(actor, code)
    requesting = State.objects.filter(code=code).first()
    if requesting is None:
        raise InvalidInput(
            _("Name the requesting State."), problems=[FieldProblem("requesting_state", "unknown")]
        )
    requested = State.objects.filter(code=data.get("requested_state") or "").first()
    return record_update(
        actor=actor,
        instance=request,
        expected_version=expected_version,
        changes={
            "data": data,
            "requesting_state": requesting,
            "requested_state": requested,
            "status": MlaRequest.Status.DRAFT,
        },
    )


def mla_request_finalize(*, actor: Actor, request: MlaRequest, expected_version: int) -> MlaRequest:
    result = request_check(request.data)
    if not result.complete:
        raise InvalidInput(
            _("The request is not complete."),
            problems=[
                FieldProblem(p.field, p.message) for p in result.problems if p.severity == "error"
            ],
        )
    return record_update(
        actor=actor,
        instance=request,
        expected_version=expected_version,
        changes={"status": MlaRequest.Status.FINAL},
    )


def mla_request_follow_up(*, actor: Actor, request: MlaRequest) -> MlaRequest:
    """A new draft that continues a finished request: same content, marked as its follow-up."""
    owner = _may_draft_for(actor, request.requesting_state.code)
    data = copy.deepcopy(request.data)
    data.update(
        {
            "status": "follow_up",
            "follow_up_of": request.data.get("reference", ""),
            "date": timezone.localdate().isoformat(),
        }
    )
    data.pop("reference", None)
    with transaction.atomic():
        return record_create(
            actor=actor,
            instance=MlaRequest(
                owner=owner,
                requesting_state=request.requesting_state,
                requested_state=request.requested_state,
                follow_up_of=request,
                data=data,
            ),
        )
