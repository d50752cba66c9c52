"""API for e-evidence: provider profiles (practitioners read), data requests of the user's
States (list, get with its check, create a draft, record the next step)."""

from __future__ import annotations

from typing import Annotated, Any, TypeAlias

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from ctassist.core.api.auth import required_auth
from ctassist.core.api.types import FilledText, IsoDate, StateCode, choice_of
from ctassist.core.errors import BrokenRule, FieldProblem, NotFound
from ctassist.eevidence import selectors, services
from ctassist.eevidence.checks import can_send, request_problems
from ctassist.eevidence.models import DataCategory, DataRequest, ServiceProvider
from ctassist.geo.models import State

router = Router(tags=["e-evidence"], auth=required_auth)

RequestKind: TypeAlias = choice_of(DataRequest.Kind)  # type: ignore[valid-type]
RequestStatus: TypeAlias = choice_of(DataRequest.Status)  # type: ignore[valid-type]
Category: TypeAlias = choice_of(DataCategory)  # type: ignore[valid-type]


def _provider_out(p: ServiceProvider) -> dict[str, Any]:
    return {
        "id": p.pk,
        "name": p.name,
        "kind": p.kind,
        "jurisdiction": p.jurisdiction.code,
        "portal_url": p.portal_url,
        "accepts_preservation": p.accepts_preservation,
        "preservation_days": p.preservation_days,
        "extension_days": p.extension_days,
        "emergency_disclosure": p.emergency_disclosure,
        "voluntary_categories": p.voluntary_categories,
        "last_verified": p.last_verified.isoformat() if p.last_verified else None,
        "illustrative": p.illustrative,
    }


def _request_out(r: DataRequest) -> dict[str, Any]:
    problems = request_problems(r, today=timezone.localdate())
    return {
        "id": r.pk,
        "version": r.version,
        "kind": r.kind,
        "reference": r.reference,
        "requesting_state": r.requesting_state.code,
        "provider": r.provider_id,
        "status": r.status,
        "sent_on": r.sent_on.isoformat() if r.sent_on else None,
        "preserved_until": r.preserved_until.isoformat() if r.preserved_until else None,
        "follow_up": r.follow_up_id,
        "categories": r.categories,
        "check": {
            "sendable": can_send(problems),
            "problems": [p.as_dict() for p in problems],
        },
    }


@router.get("/providers", response=list[dict[str, Any]], summary="Service provider profiles")
def provider_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_provider_out(p) for p in selectors.providers_for(user=request.user)]


@router.get("/requests", response=list[dict[str, Any]], summary="Requests of your States")
def request_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_request_out(r) for r in selectors.data_requests_for(user=request.user)]


@router.get("/requests/{request_id}", response=dict[str, Any], summary="One request")
def request_get(request: HttpRequest, request_id: int) -> dict[str, Any]:
    return _request_out(selectors.data_request_get_for(user=request.user, request_id=request_id))


class RequestIn(Schema):
    kind: RequestKind
    requesting_state: StateCode
    provider: int
    reference: Annotated[FilledText, Field(max_length=80)]
    requesting_authority: str = Field("", max_length=300)
    identifiers: str = ""
    categories: list[Category] = []
    period_from: IsoDate | None = None
    period_to: IsoDate | None = None
    offence: str = Field("", max_length=300)
    facts: str = ""
    emergency_reason: str = ""


@router.post(
    "/requests", response={201: dict[str, Any]}, summary="Save a draft request to a provider"
)
def request_create(request: HttpRequest, body: RequestIn) -> Status[dict[str, Any]]:
    state = State.objects.filter(code=body.requesting_state).first()
    if state is None:
        raise BrokenRule(
            "Unknown requesting State.", problems=[FieldProblem("requesting_state", "unknown")]
        )
    try:
        provider = selectors.provider_get_for(user=request.user, provider_id=body.provider)
    except NotFound:
        raise BrokenRule(
            "Unknown provider.", problems=[FieldProblem("provider", "unknown")]
        ) from None
    fields = body.dict(exclude={"kind", "requesting_state", "provider"})
    created = services.data_request_create(
        actor=request.user, kind=body.kind, requesting_state=state, provider=provider, fields=fields
    )
    return Status(201, _request_out(created))


class MoveIn(Schema):
    version: int
    to: RequestStatus
    on: IsoDate
    reason: str = ""
    provider_reference: str = Field("", max_length=120)
    preserved_until: IsoDate | None = None


@router.post("/requests/{request_id}/move", response=dict[str, Any], summary="Next step")
def request_move(request: HttpRequest, request_id: int, body: MoveIn) -> dict[str, Any]:
    item = selectors.data_request_get_for(user=request.user, request_id=request_id)
    moved = services.data_request_move(
        actor=request.user,
        request=item,
        expected_version=body.version,
        to=body.to,
        on=body.on,
        reason=body.reason,
        provider_reference=body.provider_reference,
        preserved_until=body.preserved_until,
    )
    return _request_out(moved)
