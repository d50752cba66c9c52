import datetime as dt
from typing import Annotated, Any, TypeAlias

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from ctassist.cases import selectors, services
from ctassist.cases.models import CaseFile, Charge, Evidence, Person, Stage
from ctassist.cases.payloads import case_payload, case_summary, person_payload
from ctassist.core.api.auth import required_auth
from ctassist.core.api.types import FilledText, IsoDate, StateCode, choice_of
from ctassist.core.errors import NotFound

router = Router(tags=["cases"], auth=required_auth)
# Every write below runs in one transaction with the read-audit entries it writes before and
# after: a change is stored and answered 2xx, or neither (issue 26 item 3: an audit entry that
# met a locked database once turned a committed PATCH into a 500).

CaseStatus: TypeAlias = choice_of(CaseFile.Status)  # type: ignore[valid-type]
CaseStage: TypeAlias = choice_of(Stage)  # type: ignore[valid-type]
PersonRole: TypeAlias = choice_of(Person.Role)  # type: ignore[valid-type]
PersonSex: TypeAlias = choice_of(Person.Sex)  # type: ignore[valid-type]
PersonDetention: TypeAlias = choice_of(Person.Detention)  # type: ignore[valid-type]
ChargeDisposition: TypeAlias = choice_of(Charge.Disposition)  # type: ignore[valid-type]
EvidenceKind: TypeAlias = choice_of(Evidence.Kind)  # type: ignore[valid-type]
EvidenceOrigin: TypeAlias = choice_of(Evidence.Origin)  # type: ignore[valid-type]


class CaseFilter(Schema):
    status: CaseStatus | None = None
    stage: CaseStage | None = None
    q: str = Field("", description="words in the title, numbers or names")


@router.get(
    "/", response=list[dict[str, Any]], summary="The cases you may see (your units, your scope)"
)
def case_list(request: HttpRequest, filters: Query[CaseFilter]) -> list[dict[str, Any]]:
    cases = selectors.case_list_for(
        user=request.user, status=filters.status, stage=filters.stage, query=filters.q
    )
    return [case_summary(c) for c in cases]


@router.get("/{case_id}", response=dict[str, Any], summary="One case with its people and records")
def case_get(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return case_payload(selectors.case_get_for(user=request.user, case_id=case_id))


class CasePatch(Schema):
    version: int = Field(..., description="the version you read; a stale one gets 409")
    title: Annotated[FilledText, Field(max_length=300)] | None = None
    stage: CaseStage | None = None
    facts: str | None = None
    offence_date: IsoDate | None = None
    police_ref: Annotated[str, Field(max_length=80)] | None = None
    prosecution_ref: Annotated[str, Field(max_length=80)] | None = None
    court_ref: Annotated[str, Field(max_length=80)] | None = None


@router.patch("/{case_id}", response=dict[str, Any], summary="Change a case (with its version)")
def case_patch(request: HttpRequest, case_id: int, patch: CasePatch) -> dict[str, Any]:
    with transaction.atomic():
        case = selectors.case_get_for(user=request.user, case_id=case_id)
        services.case_update(
            actor=request.user,
            case=case,
            expected_version=patch.version,
            changes=patch.dict(exclude_unset=True, exclude={"version"}),
        )
        return case_payload(selectors.case_get_for(user=request.user, case_id=case_id))


class PersonIn(Schema):
    role: PersonRole
    full_name: Annotated[FilledText, Field(max_length=200)]
    date_of_birth: IsoDate | None = None
    sex: PersonSex = Person.Sex.UNKNOWN
    nationality: StateCode | None = Field(None, description="ISO 3166 alpha-3")
    protection_measures: bool = False


@router.post("/{case_id}/persons", response={201: dict[str, Any]}, summary="Add a person to a case")
def person_create(request: HttpRequest, case_id: int, body: PersonIn) -> Status[dict[str, Any]]:
    with transaction.atomic():
        case = selectors.case_get_for(user=request.user, case_id=case_id)
        person = services.person_add(actor=request.user, case=case, **body.dict(exclude_none=True))
        return Status(201, person_payload(person))


class PersonPatch(Schema):
    version: int
    detention: PersonDetention | None = None
    detention_place: Annotated[str, Field(max_length=200)] | None = None
    custody_start: IsoDate | None = None
    last_review: IsoDate | None = None
    protection_measures: bool | None = None


@router.patch(
    "/{case_id}/persons/{person_id}", response=dict[str, Any], summary="Custody and protection"
)
def person_patch(
    request: HttpRequest, case_id: int, person_id: int, patch: PersonPatch
) -> dict[str, Any]:
    with transaction.atomic():
        case = selectors.case_get_for(user=request.user, case_id=case_id)
        person = next((p for p in case.persons.all() if p.pk == person_id), None)
        if person is None:
            raise NotFound(f"No person {person_id} in case {case_id}")
        updated = services.person_update(
            actor=request.user,
            person=person,
            expected_version=patch.version,
            changes=patch.dict(exclude_unset=True, exclude={"version"}),
        )
        return person_payload(Person.objects.prefetch_related("charges").get(pk=updated.pk))


class HearingIn(Schema):
    starts_at: dt.datetime
    court: Annotated[FilledText, Field(max_length=200)]
    purpose: Annotated[str, Field(max_length=200)] = ""


@router.post("/{case_id}/hearings", response={201: dict[str, Any]}, summary="Schedule a hearing")
def hearing_create(request: HttpRequest, case_id: int, body: HearingIn) -> Status[dict[str, Any]]:
    with transaction.atomic():
        case = selectors.case_get_for(user=request.user, case_id=case_id)
        hearing = services.hearing_schedule(actor=request.user, case=case, **body.dict())
    return Status(
        201,
        {
            "id": hearing.pk,
            "starts_at": hearing.starts_at,
            "closed_session": hearing.closed_session,
        },
    )


class ChargeIn(Schema):
    person: int
    offence: Annotated[FilledText, Field(max_length=300)]
    instrument: str | None = Field(
        None, pattern=r"^[A-Z][A-Z0-9_]*$", description="instrument id, e.g. FINANCING_1999"
    )


def _person_in_case(request: HttpRequest, case_id: int, person_id: int) -> Person:
    case = selectors.case_get_for(user=request.user, case_id=case_id)
    person = next((p for p in case.persons.all() if p.pk == person_id), None)
    if person is None:
        raise NotFound(f"No person {person_id} in case {case_id}")
    return person


@router.post("/{case_id}/charges", response={201: dict[str, Any]}, summary="Charge a person")
def charge_create(request: HttpRequest, case_id: int, body: ChargeIn) -> Status[dict[str, Any]]:
    with transaction.atomic():
        person = _person_in_case(request, case_id, body.person)
        charge = services.charge_add(
            actor=request.user, person=person, offence=body.offence, instrument=body.instrument
        )
    return Status(201, {"id": charge.pk, "version": charge.version, "disposition": "pending"})


class OutcomeIn(Schema):
    version: int
    disposition: ChargeDisposition
    on: IsoDate
    sentence: Annotated[str, Field(max_length=300)] = ""
    appealed: bool = False


@router.patch(
    "/{case_id}/charges/{charge_id}", response=dict[str, Any], summary="Record an outcome"
)
def charge_outcome(
    request: HttpRequest, case_id: int, charge_id: int, body: OutcomeIn
) -> dict[str, Any]:
    with transaction.atomic():
        case = selectors.case_get_for(user=request.user, case_id=case_id)
        charge = next(
            (c for p in case.persons.all() for c in p.charges.all() if c.pk == charge_id), None
        )
        if charge is None:
            raise NotFound(f"No charge {charge_id} in case {case_id}")
        updated = services.charge_dispose(
            actor=request.user,
            charge=charge,
            expected_version=body.version,
            disposition=body.disposition,
            on=body.on,
            sentence=body.sentence,
            appealed=body.appealed,
        )
    return {"id": updated.pk, "version": updated.version, "disposition": updated.disposition}


@router.post(
    "/{case_id}/evidence",
    response={201: dict[str, Any]},
    summary="Register an exhibit (multipart: fields and an optional file)",
)
def evidence_create(
    request: HttpRequest,
    case_id: int,
    number: Form[Annotated[FilledText, Field(max_length=40)]],
    description: Form[Annotated[FilledText, Field(max_length=400)]],
    kind: Form[EvidenceKind],
    holder: Form[Annotated[FilledText, Field(max_length=200)]],
    origin: Form[EvidenceOrigin] = Evidence.Origin.POLICE,
    file: File[UploadedFile | None] = None,
) -> Status[dict[str, Any]]:
    content = file  # streamed from disk: hashed and copied in chunks, never read whole
    with transaction.atomic():
        case = selectors.case_get_for(user=request.user, case_id=case_id)
        item = services.evidence_add(
            actor=request.user,
            case=case,
            number=number,
            description=description,
            kind=kind,
            holder=holder,
            origin=origin,
            content=content,
            filename=file.name or "" if file else "",
        )
    return Status(201, {"id": item.pk, "version": item.version, "sha256": item.sha256 or None})


@router.get("/reviews/{campaign_id}", response=dict[str, Any], summary="A review's progress")
def review_progress(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    progress = selectors.campaign_progress_for(user=request.user, campaign_id=campaign_id)
    return {
        "id": progress.campaign.pk,
        "name": progress.campaign.name,
        "total": progress.total,
        "done": progress.done,
        "by_outcome": progress.by_outcome,
        "mine": [
            {"id": i.pk, "case": i.case_id, "outcome": i.outcome or None, "version": i.version}
            for i in progress.mine
        ],
    }
