"""Travel in `ctassist demo`: a Kenyan passenger information unit (marked illustrative), its
officer and supervisor (who holds the approval role), two risk rules, and generated flights
arriving in Nairobi over the last days — API and PNR messages in the JSON form, sent by
"DEMO GENERATED". Every name is generated from common names, except one traveller whose name
is a spelling variant of a listed name (so the demo has a watchlist hit to review); none is a
real person's record."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from ctassist.accounts.demo import DEMO_ORGANISATION, demo_password
from ctassist.accounts.models import User
from ctassist.accounts.services import user_create
from ctassist.core.setup import Progress
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
from ctassist.travel.services import member_set, message_ingest, rule_save, unit_save

UNIT_CODE = "piu-ken"
OFFICER = "demo-piu-officer-ken"
SUPERVISOR = "demo-piu-supervisor-ken"
SENDER = "DEMO GENERATED"
# (carrier, number, from, via, hours before now it lands, passengers)
FLIGHTS = (
    ("KQ", "101", "LHR", "", 50, 12),
    ("ET", "308", "ADD", "", 30, 10),
    ("TK", "607", "IST", "", 20, 14),
    ("QR", "1341", "DOH", "", 8, 11),
    ("EK", "719", "DXB", "", 3, 9),
)
FAMILY_NAMES = (
    "OTIENO WANJIKU MUTUA ADEYEMI SMITH GARCIA NGUYEN HASSAN KOWALSKI SILVA ROSSI TANAKA "
    "MULLER DUBOIS PETROV OKAFOR KAMAU NJOROGE ACHIENG ODHIAMBO"
)
FAMILY = FAMILY_NAMES.split()
GIVEN_NAMES = "AMINA BRIAN CAROL DANIEL ESTHER FARAH GRACE HENRY IRENE JAMES KEVIN LUCY MARY"
GIVEN = GIVEN_NAMES.split()
COUNTRIES = ("KEN", "GBR", "USA", "ETH", "TUR", "QAT", "ARE", "IND", "NGA", "FRA")
# A spelling variant of a name on the UN list (the screening demo's list): the demo's hit.
LISTED_VARIANT = ("BADEGE", "ERIK", dt.date(1971, 3, 2), "COD")
RULES = (
    (
        "Cash payment, booked within 48 hours",
        {"payment_kinds": ["CA"], "booked_within_hours": 48},
    ),
    ("One-way journey ending in Nairobi", {"arrival_airports": ["NBO"], "one_way": True}),
)


@dataclass
class TravelDemoReport:
    flights: int
    hits: int


def _people(rng: random.Random, count: int, index: int) -> list[Traveller]:
    people = []
    for n in range(count):
        country = rng.choice(COUNTRIES)
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))
        family, given = rng.choice(FAMILY), rng.choice(GIVEN)
        if index == 2 and n == 0:
            family, given, born, country = LISTED_VARIANT
        people.append(
            Traveller(
                role=TravellerRole.PASSENGER,
                family_name=family,
                given_names=given,
                sex=rng.choice("MF"),
                born_on=born,
                nationality=country,
                documents=[
                    Document(
                        kind="P",
                        number=f"D{index}{n:03d}{rng.randrange(10**5):05d}",
                        issuing_state=country,
                        expires_on=dt.date(2031, 1, 1),
                    )
                ],
                pnr_locator=f"DM{index}{n:03d}",
                seat=f"{n // 6 + 1}{'ABCDEF'[n % 6]}",
            )
        )
    return people


def _messages(index: int, now: dt.datetime, rng: random.Random) -> tuple[bytes, bytes]:
    carrier, number, origin, _via, hours, count = FLIGHTS[index]
    arrives = (now - dt.timedelta(hours=hours)).replace(second=0, microsecond=0, tzinfo=None)
    departs = arrives - dt.timedelta(hours=7)
    flight = Flight(
        carrier=carrier,
        number=number,
        legs=[Leg(origin, "NBO", departs, arrives)],
    )
    people = _people(rng, count, index)
    crew = [
        Traveller(
            role=TravellerRole.CREW,
            family_name=rng.choice(FAMILY),
            given_names=rng.choice(GIVEN),
            nationality="KEN",
            documents=[Document(kind="P", number=f"C{index}{n:03d}", issuing_state="KEN")],
        )
        for n in range(3)
    ]
    envelope = Envelope(sender=SENDER, recipient="KEN PIU", prepared_at=departs)
    api = ReadMessage(
        name=f"demo-api-{carrier}{number}.json",
        kind=MessageKind.PAXLST,
        source_format=SourceFormat.JSON,
        digest="",
        envelope=envelope,
        list_kind=ListKind.PASSENGERS,
        reporting_party=SENDER,
        flights=[flight],
        travellers=people + crew,
    )
    pnrs = []
    for n, person in enumerate(people[: count // 2]):
        cash = n % 4 == 0
        booked = departs - dt.timedelta(hours=20 if cash else 24 * 30)
        pnr_person = Traveller(
            family_name=person.family_name,
            given_names=person.given_names,
            born_on=person.born_on,
            nationality=person.nationality,
            documents=person.documents,
            traveller_ref="1",
            tickets=[Ticket(number=f"0700000{index}{n:04d}", payments=[
                Payment(kind="CA" if cash else "CC", last_digits="" if cash else "4242")])],
        )  # fmt: skip
        pnrs.append(
            PnrRecord(
                record_locator=person.pnr_locator,
                carrier=carrier,
                booked_at=booked,
                travellers=[pnr_person],
                itinerary=[
                    ItineraryItem(carrier, number, origin, "NBO", departs, arrives),
                    *(
                        []
                        if cash
                        else [ItineraryItem(carrier, number, "NBO", origin, departs, arrives)]
                    ),
                ],
            )
        )
    pnr = ReadMessage(
        name=f"demo-pnr-{carrier}{number}.json",
        kind=MessageKind.PNRGOV,
        source_format=SourceFormat.JSON,
        digest="",
        envelope=envelope,
        flights=[flight],
        pnrs=pnrs,
    )
    return manifest_json_write(api), manifest_json_write(pnr)


def travel_demo_load(*, progress: Progress | None = None) -> TravelDemoReport:
    kenya = State.objects.get(code="KEN")
    unit = Unit.objects.filter(code=UNIT_CODE).first()
    if unit is None:
        unit = unit_save(
            actor=None,
            code=UNIT_CODE,
            name="Kenya Passenger Information Unit (demo)",
            country=kenya,
        )
        Unit.objects.filter(pk=unit.pk).update(illustrative=True)
    for username in (OFFICER, SUPERVISOR):
        if not User.objects.filter(username=username).exists():
            user_create(
                actor=None,
                username=username,
                role="practitioner",
                countries=("KEN",),
                password=demo_password(),
                organisation=DEMO_ORGANISATION,
            )
        member_set(
            actor=None,
            unit=unit,
            username=username,
            approver=True if username == SUPERVISOR else None,
        )
    if unit.messages.exists():
        return TravelDemoReport(flights=0, hits=0)
    officer = User.objects.get(username=OFFICER)
    for name, criteria in RULES:
        rule_save(actor=officer, unit=unit, name=name, criteria=criteria)
    rng = random.Random(19)  # noqa: S311 (generated demo names, not secrets)
    now = timezone.now()
    hits = 0
    for index in range(len(FLIGHTS)):
        for number, raw in enumerate(_messages(index, now, rng)):
            result = message_ingest(
                actor=None, raw=raw, name=f"demo-{index}-{number}.json", unit=unit
            )
            hits += result.hits
        if progress:
            progress(1, len(FLIGHTS))
    return TravelDemoReport(flights=len(FLIGHTS), hits=hits)
