import datetime as dt
from dataclasses import asdict
from typing import Annotated, Any, Literal, TypeAlias

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Body, Field, Query, Router, Schema, Status

from ctassist.core.api.auth import optional_auth, required_auth
from ctassist.core.api.types import FilledText, IsoDate, StateCode, choice_of
from ctassist.core.errors import BrokenRule, FieldProblem, InvalidInput, NotFound
from ctassist.mla import selectors, services
from ctassist.mla.checks import request_check
from ctassist.mla.models import (
    CentralAuthorityNotice,
    FocalPoint,
    Network,
    RequestedStateProfile,
    TrackedRequest,
    TrackingEvent,
)
from ctassist.mla.request_format import ASSISTANCE_TYPES, CHANNELS

router = Router(tags=["mla"], auth=required_auth)

EventKind: TypeAlias = choice_of(TrackingEvent.Kind)  # type: ignore[valid-type]
FocalPointFunction: TypeAlias = choice_of(FocalPoint.Function)  # type: ignore[valid-type]
NoticeTopic: TypeAlias = choice_of(CentralAuthorityNotice.Topic)  # type: ignore[valid-type]
NoticeAnswer: TypeAlias = choice_of(CentralAuthorityNotice.Answer)  # type: ignore[valid-type]
DoubleCriminality: TypeAlias = choice_of(RequestedStateProfile.DoubleCriminality)  # type: ignore[valid-type]

AssistanceType = Literal[ASSISTANCE_TYPES]  # type: ignore[valid-type]
Channel = Literal[CHANNELS]  # type: ignore[valid-type]


class CheckProblem(Schema):
    field: str
    severity: str = Field(..., description="error, warning or info")
    message: str


class CheckOut(Schema):
    complete: bool
    problems: list[CheckProblem]


@router.post(
    "/check",
    response=CheckOut,
    summary="Check a request (docs/mla-request-format.md): missing elements and advice",
)
@transaction.atomic  # the write and its audit entries, stored together or not at all
def check(request: HttpRequest, body: Body[dict[str, Any]]) -> dict[str, Any]:
    return request_check(body).as_dict()


def _request_out(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "version": item.version,
        "status": item.status,
        "requesting_state": item.requesting_state.code,
        "requested_state": item.requested_state.code if item.requested_state else None,
        "request": item.data,
        "check": request_check(item.data).as_dict(),
    }


@router.get("/requests", response=list[dict[str, Any]], summary="Requests you may see")
def request_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_request_out(r) for r in selectors.mla_request_list_for(user=request.user)]


@router.get("/requests/{request_id}", response=dict[str, Any], summary="One request")
def request_get(request: HttpRequest, request_id: int) -> dict[str, Any]:
    return _request_out(selectors.mla_request_get_for(user=request.user, request_id=request_id))


class RequestPut(Schema):
    version: int = Field(..., description="the version you read; a stale one gets 409")
    request: dict[str, Any] = Field(..., description="the whole request document")


@router.put("/requests/{request_id}", response=dict[str, Any], summary="Save a request")
@transaction.atomic  # the write and its audit entries, stored together or not at all
def request_put(request: HttpRequest, request_id: int, body: RequestPut) -> dict[str, Any]:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    saved = services.mla_request_save(
        actor=request.user, request=item, expected_version=body.version, data=body.request
    )
    return _request_out(saved)


# --- Tracking ------------------------------------------------------------------------------------


def _tracking_out(item: TrackedRequest, *, timeline: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.pk,
        "version": item.version,
        "reference": item.reference,
        "requesting_state": item.requesting_state.code,
        "requested_state": item.requested_state.code,
        "assistance_types": item.assistance_types,
        "subject": item.subject,
        "request_id": item.request_id,
        "status": item.status,
        "status_date": item.status_date.isoformat(),
        "sent_on": item.sent_on.isoformat() if item.sent_on else None,
        "executed_on": item.executed_on.isoformat() if item.executed_on else None,
        "deadline": item.deadline.isoformat() if item.deadline else None,
        "overdue": item.is_overdue(timezone.localdate()),
        "urgent": item.urgent,
        "refusal_reason": item.refusal_reason,
        "facilitating_network": (
            item.facilitating_network.code if item.facilitating_network else None
        ),
        "illustrative": item.illustrative,
    }
    if timeline:
        data["timeline"] = [
            {
                "on": entry.on.isoformat(),
                "source": entry.source,
                "kind": entry.kind,
                "note": entry.note,
                "status_after": entry.status_after or None,
                "network": entry.network or None,
            }
            for entry in selectors.tracking_timeline(item)
        ]
    return data


class TrackingFilter(Schema):
    status: str | None = Field(None, description="draft, sent, received, acknowledged, …")
    state: str | None = Field(None, description="a State party to the request (ISO alpha-3)")
    overdue: bool | None = Field(None, description="deadline passed and not closed")
    direction: str | None = Field(None, description="outgoing or incoming, as seen by you")


@router.get("/tracking", response=list[dict[str, Any]], summary="Tracked requests you may see")
def tracking_list(request: HttpRequest, filters: Query[TrackingFilter]) -> list[dict[str, Any]]:
    rows = selectors.tracking_list_for(
        user=request.user,
        status=filters.status,
        state=filters.state,
        overdue=filters.overdue,
        direction=filters.direction,
    )
    return [{**_tracking_out(t), "direction": t.direction} for t in rows]


class TrackingIn(Schema):
    reference: str = Field(
        "", max_length=100, description="needed unless request_id names a drafted request"
    )
    requesting_state: StateCode | None = None
    requested_state: StateCode | None = None
    assistance_types: list[AssistanceType] = []
    subject: str = Field("", max_length=200)
    request_id: int | None = Field(None, description="a request drafted in the writer")
    sent_on: IsoDate | None = None
    deadline: IsoDate | None = None
    urgent: bool = False
    facilitating_network: str | None = Field(
        None, max_length=40, pattern=r"^[-a-zA-Z0-9_]+$", description="network code (a slug)"
    )


def _network(code: str | None) -> Network | None:
    if not code:
        return None
    found = Network.objects.filter(code=code).first()
    if found is None:
        raise BrokenRule("Unknown network.", problems=[FieldProblem("network", code)])
    return found


@router.post("/tracking", response={201: dict[str, Any]}, summary="Start tracking a request")
@transaction.atomic  # the write and its audit entries, stored together or not at all
def tracking_create(request: HttpRequest, body: TrackingIn) -> Status[dict[str, Any]]:
    drafted = (
        selectors.mla_request_get_for(user=request.user, request_id=body.request_id)
        if body.request_id
        else None
    )
    tracked = services.tracking_create(
        actor=request.user,
        request=drafted,
        facilitating_network=_network(body.facilitating_network),
        **body.dict(exclude={"request_id", "facilitating_network"}),
    )
    return Status(201, _tracking_out(tracked, timeline=True))


@router.get("/tracking/{tracked_id}", response=dict[str, Any], summary="One tracked request")
def tracking_get(request: HttpRequest, tracked_id: int) -> dict[str, Any]:
    item = selectors.tracking_get_for(user=request.user, tracked_id=tracked_id)
    return _tracking_out(item, timeline=True)


class EventIn(Schema):
    version: int = Field(..., description="the version you read; a stale one gets 409")
    kind: EventKind
    on: IsoDate
    note: str = Field("", description="required for a refusal: its reason")


@router.post(
    "/tracking/{tracked_id}/events",
    response={201: dict[str, Any]},
    summary="Record the next exchange (the status moves only as allowed)",
)
@transaction.atomic  # the write and its audit entries, stored together or not at all
def tracking_event(request: HttpRequest, tracked_id: int, body: EventIn) -> Status[dict[str, Any]]:
    item = selectors.tracking_get_for(user=request.user, tracked_id=tracked_id)
    services.tracking_event_record(
        actor=request.user,
        tracked=item,
        expected_version=body.version,
        kind=body.kind,
        on=body.on,
        note=body.note,
    )
    return Status(201, _tracking_out(item, timeline=True))


class FacilitationIn(Schema):
    network: str = Field(
        ..., min_length=1, max_length=40, description="the network's code, e.g. wacap"
    )
    action: Literal["contact", "consultation", "advice", "follow_up", "meeting", "other"]
    on: IsoDate
    note: str = ""


@router.post(
    "/tracking/{tracked_id}/facilitations",
    response={201: dict[str, Any]},
    summary="Record help from a network on this request",
)
@transaction.atomic  # the write and its audit entries, stored together or not at all
def tracking_facilitation(
    request: HttpRequest, tracked_id: int, body: FacilitationIn
) -> Status[dict[str, Any]]:
    item = selectors.tracking_get_for(user=request.user, tracked_id=tracked_id)
    network = _network(body.network)
    if network is None:
        raise InvalidInput("Name the network.", problems=[FieldProblem("network", "required")])
    services.facilitation_record(
        actor=request.user,
        tracked=item,
        network=network,
        action=body.action,
        on=body.on,
        note=body.note,
    )
    return Status(201, _tracking_out(item, timeline=True))


class TrackingPatch(Schema):
    version: int = Field(..., description="the version you read; a stale one gets 409")
    deadline: IsoDate | None = None
    urgent: bool | None = None
    subject: str | None = None
    facilitating_network: str | None = Field(None, max_length=40, description="network code")


@router.patch(
    "/tracking/{tracked_id}",
    response=dict[str, Any],
    summary="Change the deadline, urgency, subject or facilitating network",
)
@transaction.atomic  # the write and its audit entries, stored together or not at all
def tracking_patch(request: HttpRequest, tracked_id: int, body: TrackingPatch) -> dict[str, Any]:
    item = selectors.tracking_get_for(user=request.user, tracked_id=tracked_id)
    changes = body.dict(exclude_unset=True, exclude={"version"})
    if "facilitating_network" in changes:
        changes["facilitating_network"] = _network(changes["facilitating_network"])
    saved = services.tracking_update(
        actor=request.user, tracked=item, expected_version=body.version, changes=changes
    )
    return _tracking_out(saved, timeline=True)


# --- Networks ------------------------------------------------------------------------------------


def _network_out(network: Network) -> dict[str, Any]:
    return {
        "code": network.code,
        "name": network.name,
        "description": network.description,
        "members": sorted(s.code for s in network.members.all()),
        "illustrative": network.illustrative,
    }


@router.get("/networks", response=list[dict[str, Any]], summary="Networks of focal points")
def network_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_network_out(n) for n in selectors.network_list_for(user=request.user)]


@router.get(
    "/networks/{code}",
    response=dict[str, Any],
    summary="One network: members, focal points (with history) and figures for a period",
)
def network_get(
    request: HttpRequest,
    code: str,
    date_from: dt.date = dt.date(2000, 1, 1),
    date_to: IsoDate | None = None,
) -> dict[str, Any]:
    network = selectors.network_get_for(user=request.user, code=code)
    figures = selectors.mla_statistics(
        date_from=date_from, date_to=date_to or timezone.localdate(), network=network
    )
    data = _network_out(network)
    data["focal_points"] = [
        {
            "state": f.state.code,
            "function": f.function,
            "name": f.name,
            "email": f.email,
            "start": f.start.isoformat(),
            "end": f.end.isoformat() if f.end else None,
        }
        for f in selectors.focal_points_for(user=request.user, network=network)
    ]
    data["statistics"] = {
        **asdict(figures),
        "date_from": figures.date_from.isoformat(),
        "date_to": figures.date_to.isoformat(),
    }
    return data


class FocalPointIn(Schema):
    state: StateCode
    function: FocalPointFunction
    name: Annotated[FilledText, Field(max_length=200)]
    email: str = Field(
        "",
        pattern=r"^$|^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*@"
        r"([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$",
        max_length=254,
    )
    start: IsoDate


@router.post(
    "/networks/{code}/focal-points",
    response={201: dict[str, Any]},
    summary="Hand over to a new focal point (the current one ends the day before)",
)
@transaction.atomic  # the write and its audit entries, stored together or not at all
def focal_point_hand_over(
    request: HttpRequest, code: str, body: FocalPointIn
) -> Status[dict[str, Any]]:
    network = selectors.network_get_for(user=request.user, code=code)
    made = services.focal_point_hand_over(
        actor=request.user, network=network, state_code=body.state, **body.dict(exclude={"state"})
    )
    return Status(201, {"id": made.pk, "state": body.state, "start": made.start.isoformat()})


# --- Central-authority notices (published: anyone may read) --------------------------------------


def _notice_out(notice: CentralAuthorityNotice) -> dict[str, Any]:
    return {
        "id": notice.pk,
        "version": notice.version,
        "state": notice.state.code,
        "topic": notice.topic,
        "answer": notice.answer,
        "text": notice.text,
        "source": notice.source,
        "valid_from": notice.valid_from.isoformat(),
        "valid_until": notice.valid_until.isoformat() if notice.valid_until else None,
        "illustrative": notice.illustrative,
    }


@router.get(
    "/notices",
    response=list[dict[str, Any]],
    auth=optional_auth,
    summary="The notice in force per State and topic on a date (default today)",
)
def notice_list(request: HttpRequest, on: IsoDate | None = None) -> list[dict[str, Any]]:
    comparison = selectors.notice_comparison(on=on)
    return [_notice_out(n) for row in comparison.rows for n in row.cells if n is not None]


@router.get(
    "/notices/{state_code}",
    response=list[dict[str, Any]],
    auth=optional_auth,
    summary="Every notice of one State, newest first",
)
def notice_history(request: HttpRequest, state_code: str) -> list[dict[str, Any]]:
    _state, notices = selectors.notice_history(state_code=state_code)
    return [_notice_out(n) for n in notices]


class NoticeIn(Schema):
    state: StateCode
    topic: NoticeTopic
    answer: NoticeAnswer
    valid_from: IsoDate
    valid_until: IsoDate | None = None
    text: str = ""
    source: str = Field("", max_length=300)


@router.post("/notices", response={201: dict[str, Any]}, summary="Record a notice (editors)")
@transaction.atomic  # the write and its audit entries, stored together or not at all
def notice_create(request: HttpRequest, body: NoticeIn) -> Status[dict[str, Any]]:
    notice = services.notice_publish(
        actor=request.user, state_code=body.state, **body.dict(exclude={"state"})
    )
    return Status(201, _notice_out(notice))


def _profile_out(p: Any) -> dict[str, Any]:
    return {
        "state": p.state.code,
        "version": p.version,
        "accepted_languages": p.accepted_languages,
        "channels": p.channels,
        "electronic_transmission": p.electronic_transmission,
        "double_criminality": p.double_criminality,
        "use_limitations": p.use_limitations,
        "special_requirements": p.special_requirements,
        "last_verified": p.last_verified.isoformat() if p.last_verified else None,
        "illustrative": p.illustrative,
    }


@router.get(
    "/profiles",
    response=list[dict[str, Any]],
    auth=optional_auth,
    summary="Requested-State profiles",
)
def profile_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_profile_out(p) for p in selectors.profiles_list()]


@router.get(
    "/profiles/{state_code}", response=dict[str, Any], auth=optional_auth, summary="One profile"
)
def profile_get(request: HttpRequest, state_code: str) -> dict[str, Any]:
    found = selectors.profile_of(state_code=state_code.upper())
    if found is None:
        raise NotFound(f"No profile for {state_code}")
    return _profile_out(found)


class ProfileIn(Schema):
    version: int | None = Field(None, description="required to change an existing profile")
    accepted_languages: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]] = Field(
        [], description="ISO 639 codes"
    )
    channels: list[Channel] = []
    electronic_transmission: bool | None = None
    double_criminality: DoubleCriminality = RequestedStateProfile.DoubleCriminality.UNKNOWN
    use_limitations: str = ""
    special_requirements: dict[str, str] = {}


@router.put(
    "/profiles/{state_code}",
    response=dict[str, Any],
    summary="Record or change a profile (editors; version required to change one)",
)
@transaction.atomic  # the write and its audit entries, stored together or not at all
def profile_put(request: HttpRequest, state_code: StateCode, body: ProfileIn) -> dict[str, Any]:
    saved = services.profile_save(
        actor=request.user,
        state_code=state_code.upper(),
        expected_version=body.version,
        changes=body.dict(exclude={"version"}),
    )
    return _profile_out(saved)
