"""API for travel data: receive a message (the raw EDIFACT body), flights and travellers of the
caller's PIUs (traveller data only with a purpose, which is logged), hits and decisions."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ctassist.core.api.auth import required_auth
from ctassist.core.api.types import FilledText, IsoDate, choice_of
from ctassist.core.errors import BrokenRule, FieldProblem
from ctassist.core.stored_files import upload_size_check
from ctassist.travel import selectors, services
from ctassist.travel.models import Flight, Hit, Traveller
from ctassist.travel.payloads import flight_out, hit_out, traveller_out

router = Router(tags=["travel"], auth=required_auth)

MESSAGE_TYPES = ("text/plain", "application/edifact")
Decision: TypeAlias = choice_of(Hit.Decision)  # type: ignore[valid-type]
UnitCode = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]{1,60}$", examples=["piu-ken"])]
Purpose = Annotated[FilledText, Field(max_length=300, examples=["pre-arrival check of KQ101"])]


class MessageReceivedOut(Schema):
    file: str
    kind: Literal["PAXLST", "PNRGOV"]
    flights: int
    travellers: int
    problems: list[dict[str, Any]]
    message: int
    repeated: bool
    hits: int


_BODY = {
    "required": True,
    "description": "One UN/EDIFACT PAXLST or PNRGOV interchange, as the carrier sent it.",
    "content": {kind: {"schema": {"type": "string"}} for kind in MESSAGE_TYPES},
}


@router.post(
    "/messages",
    response={200: MessageReceivedOut},
    summary="Receive a PAXLST or PNRGOV message (raw EDIFACT body)",
    openapi_extra={"requestBody": _BODY},
)
def message_receive(
    request: HttpRequest,
    unit: Annotated[UnitCode | None, Query()] = None,
    name: Annotated[str | None, Query(max_length=255)] = None,
) -> dict[str, Any]:
    """The body is the message. Answers as `ctassist travel import --format json` does, with
    the stored message's id, whether it was a resend (recognised, not stored again) and how
    many new hits it raised. A message that cannot be read at all is refused (422, code
    `unreadable_message`, the segment at fault in `problems[].line`); nothing is stored."""
    content_type = (request.content_type or "").split(";")[0].strip().lower()
    if content_type not in MESSAGE_TYPES:
        raise BrokenRule(
            "Send the message as text/plain or application/edifact.",
            problems=[FieldProblem("content-type", content_type or "none")],
        )
    upload_size_check("travel message", len(request.body))
    label = name or "api"
    result = services.message_ingest(actor=request.user, raw=request.body, name=label, unit=unit)
    return {
        **result.as_dict(label),
        "message": result.message.pk,
        "repeated": result.repeated,
        "hits": result.hits,
    }


@router.get("/flights", response=list[dict[str, Any]], summary="Flights of your PIUs")
def flights(
    request: HttpRequest, since: Annotated[IsoDate | None, Query()] = None
) -> list[dict[str, Any]]:
    return [flight_out(f) for f in selectors.flight_list_for(user=request.user, since=since)]


@router.get("/flights/{flight_id}", response=dict[str, Any], summary="A flight")
def flight(request: HttpRequest, flight_id: int) -> dict[str, Any]:
    found: Flight = selectors.flight_get_for(user=request.user, flight_id=flight_id)
    return {
        **flight_out(found),
        **selectors.flight_counts(flight=found),
        "messages": [
            {
                "id": m.pk,
                "kind": m.kind,
                "received_at": m.received_at.isoformat(),
                "problems": m.problems,
            }
            for m in selectors.flight_messages(flight=found)
        ],
    }


@router.get(
    "/flights/{flight_id}/travellers",
    response=list[dict[str, Any]],
    summary="A flight's travellers (logged with the purpose)",
)
def flight_travellers(
    request: HttpRequest, flight_id: int, purpose: Annotated[Purpose, Query()]
) -> list[dict[str, Any]]:
    found = selectors.flight_get_for(user=request.user, flight_id=flight_id)
    return [
        traveller_out(t)
        for t in selectors.flight_travellers(user=request.user, flight=found, purpose=purpose)
    ]


@router.get(
    "/travellers/{traveller_id}",
    response=dict[str, Any],
    summary="A traveller: API and PNR data joined (logged with the purpose)",
)
def traveller(
    request: HttpRequest, traveller_id: int, purpose: Annotated[Purpose, Query()]
) -> dict[str, Any]:
    found: Traveller = selectors.traveller_get_for(
        user=request.user, traveller_id=traveller_id, purpose=purpose
    )
    return {
        **traveller_out(found, booking=True),
        "hits": [hit_out(h) for h in selectors.traveller_hits(traveller=found)],
    }


@router.get("/hits", response=list[dict[str, Any]], summary="Hits to review (or decided)")
def hits(request: HttpRequest, decision: Decision = "") -> list[dict[str, Any]]:
    return [
        hit_out(h, traveller=True)
        for h in selectors.review_queue_for(user=request.user, decision=decision)
    ]


class HitDecisionIn(Schema):
    decision: Literal["no_action", "refer", "alert"]
    reason: Annotated[FilledText, Field(max_length=4000)]
    version: int


@router.post("/hits/{hit_id}/decision", response=dict[str, Any], summary="Decide a hit")
def hit_decision(request: HttpRequest, hit_id: int, body: HitDecisionIn) -> dict[str, Any]:
    decided = services.hit_decide(
        actor=request.user,
        hit_id=hit_id,
        decision=body.decision,
        reason=body.reason,
        expected_version=body.version,
    )
    return hit_out(decided, traveller=True)
