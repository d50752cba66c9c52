import datetime as dt
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from ctassist.core.api.auth import optional_auth, required_auth
from ctassist.core.api.types import FilledText, IsoDate, M49Code, WebAddress
from ctassist.treaties import payloads, selectors, services
from ctassist.treaties.rules import ActionKind

router = Router(tags=["treaties"], auth=optional_auth)

Basis = Literal["deposit", "effective"]


class AsOf(Schema):
    as_of: IsoDate | None = Field(None, description="date (YYYY-MM-DD); default today")
    basis: Basis = Field(
        "deposit",
        description="party from the date of deposit, or the date "
        "the instrument took effect for the State",
    )


class CellOut(Schema):
    instrument: str
    party: bool | None = Field(..., description="null: the records held cannot tell")
    status: str = Field(
        ...,
        description="party, party_undated, effect_undated, deposit_undated, not_yet, signatory, "
        "denounced, "
        "not_party, no_record",
    )
    action: str | None
    date: dt.date | None
    effective_date: dt.date | None


class CoverageOut(Schema):
    depositary_party_count: int | None
    depositary_count_as_at: dt.date | None
    complete_scope: str
    complete_from: str | None
    complete_to: str | None
    complete_as_at: dt.date | None
    missing_note: str


class InstrumentOut(Schema):
    instrument: str
    title: str
    as_of: dt.date
    basis: str
    parties: list[dict[str, Any]]
    signatories: list[dict[str, Any]]
    entry_into_force: dt.date | None
    entry_into_force_computed: dt.date | None
    parties_at_entry_into_force: int | None
    threshold_reached_by: dict[str, Any] | None
    coverage: list[CoverageOut]


class InstrumentSummary(Schema):
    instrument: str
    title: str
    adoption_date: dt.date
    entry_into_force: dt.date | None
    parties_held: int
    depositary_party_count: int | None


class FullAdherenceOut(Schema):
    rank: int | None
    state: str
    name: str
    date: dt.date | None


class PeriodInstrumentOut(Schema):
    instrument: str
    action: str
    date: dt.date | None
    effective_date: dt.date | None = None


class PeriodStateOut(Schema):
    state: str
    name: str
    certain: bool = True
    instruments: list[PeriodInstrumentOut]


class PeriodOut(Schema):
    states: list[PeriodStateOut]
    paragraph: list[str]


class PeriodQuery(Schema):
    from_: IsoDate = Field(..., alias="from")
    to: IsoDate
    basis: Basis = "deposit"


class MatrixOut(Schema):
    as_of: dt.date
    basis: str
    instruments: list[str]
    rows: list[dict[str, Any]]


@router.get("/instruments", response=list[InstrumentSummary], summary="The 19 instruments")
def instruments(request: HttpRequest, query: Query[AsOf]) -> list[InstrumentSummary]:
    snapshot = selectors.treaty_snapshot()
    out = []
    for item in snapshot.instruments:
        status = selectors.instrument_status(
            code=item.instrument.code, as_of=query.as_of, basis=query.basis, snapshot=snapshot
        )
        out.append(
            InstrumentSummary(
                instrument=item.instrument.code,
                title=item.instrument.title,
                adoption_date=item.instrument.adoption_date,
                entry_into_force=item.general_eif,
                parties_held=status.held_count,
                depositary_party_count=status.depositary.depositary_party_count
                if status.depositary
                else None,
            )
        )
    return out


@router.get("/instruments/{code}", response=InstrumentOut, summary="An instrument's status")
def instrument(request: HttpRequest, code: str, query: Query[AsOf]) -> dict[str, Any]:
    return payloads.instrument_payload(
        selectors.instrument_status(code=code, as_of=query.as_of, basis=query.basis)
    )


@router.get("/states/{code}", response=list[CellOut], summary="A State's profile")
def state(request: HttpRequest, code: str, query: Query[AsOf]) -> list[dict[str, Any]]:
    return payloads.state_profile_payload(
        selectors.state_profile(code=code, as_of=query.as_of, basis=query.basis)
    )


@router.get(
    "/full-adherence", response=list[FullAdherenceOut], summary="States party to all 19, in order"
)
def full_adherence(request: HttpRequest, query: Query[AsOf]) -> list[dict[str, Any]]:
    return payloads.full_adherence_payload(
        selectors.full_adherence(as_of=query.as_of, basis=query.basis)
    )


@router.get("/changes", response=PeriodOut, summary="States that became party in a period")
def changes(request: HttpRequest, query: Query[PeriodQuery]) -> dict[str, Any]:
    from ctassist.treaties.paragraph import period_paragraph

    result = selectors.period_changes(start=query.from_, end=query.to, basis=query.basis)
    return {"states": payloads.period_payload(result), "paragraph": period_paragraph(result)}


@router.get("/matrix", response=MatrixOut, summary="States × instruments")
def matrix(
    request: HttpRequest, query: Query[AsOf], region: M49Code | None = None
) -> dict[str, Any]:
    result = selectors.adherence_matrix(as_of=query.as_of, basis=query.basis, region=region)
    return {
        "as_of": result.as_of,
        "basis": result.basis,
        "instruments": [i.code for i in result.instruments],
        "rows": [
            {"state": s.code, "name": s.name, "cells": [payloads.cell_payload(c) for c in cells]}
            for s, cells in result.rows
        ],
    }


class ActionIn(Schema):
    instrument_id: str = Field(..., pattern=r"^[A-Z][A-Z0-9_]*$", examples=["HOSTAGES_1979"])
    participant: FilledText = Field(..., description="State name or ISO alpha-3 code")
    action: ActionKind
    date: IsoDate | None = None
    effective_date: IsoDate | None = None
    source_url: WebAddress = Field(..., description="where it is published")
    note: str = ""


@router.post(
    "/actions",
    response={201: CellOut},
    auth=required_auth,
    summary="Record a treaty action (editors)",
)
@transaction.atomic  # the write and its audit entries, stored together or not at all
def action_create(request: HttpRequest, body: ActionIn) -> Status[Any]:
    row = {
        "instrument_id": body.instrument_id,
        "participant": body.participant,
        "action": body.action.value,
        "date": body.date.isoformat() if body.date else "",
        "effective_date": body.effective_date.isoformat() if body.effective_date else "",
        "source_url": body.source_url,
        "status_as_at": "",
        "note": body.note,
    }
    action = services.action_record(actor=request.user, row=row)
    profile = selectors.state_profile(code=action.state.code)
    cell = next(c for i, c in profile.cells if i.code == action.instrument.code)
    return Status(201, payloads.cell_payload(cell))
