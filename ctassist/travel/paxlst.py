"""PAXLST (UN/EDIFACT D:02B and D:05B, WCO/IATA/ICAO API guidelines): passenger lists
(BGM+745) and crew lists (BGM+250) into `ReadMessage`.

Segment groups as read (the guidelines' numbering): NAD+MS/COM reporting party (Gr1); TDT+20
flight (Gr2) with LOC+125/87/92 and DTM+189/232 (Gr3); NAD+FL/FM/DDT/DDU traveller (Gr4) with
ATT+2, DTM+329, GEI, FTX, LOC+22/174/178/179/180, COM, EMP, NAT+2, RFF, DOC (Gr5) with DTM+36/182
and LOC+91; CNT+41/42. Consecutive TDTs with one flight number are the legs of one flight.
API is limited to document data (ICAO Annex 9 §9.8), so free text (FTX) is never kept.
"""

from __future__ import annotations

import re

from ctassist.travel.edifact import Segment, Tokenized, dtm_read, edifact_datetime
from ctassist.travel.interchange import SERVICE_TAGS, EnvelopeReader
from ctassist.travel.records import (
    Document,
    Flight,
    Leg,
    ListKind,
    MessageKind,
    Problem,
    ReadMessage,
    Reference,
    SourceFormat,
    Traveller,
    TravellerRole,
)

LIST_KINDS = {"745": ListKind.PASSENGERS, "250": ListKind.CREW, "266": ListKind.PASSENGERS}
ROLES = {
    "FL": (TravellerRole.PASSENGER, False),
    "DDT": (TravellerRole.PASSENGER, True),
    "FM": (TravellerRole.CREW, False),
    "DDU": (TravellerRole.CREW, True),
    "COT": (TravellerRole.CREW, False),
}
READ_VERSIONS = ("D02B", "D05B")
# Segments a PAXLST may hold that carry nothing we keep.
_QUIETLY_SKIPPED = frozenset({"COM", "GEI", "FTX", "EMP", "MEA", "QTY", "CPI", "ERP", "EQD"})
_NUMBER_ONLY = re.compile(r"^0*(?P<number>\d+[A-Z]?)$")
_FLIGHT_ID = re.compile(r"^(?P<carrier>[A-Z0-9]{2}[A-Z]?)0*(?P<number>\d{1,4}[A-Z]?)$")


def flight_designator_split(identifier: str, carrier: str = "") -> tuple[str, str]:
    """("UA0989", "UA") → ("UA", "989"); ("TN506", "") → ("TN", "506"). A three-character
    carrier is recognised when its third character is a letter (ICAO codes)."""
    identifier = identifier.replace(" ", "").upper()
    carrier = carrier.strip().upper()
    number_only = _NUMBER_ONLY.match(identifier)
    if number_only:
        return carrier, number_only["number"]
    if carrier and identifier.startswith(carrier):
        rest = identifier[len(carrier) :].lstrip("0")
        return carrier, rest or "0"
    match = _FLIGHT_ID.match(identifier)
    if match:
        return carrier or match["carrier"], match["number"]
    return carrier, identifier


class _PaxlstReader:
    def __init__(self, tokenized: Tokenized, message: ReadMessage) -> None:
        self.tokens = tokenized
        self.message = message
        self.problems: list[Problem] = message.problems
        self.envelope = EnvelopeReader(self.problems)
        self.flight: Flight | None = None
        self.leg: Leg | None = None
        self.place_qualifier = ""  # the last Gr3 LOC, for its DTM
        self.traveller: Traveller | None = None
        self.document: Document | None = None
        self.declared: dict[str, tuple[int, Segment]] = {}

    def problem(self, segment: Segment, text: str) -> None:
        self.problems.append(Problem(segment.number, text))

    def read(self) -> None:
        segments = self.tokens.segments
        for index, segment in enumerate(segments):
            if segment.tag in SERVICE_TAGS:
                self.envelope.read(segment, index)
                continue
            handler = getattr(self, f"_{segment.tag.lower()}", None)
            if handler is not None:
                handler(segment)
            elif segment.tag not in _QUIETLY_SKIPPED:
                self.problem(segment, f"{segment.tag} is not a PAXLST segment; ignored")
        self.envelope.finish(segments[-1])
        self.message.envelope = self.envelope.envelope
        if self.message.envelope.message_version not in READ_VERSIONS:
            self.problems.append(
                Problem(
                    0,
                    f"PAXLST version {self.message.envelope.message_version or '(none)'} is "
                    f"not one of {', '.join(READ_VERSIONS)}; read as they are",
                )
            )
        self._counts_check()

    # ---- header ----
    def _bgm(self, segment: Segment) -> None:
        code = segment.value(0)
        kind = LIST_KINDS.get(code)
        if kind is None:
            self.problem(segment, f"BGM document code {code!r} unknown; read as a passenger list")
            kind = ListKind.PASSENGERS
        self.message.list_kind = kind

    def _rff(self, segment: Segment) -> None:
        qualifier, value = segment.value(0), segment.value(0, 1)
        if self.traveller is None:
            return  # RFF+TN transaction reference of the message
        reference = Reference(qualifier=qualifier, value=value)
        self.traveller.references.append(reference)
        if qualifier == "AVF" and not self.traveller.pnr_locator:
            self.traveller.pnr_locator = value
        elif qualifier == "SEA":
            self.traveller.seat = value
        elif qualifier == "ABO" and not self.traveller.traveller_ref:
            self.traveller.traveller_ref = value
        elif qualifier not in {"AEA", "CR", "ACD", "AAN", "ZZZ", "AVF", "ABO", "TN", "AAJ"}:
            self.problem(segment, f"RFF qualifier {qualifier!r} unknown; kept as sent")

    def _nad(self, segment: Segment) -> None:
        qualifier = segment.value(0)
        if qualifier == "MS":
            self.message.reporting_party = segment.value(3) or segment.value(1)
            return
        if qualifier not in ROLES:
            self.problem(segment, f"NAD qualifier {qualifier!r} unknown; the party is ignored")
            self.traveller = None
            return
        role, in_transit = ROLES[qualifier]
        names = [n for n in segment.components(3) if n]
        self.traveller = Traveller(
            role=role,
            in_transit=in_transit,
            family_name=names[0] if names else "",
            given_names=" ".join(names[1:]),
            segment=segment.number,
        )
        self.document = None
        if not names:
            self.problem(segment, "a traveller without a name")
        self.message.travellers.append(self.traveller)

    def _att(self, segment: Segment) -> None:
        if self.traveller is not None and segment.value(0) == "2":
            self.traveller.sex = segment.value(2).upper()[:1]

    def _nat(self, segment: Segment) -> None:
        if self.traveller is not None:
            self.traveller.nationality = segment.value(1).upper()

    def _doc(self, segment: Segment) -> None:
        if self.traveller is None:
            self.problem(segment, "DOC outside a traveller; ignored")
            return
        self.document = Document(kind=segment.value(0).upper(), number=segment.value(1))
        self.traveller.documents.append(self.document)

    # ---- flights ----
    def _tdt(self, segment: Segment) -> None:
        if segment.value(0) != "20":
            self.problem(segment, f"TDT qualifier {segment.value(0)!r} unknown; read as a flight")
        carrier, number = flight_designator_split(segment.value(1), segment.value(4))
        previous = self.message.flights[-1] if self.message.flights else None
        if previous is not None and (previous.carrier, previous.number) == (carrier, number):
            self.flight = previous
        else:
            self.flight = Flight(carrier=carrier, number=number)
            self.message.flights.append(self.flight)
        self.leg = Leg()
        self.flight.legs.append(self.leg)
        self.traveller = None

    def _loc(self, segment: Segment) -> None:
        qualifier, place = segment.value(0), segment.value(1).upper()
        if self.traveller is None:
            self._flight_place(segment, qualifier, place)
            return
        if qualifier == "91" and self.document is not None:
            self.document.issuing_state = place
            return
        attribute = {
            "178": "embarks_at",
            "179": "debarks_at",
            "174": "residence",
            "180": "birthplace",
            "22": "",  # customs clearance at arrival: the flight's business, not the person's
        }.get(qualifier)
        if attribute is None:
            self.problem(segment, f"LOC qualifier {qualifier!r} unknown for a traveller; ignored")
        elif attribute == "birthplace":
            # LOC+180+:::Hartford USA — a name instead of a code
            named = segment.value(1, 3)
            self.traveller.birthplace = f"{place} {named}".strip() if place else named
        elif attribute:
            setattr(self.traveller, attribute, place)

    def _flight_place(self, segment: Segment, qualifier: str, place: str) -> None:
        if self.leg is None:
            self.problem(segment, "LOC before any TDT flight; ignored")
            return
        if qualifier == "125" or (qualifier == "92" and not self.leg.departure_airport):
            self.leg.departure_airport = place
            self.place_qualifier = "departure"
        elif qualifier in ("87", "92"):
            self.leg.arrival_airport = place
            self.place_qualifier = "arrival"
        else:
            self.problem(segment, f"LOC qualifier {qualifier!r} unknown for a flight; ignored")

    def _dtm(self, segment: Segment) -> None:
        qualifier, value = segment.value(0), segment.value(0, 1)
        try:
            if qualifier in ("189", "232"):
                self._flight_time(segment, qualifier, value)
            elif qualifier == "329" and self.traveller is not None:
                self.traveller.born_on = dtm_read(
                    value, past=True, reference_year=self.envelope.reference_year
                )
            elif qualifier in ("36", "182") and self.document is not None:
                when = dtm_read(value)
                if qualifier == "36":
                    self.document.expires_on = when
                else:
                    self.document.issued_on = when
            elif qualifier not in ("329", "36", "182"):
                self.problem(segment, f"DTM qualifier {qualifier!r} unknown; ignored")
        except ValueError:
            self.problem(segment, f"DTM+{qualifier} {value!r} is not a readable date; ignored")

    def _flight_time(self, segment: Segment, qualifier: str, value: str) -> None:
        if self.leg is None:
            self.problem(segment, f"DTM+{qualifier} before any TDT flight; ignored")
            return
        when = edifact_datetime(value)
        if qualifier == "189":
            self.leg.departs_at = when
            # LOC+92 then DTM+189: that place was the departure
            if self.place_qualifier == "arrival" and self.leg.departure_airport == "":
                self.leg.departure_airport = self.leg.arrival_airport
                self.leg.arrival_airport = ""
        else:
            self.leg.arrives_at = when
            if self.place_qualifier == "departure" and not self.leg.arrival_airport:
                self.leg.arrival_airport = self.leg.departure_airport
                self.leg.departure_airport = ""

    # ---- totals ----
    def _cnt(self, segment: Segment) -> None:
        qualifier = segment.value(0)
        declared = segment.value(0, 1) or segment.value(1)  # CNT+41:8, or carriers' CNT+41+8
        if qualifier not in ("41", "42"):
            self.problem(segment, f"CNT qualifier {qualifier!r} unknown; ignored")
        elif not declared.isdigit():
            self.problem(segment, f"CNT+{qualifier} total {declared!r} is not a number")
        else:
            self.declared[qualifier] = (int(declared), segment)

    def _counts_check(self) -> None:
        held = {"42": self.message.passenger_count, "41": self.message.crew_count}
        names = {"42": "passengers", "41": "crew members"}
        for qualifier, (declared, segment) in self.declared.items():
            if declared != held[qualifier]:
                self.problem(
                    segment,
                    f"CNT+{qualifier} declares {declared} {names[qualifier]}; "
                    f"the message holds {held[qualifier]}",
                )


def paxlst_read(tokenized: Tokenized, *, name: str, digest: str) -> ReadMessage:
    """A PAXLST interchange, already tokenized. Never raises on content: problems are listed."""
    message = ReadMessage(
        name=name,
        kind=MessageKind.PAXLST,
        source_format=SourceFormat.EDIFACT,
        digest=digest,
        problems=list(tokenized.problems),
    )
    _PaxlstReader(tokenized, message).read()
    if message.list_kind is None:
        message.list_kind = ListKind.PASSENGERS
    return message
