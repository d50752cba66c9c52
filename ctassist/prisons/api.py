"""API for prisons: prisoners (search, admit, read, edit with the version), their assessments
(submit, review), housing (a prison's cells and a housing decision), and figures without names.
Writes name the version they were read at; a stale one is refused with 409."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, TypeAlias

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from ctassist.core.api.auth import required_auth
from ctassist.core.api.types import FilledText, IsoDate, StateCode, choice_of
from ctassist.core.errors import BrokenRule, FieldProblem
from ctassist.geo.selectors import state_resolve
from ctassist.prisons import selectors, services
from ctassist.prisons.models import Assessment, Cell, InterventionKind, Level, Sex
from ctassist.prisons.payloads import assessment_out, cell_out, prisoner_out

router = Router(tags=["prisons"], auth=required_auth)

PrisonCode = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]{1,60}$", examples=["demo-ken-prison"])]
PrisonerLevel: TypeAlias = choice_of(Level)  # type: ignore[valid-type]
PrisonerSex: TypeAlias = choice_of(Sex)  # type: ignore[valid-type]
AssessmentTrigger: TypeAlias = choice_of(Assessment.Trigger)  # type: ignore[valid-type]
NeedKind: TypeAlias = choice_of(InterventionKind)  # type: ignore[valid-type]
Number = Annotated[FilledText, Field(max_length=40)]
Reason = Annotated[FilledText, Field(max_length=1000)]
LongText = Annotated[str, Field(max_length=4000)]


class PrisonerAdmitIn(Schema):
    prison: PrisonCode
    number: Number
    full_name: Annotated[FilledText, Field(max_length=200)]
    sex: PrisonerSex
    admitted_on: IsoDate
    date_of_birth: IsoDate | None = None
    nationality: StateCode | None = None


class PrisonerEditIn(Schema):
    version: int
    full_name: Annotated[FilledText, Field(max_length=200)] | None = None
    number: Number | None = None
    date_of_birth: IsoDate | None = None


class PrisonerHousingIn(Schema):
    version: int
    cell: int
    on: IsoDate
    reason: Reason


class PrisonerRatingIn(Schema):
    item: Annotated[str, Field(max_length=81, examples=["outlook.justifies"])]
    value: int
    evidence: LongText = ""
    source: Annotated[str, Field(max_length=300)] = ""


class PrisonerAssessmentIn(Schema):
    trigger: AssessmentTrigger
    assessed_on: IsoDate
    ratings: list[PrisonerRatingIn]
    level: PrisonerLevel
    override_reason: LongText = ""
    summary: LongText = ""
    needs: list[NeedKind] = []
    next_review_on: IsoDate | None = None


class AssessmentReviewIn(Schema):
    version: int
    decision: Literal["approve", "return"]
    reason: LongText = ""


@router.get("/prisoners", response=list[dict[str, Any]], summary="Prisoners of your prisons")
def prisoners(
    request: HttpRequest,
    q: Annotated[str, Query(max_length=200)] = "",
    prison: Annotated[PrisonCode | None, Query()] = None,
) -> list[dict[str, Any]]:
    where = selectors.prison_get_for(user=request.user, code=prison) if prison else None
    found = selectors.prisoner_search_for(user=request.user, query=q, prison=where)
    return [prisoner_out(p) for p in found]


@router.post("/prisoners", response={201: dict[str, Any]}, summary="Admit a prisoner")
def prisoner_admit(request: HttpRequest, body: PrisonerAdmitIn) -> Status[dict[str, Any]]:
    prison = selectors.prison_get_for(user=request.user, code=body.prison)
    nationality = state_resolve(body.nationality) if body.nationality else None
    admitted = services.prisoner_admit(
        actor=request.user,
        prison=prison,
        number=body.number.strip(),
        full_name=body.full_name.strip(),
        sex=body.sex,
        admitted_on=body.admitted_on,
        date_of_birth=body.date_of_birth,
        nationality=nationality,
    )
    return Status(201, prisoner_out(admitted))


@router.get("/prisoners/{prisoner_id}", response=dict[str, Any], summary="A prisoner's file")
def prisoner(request: HttpRequest, prisoner_id: int) -> dict[str, Any]:
    record = selectors.prisoner_file_for(user=request.user, prisoner_id=prisoner_id)
    return {
        **prisoner_out(record.prisoner),
        "stays": [
            {
                "kind": s.kind,
                "prison": s.prison.code,
                "cell": cell_out(s.cell) if s.cell else None,
                "started_on": s.started_on.isoformat(),
                "ended_on": s.ended_on.isoformat() if s.ended_on else None,
                "reason": s.reason,
            }
            for s in record.stays
        ],
        "assessments": [assessment_out(a) for a in record.assessments],
        "case": record.case.pk if record.case else None,
    }


@router.patch("/prisoners/{prisoner_id}", response=dict[str, Any], summary="Edit a prisoner")
def prisoner_edit(request: HttpRequest, prisoner_id: int, body: PrisonerEditIn) -> dict[str, Any]:
    found = selectors.prisoner_get_for(user=request.user, prisoner_id=prisoner_id)
    changes = body.model_dump(exclude_unset=True, exclude={"version"})
    updated = services.prisoner_update(
        actor=request.user, prisoner=found, expected_version=body.version, changes=changes
    )
    return prisoner_out(updated)


@router.post(
    "/prisoners/{prisoner_id}/housing",
    response=dict[str, Any],
    summary="House a prisoner in a cell (capacity and separation checked)",
)
def prisoner_housing(
    request: HttpRequest, prisoner_id: int, body: PrisonerHousingIn
) -> dict[str, Any]:
    found = selectors.prisoner_get_for(user=request.user, prisoner_id=prisoner_id)
    cell = Cell.objects.select_related("unit").filter(pk=body.cell).first()
    if cell is None or cell.unit.prison_id != found.prison_id:
        raise BrokenRule(
            "That cell is not in this prisoner's prison.",
            problems=[FieldProblem("cell", str(body.cell))],
        )
    stay = services.prisoner_house(
        actor=request.user,
        prisoner=found,
        expected_version=body.version,
        cell=cell,
        on=body.on,
        reason=body.reason,
    )
    found.refresh_from_db()
    return {**prisoner_out(found), "cell": cell_out(cell), "from": stay.started_on.isoformat()}


@router.get(
    "/prisoners/{prisoner_id}/assessments",
    response=list[dict[str, Any]],
    summary="A prisoner's assessments, newest first",
)
def prisoner_assessments(request: HttpRequest, prisoner_id: int) -> list[dict[str, Any]]:
    found = selectors.prisoner_assessments_for(user=request.user, prisoner_id=prisoner_id)
    return [assessment_out(a) for a in found]


@router.post(
    "/prisoners/{prisoner_id}/assessments",
    response={201: dict[str, Any]},
    summary="Submit an assessment for review",
)
def prisoner_assessment_submit(
    request: HttpRequest, prisoner_id: int, body: PrisonerAssessmentIn
) -> Status[dict[str, Any]]:
    found = selectors.prisoner_get_for(user=request.user, prisoner_id=prisoner_id)
    made = services.assessment_submit(
        actor=request.user,
        prisoner=found,
        instrument=selectors.instrument_current(),
        trigger=body.trigger,
        assessed_on=body.assessed_on,
        ratings=[services.RatingGiven(**r.model_dump()) for r in body.ratings],
        level=body.level,
        override_reason=body.override_reason,
        summary=body.summary,
        needs=sorted(set(body.needs)),
        next_review_on=body.next_review_on,
        incident=selectors.incident_open(prisoner=found),
    )
    return Status(201, assessment_out(made, ratings=True))


@router.get("/assessments/{assessment_id}", response=dict[str, Any], summary="An assessment")
def assessment(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    found = selectors.assessment_get_for(user=request.user, assessment_id=assessment_id)
    return assessment_out(found, ratings=True)


@router.post(
    "/assessments/{assessment_id}/review",
    response=dict[str, Any],
    summary="A supervisor approves or returns an assessment",
)
def assessment_review(
    request: HttpRequest, assessment_id: int, body: AssessmentReviewIn
) -> dict[str, Any]:
    found = selectors.assessment_get_for(user=request.user, assessment_id=assessment_id)
    reviewed = services.assessment_review(
        actor=request.user,
        assessment=found,
        expected_version=body.version,
        decision=body.decision,
        reason=body.reason,
        on=timezone.localdate(),
    )
    return assessment_out(reviewed)


@router.get(
    "/prisons/{code}/housing",
    response=list[dict[str, Any]],
    summary="A prison's cells with capacity and places in use",
)
def prison_housing(
    request: HttpRequest, code: str, on: Annotated[IsoDate | None, Query()] = None
) -> list[dict[str, Any]]:
    prison = selectors.prison_get_for(user=request.user, code=code)
    day = on or timezone.localdate()
    occupied = selectors.cell_occupancy_on(prison=prison, day=day)
    return [{**cell_out(c), "in_use": occupied.get(c.pk, 0)} for c in selectors.cells_of(prison)]


@router.get("/figures", response=dict[str, Any], summary="Figures without names")
def figures(
    request: HttpRequest,
    start: Annotated[IsoDate | None, Query(alias="from")] = None,
    end: Annotated[IsoDate | None, Query(alias="to")] = None,
) -> dict[str, Any]:
    today = timezone.localdate()
    found = selectors.prison_figures_for(
        user=request.user, start=start or dt.date(today.year, 1, 1), end=end or today
    )
    return {
        "prisons": found.prisons,
        "population": found.population,
        "assessments_by_level": found.assessments_by_level,
        "places_by_level": found.places_by_level,
        "interventions_completed": found.interventions_completed,
        "overdue_reviews": found.overdue_reviews,
    }
