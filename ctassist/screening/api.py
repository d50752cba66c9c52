"""API for screening: check one name or a batch (issue 18's shapes), the lists and their
versions, the screenings and hits you may see, and reviewers' decisions."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

from django.http import HttpRequest
from ninja import Body, Field, Query, Router, Schema

from ctassist.core.api.auth import optional_auth, required_auth
from ctassist.core.api.types import FilledText, StateCode, choice_of
from ctassist.core.errors import BrokenRule, FieldProblem
from ctassist.geo.models import State
from ctassist.screening import selectors, services
from ctassist.screening.explain import explanation_out
from ctassist.screening.models import Hit, ListChange
from ctassist.screening.payloads import batch_line_out, check_out

router = Router(tags=["screening"], auth=required_auth)

SchemaName: TypeAlias = Literal["Person", "Organization"]
Decision: TypeAlias = choice_of(Hit.Decision)  # type: ignore[valid-type]
ChangeKind: TypeAlias = choice_of(ListChange.Kind)  # type: ignore[valid-type]
BirthDateText = Annotated[
    str,
    Field(
        pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
        examples=["1971-03-02"],
    ),
]
Iso2 = Annotated[str, Field(pattern=r"^[A-Za-z]{2}$", examples=["IQ"])]
BATCH_MAX = 1000


class CheckIn(Schema):
    name: Annotated[FilledText, Field(max_length=500)]
    schema_: SchemaName | None = Field(None, alias="schema")
    birth_date: BirthDateText | None = None
    nationality: Iso2 | None = None
    threshold: float | None = Field(None, ge=0.0, le=1.0)
    country: StateCode | None = Field(
        None, description="The State you screen for (default: your only one)."
    )


class BatchItemIn(Schema):
    id: Annotated[FilledText, Field(max_length=200)]
    name: Annotated[FilledText, Field(max_length=500)]
    schema_: SchemaName | None = Field(None, alias="schema")
    birth_date: BirthDateText | None = None
    nationality: Iso2 | None = None


def _state(code: str | None) -> State | None:
    if code is None:
        return None
    state = State.objects.filter(code=code.upper()).first()
    if state is None:
        raise BrokenRule("Unknown State.", problems=[FieldProblem("country", "unknown")])
    return state


@router.post("/check", response=dict[str, Any], summary="Check one name against the lists")
def check(request: HttpRequest, body: CheckIn) -> dict[str, Any]:
    result = services.screening_check(
        actor=request.user,
        given=services.CheckInput(
            name=body.name,
            schema=body.schema_,
            birth_date=body.birth_date,
            nationality=body.nationality,
            threshold=body.threshold,
        ),
        source="api",
        country=_state(body.country),
    )
    return check_out(result)


@router.post(
    "/batch",
    response=list[dict[str, Any]],
    summary=f"Check up to {BATCH_MAX} names; results in input order",
)
def batch(
    request: HttpRequest,
    body: Annotated[list[BatchItemIn], Body(min_length=1, max_length=BATCH_MAX)],
    country: Annotated[StateCode | None, Query()] = None,
) -> list[dict[str, Any]]:
    lines = [
        (
            number,
            services.CheckInput(
                name=item.name,
                schema=item.schema_,
                birth_date=item.birth_date,
                nationality=item.nationality,
                external_id=item.id,
            ),
        )
        for number, item in enumerate(body, start=1)
    ]
    results = services.screening_batch(
        actor=request.user, lines=lines, source="api", country=_state(country)
    )
    return [batch_line_out(line) for line in results]


@router.get("/lists", response=list[dict[str, Any]], summary="List versions", auth=optional_auth)
def list_versions(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": v.pk,
            "list": v.watchlist.name,
            "generated": v.generated.isoformat(),
            "loaded_at": v.loaded_at.isoformat(),
            "individuals": v.individuals,
            "entities": v.organizations,
            "new": v.added,
            "delisted": v.removed,
            "amended": v.amended,
        }
        for v in selectors.versions_for(user=request.user)
    ]


@router.get(
    "/lists/{version_id}/changes",
    response=list[dict[str, Any]],
    summary="What changed in a version",
    auth=optional_auth,
)
def list_changes(
    request: HttpRequest, version_id: int, kind: ChangeKind | None = None
) -> list[dict[str, Any]]:
    version = selectors.version_get(user=request.user, version_id=version_id)
    return [
        {"kind": c.kind, "ref": c.ref, "name": c.caption, "fields": c.fields}
        for c in selectors.version_changes(version=version, kind=kind)
    ]


@router.get(
    "/entries/{entry_id}", response=dict[str, Any], summary="A list entry", auth=optional_auth
)
def entry(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    found = selectors.entry_get(user=request.user, entry_id=entry_id)
    return {
        "id": found.pk,
        "list": found.version.watchlist.name,
        "version": found.version.generated.isoformat(),
        **found.data,
    }


def _hit_out(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.pk,
        "version": hit.version,
        "screening": hit.screening_id,
        "ref": hit.entry.ref,
        "list": hit.entry.version.watchlist.name,
        "name": hit.entry.caption,
        "matched_name": hit.matched_name,
        "score": hit.score,
        "explanation": explanation_out(hit.explanation),
        "new": hit.is_new,
        "decision": hit.decision,
        "reason": hit.reason,
        "decided_by": hit.decided_by.get_username() if hit.decided_by else None,
        "decided_at": hit.decided_at.isoformat() if hit.decided_at else None,
    }


@router.get("/screenings/{screening_id}", response=dict[str, Any], summary="A screening")
def screening(request: HttpRequest, screening_id: int) -> dict[str, Any]:
    found = selectors.screening_get_for(user=request.user, screening_id=screening_id)
    return {
        "id": found.pk,
        "name": found.name,
        "schema": found.schema or None,
        "birth_date": found.birth_date or None,
        "nationality": found.nationality or None,
        "country": found.country.code if found.country else None,
        "threshold": found.threshold,
        "created_at": found.created_at.isoformat(),
        "hits": [_hit_out(h) for h in selectors.screening_hits(user=request.user, screening=found)],
    }


@router.get("/hits", response=list[dict[str, Any]], summary="Hits to review (or decided)")
def hits(request: HttpRequest, decision: Decision = "") -> list[dict[str, Any]]:
    return [_hit_out(h) for h in selectors.review_queue_for(user=request.user, decision=decision)]


class DecisionIn(Schema):
    decision: Literal["true_match", "false_positive", "more_information"]
    reason: Annotated[FilledText, Field(max_length=4000)]
    version: int


@router.post("/hits/{hit_id}/decision", response=dict[str, Any], summary="Decide a hit")
def hit_decision(request: HttpRequest, hit_id: int, body: DecisionIn) -> dict[str, Any]:
    decided = services.hit_decide(
        actor=request.user,
        hit_id=hit_id,
        decision=body.decision,
        reason=body.reason,
        expected_version=body.version,
    )
    return _hit_out(selectors.hit_get_for(user=request.user, hit_id=decided.pk))
