from typing import Any

from django.http import HttpRequest
from ninja import Body, Field, Router, Schema

from ctassist.api.auth import required_auth
from ctassist.mla import selectors, services
from ctassist.mla.checks import request_check

router = Router(tags=["mla"], auth=required_auth)


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
def request_put(request: HttpRequest, request_id: int, body: RequestPut) -> dict[str, Any]:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    saved = services.mla_request_save(
        actor=request.user, request=item, expected_version=body.version, data=body.request
    )
    return _request_out(saved)
