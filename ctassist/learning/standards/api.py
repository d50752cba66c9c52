"""`POST /api/v1/learning/xapi/statements`: an external course reports completions as xAPI 1.0.3
statements (one, or a list of up to 100). Answers, as an LRS does, the statement ids in order."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Body, Field, Router, Schema

from ctassist.core.api.auth import required_auth
from ctassist.learning.standards.incoming import MAX_STATEMENTS, statements_receive

router = Router(tags=["learning"], auth=required_auth)


class LearningXapiReceivedOut(Schema):
    ids: list[str]
    completions: int


XapiStatement = dict[str, Any]
XapiStatements = Annotated[list[XapiStatement], Field(min_length=1, max_length=MAX_STATEMENTS)]


@router.post(
    "/statements",
    response=LearningXapiReceivedOut,
    summary="Report completions of an external course (xAPI 1.0.3 statements)",
)
def statements(
    request: HttpRequest,
    payload: Annotated[XapiStatement | XapiStatements, Body(...)],
) -> Any:
    """The reporting system's account needs the permission `learning.report_external_completion`.
    Statements are checked against the xAPI 1.0.3 structure first; a request is recorded whole or
    not at all. Only `completed` and `passed` statements about a registered external course
    (`activity_iri`) record anything; others are acknowledged."""
    return statements_receive(actor=request.user, payload=payload)
