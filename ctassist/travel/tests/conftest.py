"""Travel fixtures: a PIU in Kenya with an owner and a colleague, another PIU (Nigeria) with
its own officer — the outsider — and a message helper in the JSON form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from ctassist.geo.models import State
from ctassist.travel.manifest import manifest_json_write
from ctassist.travel.models import Unit
from ctassist.travel.records import (
    Document,
    Envelope,
    Flight,
    ItineraryItem,
    Leg,
    ListKind,
    MessageKind,
    Payment,
    PnrRecord,
    ReadMessage,
    SourceFormat,
    Ticket,
    Traveller,
    TravellerRole,
)
from ctassist.travel.services import member_set, unit_save


@dataclass
class Piu:
    unit: Unit
    owner: Any
    colleague: Any
    outsider: Any
    other_unit: Unit


@pytest.fixture
def piu(persona: Any) -> Piu:
    unit = unit_save(
        actor=None, code="piu-test-ken", name="Test PIU", country=State.objects.get(code="KEN")
    )
    other = unit_save(
        actor=None, code="piu-test-nga", name="Other PIU", country=State.objects.get(code="NGA")
    )
    owner = persona("piu-owner", countries=("KEN",))
    colleague = persona("piu-colleague", countries=("KEN",))
    outsider = persona("piu-outsider", countries=("NGA",))
    member_set(actor=None, unit=unit, username="piu-owner")
    member_set(actor=None, unit=unit, username="piu-colleague", approver=True)
    member_set(actor=None, unit=other, username="piu-outsider", approver=True)
    return Piu(unit, owner, colleague, outsider, other)


DEPARTS = dt.datetime(2025, 3, 1, 22, 0)  # noqa: DTZ001 (local time, as messages send it)


def person(family: str = "OKONJO", given: str = "AMARA", **extra: Any) -> Traveller:
    values: dict[str, Any] = {
        "family_name": family,
        "given_names": given,
        "born_on": dt.date(1980, 5, 17),
        "nationality": "GBR",
        "documents": [Document(kind="P", number=f"P{family}1", issuing_state="GBR")],
    }
    values.update(extra)
    return Traveller(**values)


def flight(number: str = "101", departs: dt.datetime = DEPARTS) -> Flight:
    return Flight(
        carrier="KQ",
        number=number,
        legs=[Leg("LHR", "NBO", departs, departs + dt.timedelta(hours=8))],
    )


def api_message(
    *travellers: Traveller, number: str = "101", departs: dt.datetime = DEPARTS
) -> bytes:
    return manifest_json_write(
        ReadMessage(
            name="api.json",
            kind=MessageKind.PAXLST,
            source_format=SourceFormat.JSON,
            digest="",
            envelope=Envelope(sender="TEST"),
            list_kind=ListKind.PASSENGERS,
            flights=[flight(number, departs)],
            travellers=list(travellers) or [person()],
        )
    )


def pnr_message(
    *travellers: Traveller,
    payment: str = "CA",
    booked_hours_before: int = 10,
    one_way: bool = True,
    departs: dt.datetime = DEPARTS,
) -> bytes:
    people = list(travellers) or [person()]
    for traveller in people:
        traveller.tickets = [Ticket(number="07012345", payments=[Payment(kind=payment)])]
    itinerary = [ItineraryItem("KQ", "101", "LHR", "NBO", departs)]
    if not one_way:
        itinerary.append(ItineraryItem("KQ", "100", "NBO", "LHR", departs + dt.timedelta(days=9)))
    return manifest_json_write(
        ReadMessage(
            name="pnr.json",
            kind=MessageKind.PNRGOV,
            source_format=SourceFormat.JSON,
            digest="",
            flights=[flight(departs=departs)],
            pnrs=[
                PnrRecord(
                    record_locator="ABC123",
                    carrier="KQ",
                    booked_at=departs - dt.timedelta(hours=booked_hours_before),
                    travellers=people,
                    itinerary=itinerary,
                )
            ],
        )
    )


__all__ = ["TravellerRole"]
