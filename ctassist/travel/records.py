"""What the travel readers give: plain, typed dataclasses, the same for every form a message
arrives in (UN/EDIFACT PAXLST or PNRGOV, or our JSON and CSV forms, docs/travel.md).

No Django here: the travel app's models and services are built on top of these. Dates of birth,
document dates and booking dates are plain `date`s; flight times are naive `datetime`s in the
local time of the airport, exactly as carriers send them (PAXLST DTM+189/232, PNRGOV TVL): the
message carries no time zone, and guessing one from the airport belongs to the app, not the
reader. Sensitive data (docs/travel.md) never reaches these objects: only how many items of each
category were dropped (`SensitiveCounts`).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field


class MessageKind(enum.StrEnum):
    PAXLST = "PAXLST"  # Advance Passenger Information (API)
    PNRGOV = "PNRGOV"  # Passenger Name Record (PNR)


class SourceFormat(enum.StrEnum):
    EDIFACT = "EDIFACT"
    JSON = "JSON"
    CSV = "CSV"


class ListKind(enum.StrEnum):
    """PAXLST BGM: 745 passenger list, 250 crew list."""

    PASSENGERS = "passengers"
    CREW = "crew"


class TravellerRole(enum.StrEnum):
    PASSENGER = "passenger"
    CREW = "crew"


@dataclass(frozen=True)
class Problem:
    """Something wrong or unexpected in a message that did not stop it from being read.
    `segment` is the 1-based number of the segment at fault, counted from the first segment of
    the file (the UNA service string advice, when there is one, is segment 1); 0 when the
    problem is about the message as a whole (for the JSON and CSV forms: the line)."""

    segment: int
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"segment": self.segment, "message": self.message}


@dataclass
class Envelope:
    """UNB (interchange) and UNH (message header)."""

    sender: str = ""
    recipient: str = ""
    interchange_reference: str = ""
    prepared_at: dt.datetime | None = None
    message_reference: str = ""
    message_type: str = ""  # PAXLST, PNRGOV
    message_version: str = ""  # D02B, D05B; 10.1, 13.1


@dataclass
class Leg:
    """One take-off and landing. Times are local at each airport, as sent."""

    departure_airport: str = ""
    arrival_airport: str = ""
    departs_at: dt.datetime | None = None
    arrives_at: dt.datetime | None = None


@dataclass
class Flight:
    """A flight number and its legs in order (a multi-leg flight keeps one number)."""

    carrier: str = ""
    number: str = ""  # digits without leading zeros, then any suffix letter: "989", "12A"
    legs: list[Leg] = field(default_factory=list)

    @property
    def designator(self) -> str:
        return f"{self.carrier}{self.number}"

    @property
    def routing(self) -> list[str]:
        """The airports in order: ["IAD", "JFK", "CDG"]."""
        airports: list[str] = []
        for leg in self.legs:
            for airport in (leg.departure_airport, leg.arrival_airport):
                if airport and (not airports or airports[-1] != airport):
                    airports.append(airport)
        return airports


@dataclass
class Document:
    """A travel document: PAXLST DOC/DTM+36/LOC+91, or PNR SSR DOCS (passport) and DOCO (visa).
    `kind` is the code the carrier sent: P passport, V visa, I/ID identity card, …"""

    kind: str = ""
    number: str = ""
    issuing_state: str = ""
    expires_on: dt.date | None = None
    issued_on: dt.date | None = None
    issue_place: str = ""
    family_name: str = ""  # the name on the document, when it differs from the booking (SSR)
    given_names: str = ""


@dataclass
class Address:
    """PNR ADD or SSR DOCA. `kind` is the carrier's qualifier (702 home, R residence, D
    destination, …)."""

    kind: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postcode: str = ""
    country: str = ""


@dataclass
class Contact:
    """A telephone number or e-mail address (PNR ADD, IFT/OSI CTCx)."""

    kind: str = ""  # phone, mobile, email, business, home, agency
    value: str = ""


@dataclass
class Reference:
    """A reference as sent: PAXLST RFF (AVF PNR locator, ABO passenger reference, SEA seat, …),
    PNR REF (unique passenger reference)."""

    qualifier: str = ""
    value: str = ""


@dataclass
class FrequentFlyer:
    carrier: str = ""
    number: str = ""
    tier: str = ""


@dataclass
class Seat:
    """A seat on a leg of the itinerary (PNR SSR SEAT or SSD). `traveller_ref` is the PNR's
    traveller reference (TIF), "" when the carrier left it out."""

    number: str = ""
    traveller_ref: str = ""
    departure_airport: str = ""
    arrival_airport: str = ""
    flight: str = ""  # carrier and number: "DL324"


@dataclass
class Payment:
    """Form of payment, masked on arrival: only the type (CC card, CA cash, MS miscellaneous,
    …) and the last four digits of a card number are ever kept."""

    kind: str = ""
    last_digits: str = ""


@dataclass
class Ticket:
    number: str = ""
    issued_on: dt.date | None = None
    total: str = ""  # amount and currency as sent: "2957.94 GBP"
    payments: list[Payment] = field(default_factory=list)


@dataclass
class Traveller:
    """A passenger or crew member (PAXLST NAD+FL/FM group), or a PNR traveller (TIF group, with
    what its SSR DOCS tell). Never holds a special meal, a health-revealing service or
    sensitive free text (docs/travel.md)."""

    role: TravellerRole = TravellerRole.PASSENGER
    family_name: str = ""
    given_names: str = ""
    sex: str = ""  # M, F, X or U as sent; "" when absent
    born_on: dt.date | None = None
    nationality: str = ""
    residence: str = ""
    birthplace: str = ""
    embarks_at: str = ""
    debarks_at: str = ""
    in_transit: bool = False
    pnr_locator: str = ""
    seat: str = ""
    traveller_ref: str = ""  # PNR TIF reference ("1"); PAXLST RFF+ABO
    documents: list[Document] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    frequent_flyer: list[FrequentFlyer] = field(default_factory=list)
    tickets: list[Ticket] = field(default_factory=list)
    services: list[str] = field(default_factory=list)  # other SSR codes kept (VIP, FQTV, …)
    remarks: list[str] = field(default_factory=list)  # free text that passed the filter
    segment: int = 0  # where the traveller starts in the message (0 for JSON/CSV)


@dataclass
class TravelAgency:
    """The booking office (PNR ORG at record level)."""

    carrier_or_system: str = ""
    location: str = ""
    agency_code: str = ""  # IATA or other office number
    agency_city: str = ""
    originator_kind: str = ""  # A airline, T travel agency, …
    country: str = ""
    currency: str = ""
    agent: str = ""


@dataclass
class ItineraryItem:
    """A booked leg (PNR TVL): its flight, airports, local times, booking class and status."""

    carrier: str = ""
    number: str = ""
    departure_airport: str = ""
    arrival_airport: str = ""
    departs_at: dt.datetime | None = None
    arrives_at: dt.datetime | None = None
    booking_class: str = ""
    status: str = ""  # RPI: HK confirmed, …

    @property
    def designator(self) -> str:
        return f"{self.carrier}{self.number}"


@dataclass
class HistoryEntry:
    """A booking history item (ABI/DAT then SAC + the changed element). `action` is SAC's code
    (A added, X cancelled, …); `element` the kind of element (TVL, SSR, …); `text` a short,
    filtered description of it."""

    action: str = ""
    element: str = ""
    text: str = ""
    changed_at: dt.datetime | None = None
    changed_by: str = ""


@dataclass
class PnrRecord:
    """One booking (PNRGOV SRC group)."""

    record_locator: str = ""
    carrier: str = ""
    other_locators: list[str] = field(default_factory=list)  # "ET:06A9FD"
    booked_at: dt.datetime | None = None  # RCI creation date, when sent
    last_changed_at: dt.datetime | None = None  # DAT+700
    ticketed_at: dt.datetime | None = None  # DAT+710
    travellers: list[Traveller] = field(default_factory=list)
    itinerary: list[ItineraryItem] = field(default_factory=list)
    seats: list[Seat] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    agency: TravelAgency | None = None
    services: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    segment: int = 0


@dataclass
class SensitiveCounts:
    """How many items the sensitive-data filter dropped, by category (sensitive.CATEGORIES);
    never what they said."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, category: str) -> None:
        self.counts[category] = self.counts.get(category, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class ReadMessage:
    """A message read: what it says (kind … pnrs), and what reading it found (problems,
    sensitive items dropped)."""

    name: str
    kind: MessageKind
    source_format: SourceFormat
    digest: str
    envelope: Envelope = field(default_factory=Envelope)
    list_kind: ListKind | None = None  # PAXLST only
    reporting_party: str = ""  # PAXLST NAD+MS
    flights: list[Flight] = field(default_factory=list)
    travellers: list[Traveller] = field(default_factory=list)  # PAXLST; PNR: see pnrs
    pnrs: list[PnrRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    filtered: SensitiveCounts = field(default_factory=SensitiveCounts)

    @property
    def all_travellers(self) -> list[Traveller]:
        """PAXLST travellers, or every PNR's travellers."""
        return self.travellers + [t for pnr in self.pnrs for t in pnr.travellers]

    @property
    def passenger_count(self) -> int:
        return sum(1 for t in self.all_travellers if t.role is TravellerRole.PASSENGER)

    @property
    def crew_count(self) -> int:
        return sum(1 for t in self.all_travellers if t.role is TravellerRole.CREW)
