"""PNRGOV (IATA/WCO/ICAO PNRGOV EDIFACT 10.1 to 13.1): push messages of Passenger Name Records
into `ReadMessage`, one `PnrRecord` per SRC group.

Groups as read: MSG/ORG/TVL/EQN header (the TVL before the first SRC is the flight the push is
for); SRC starts a record: RCI (record locator, creation date), SSR, DAT (700 last change, 710
ticketing), IFT (free text, OSI contacts), ORG (the booking office), ADD, EBD; TIF starts a
traveller (Gr2): FTI, IFT, REF, FAR, SSR (DOCS passport, DOCO visa, DOCA address), ADD, TKT
(Gr3) with MON, PTK, TXD, DAT, FOP, IFT; TVL starts an itinerary leg (Gr5): TRA, RPI, APD, SSR
(SEAT), RCI, IFT, DAT, EQN, and TRI (Gr6) with the TIF of a traveller already named, SSD (seat),
TBD; ABI (Gr10) starts the history: DAT, then SAC (Gr11) with the element changed (TVL, SSR, …).

Every SSR and free text passes the sensitive filter (sensitive.py) before anything is built; a
form of payment keeps its type and a card's last four digits only. Other SSRs keep only their
code (`services`), never their free text.
"""

from __future__ import annotations

import datetime as dt
import enum

from ctassist.travel import sensitive
from ctassist.travel.edifact import (
    Segment,
    Tokenized,
    ddmmmyy_date,
    ddmmyy_datetime,
)
from ctassist.travel.interchange import SERVICE_TAGS, EnvelopeReader
from ctassist.travel.paxlst import flight_designator_split
from ctassist.travel.records import (
    Address,
    Contact,
    Document,
    Flight,
    FrequentFlyer,
    HistoryEntry,
    ItineraryItem,
    Leg,
    MessageKind,
    Payment,
    PnrRecord,
    Problem,
    ReadMessage,
    Reference,
    Seat,
    SourceFormat,
    Ticket,
    TravelAgency,
    Traveller,
)

READ_VERSIONS = ("10.1", "11.1", "12.1", "13.1")
_QUIETLY_SKIPPED = frozenset(
    {"MSG", "EQN", "EBD", "FAR", "PTK", "TXD", "APD", "TRA", "TBD", "ERC", "LTS", "TXT"}
)
_CONTACT_KINDS = {
    "E": "email",
    "M": "mobile",
    "H": "home",
    "B": "business",
    "T": "agency",
    "A": "agency",
    "P": "phone",
    "R": "phone",
}


class _Context(enum.Enum):
    HEADER = "header"
    RECORD = "record"
    TRAVELLER = "traveller"
    TICKET = "ticket"
    LEG = "leg"
    LEG_TRAVELLER = "leg traveller"
    HISTORY = "history"


def _reference(value: str) -> str:
    return value.strip().lstrip("0") or value.strip()


def _contact_from_osi(text: str) -> Contact | None:
    """IATA OSI contacts: "CTCE NAME//EXAMPLE.COM", "CTCM 0044…"."""
    text = text.strip()
    if len(text) < 6 or not text.startswith("CTC") or text[4] != " ":
        return None
    kind = _CONTACT_KINDS.get(text[3], "phone")
    value = text[5:].strip()
    if kind == "email":
        value = value.replace("//", "@").replace("./", "-").replace("..", "_")
    return Contact(kind=kind, value=value)


class _PnrgovReader:
    def __init__(self, tokenized: Tokenized, message: ReadMessage) -> None:
        self.tokens = tokenized
        self.message = message
        self.problems: list[Problem] = message.problems
        self.envelope = EnvelopeReader(self.problems)
        self.context = _Context.HEADER
        self.record: PnrRecord | None = None
        self.traveller: Traveller | None = None
        self.ticket: Ticket | None = None
        self.leg: ItineraryItem | None = None
        self.leg_traveller_ref = ""
        self.history_action = ""
        self.history_at: dt.datetime | None = None
        self.history_by = ""

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
                if self.record is None and segment.tag not in ("ORG", "TVL", "SRC"):
                    continue  # header segments other than the flight carry nothing we keep
                handler(segment)
            elif segment.tag not in _QUIETLY_SKIPPED:
                self.problem(segment, f"{segment.tag} is not a PNRGOV segment; ignored")
        self.envelope.finish(segments[-1])
        self.message.envelope = self.envelope.envelope
        version = self.message.envelope.message_version
        if version not in READ_VERSIONS:
            self.problems.append(
                Problem(0, f"PNRGOV version {version or '(none)'} is not one of "
                f"{', '.join(READ_VERSIONS)}; read as they are")
            )  # fmt: skip

    # ---- free text and services through the filter ----
    def _kept_text(self, text: str) -> bool:
        category = sensitive.text_category(text)
        if category is not None:
            self.message.filtered.add(category)
            return False
        return True

    def _kept_service(self, code: str) -> bool:
        category = sensitive.service_category(code)
        if category is not None:
            self.message.filtered.add(category)
            return False
        return True

    # ---- record ----
    def _src(self, segment: Segment) -> None:
        self.record = PnrRecord(segment=segment.number)
        self.message.pnrs.append(self.record)
        self.context = _Context.RECORD
        self.traveller = self.ticket = self.leg = None

    def _rci(self, segment: Segment) -> None:
        assert self.record is not None
        carrier, locator = segment.value(0), segment.value(0, 1)
        if self.context is _Context.RECORD and not self.record.record_locator:
            self.record.record_locator, self.record.carrier = locator, carrier
            parts = segment.components(0)[2:]
            dated = [i for i, part in enumerate(parts) if len(part) == 6 and part.isdigit()]
            if dated:
                time = parts[dated[0] + 1] if dated[0] + 1 < len(parts) else ""
                try:
                    self.record.booked_at = ddmmyy_datetime(parts[dated[0]], time)
                except ValueError:
                    self.problem(segment, f"RCI date {parts[dated[0]]!r} is not a date")
        elif locator and f"{carrier}:{locator}" not in self.record.other_locators:
            self.record.other_locators.append(f"{carrier}:{locator}")

    def _org(self, segment: Segment) -> None:
        if self.record is None or self.context is not _Context.RECORD:
            return  # the sender's ORG in the header
        self.record.agency = TravelAgency(
            carrier_or_system=segment.value(0),
            location=segment.value(0, 1),
            agency_code=segment.value(1),
            agency_city=segment.value(1, 1),
            originator_kind=segment.value(4),
            country=segment.value(5),
            currency=segment.value(5, 1),
            agent=segment.value(6),
        )

    def _dat(self, segment: Segment) -> None:
        for element in range(len(segment.elements)):
            qualifier, date, time = (segment.value(element, i) for i in range(3))
            if not date:
                continue
            try:
                when = ddmmyy_datetime(date, time)
            except ValueError:
                self.problem(segment, f"DAT+{qualifier} {date!r} is not a date; ignored")
                continue
            self._date_place(qualifier, when)

    def _date_place(self, qualifier: str, when: dt.datetime) -> None:
        assert self.record is not None
        if self.context is _Context.HISTORY:
            self.history_at = when
        elif self.context is _Context.TICKET and self.ticket is not None and qualifier == "710":
            self.ticket.issued_on = when.date()
        elif self.context is _Context.RECORD and qualifier == "700":
            self.record.last_changed_at = when
        elif qualifier == "710" and self.record.ticketed_at is None:
            self.record.ticketed_at = when

    def _ift(self, segment: Segment) -> None:
        assert self.record is not None
        text = " ".join(" ".join(c for c in element if c) for element in segment.elements[1:])
        text = text.strip()
        if not text or not self._kept_text(text):
            return
        if self.context is _Context.HISTORY:
            return
        holder: Traveller | PnrRecord = self.record
        if self.traveller is not None and self.context in (_Context.TRAVELLER, _Context.TICKET):
            holder = self.traveller
        contact = _contact_from_osi(text)
        if contact is not None:
            holder.contacts.append(contact)
        else:
            holder.remarks.append(text)

    def _add(self, segment: Segment) -> None:
        assert self.record is not None
        part = [*segment.components(1), *[""] * 8]
        address = Address(
            kind=part[0], street=part[1], city=part[2], region=part[3],
            country=part[5], postcode=part[6],
        )  # fmt: skip
        holder: Traveller | PnrRecord = self.record
        if self.traveller is not None and self.context in (_Context.TRAVELLER, _Context.TICKET):
            holder = self.traveller
        if any((address.street, address.city, address.country, address.postcode)):
            holder.addresses.append(address)
        if part[7]:
            holder.contacts.append(Contact(kind="phone", value=part[7]))

    # ---- travellers ----
    def _tif(self, segment: Segment) -> None:
        assert self.record is not None
        reference = _reference(segment.value(1, 2))
        if self.context in (_Context.LEG, _Context.LEG_TRAVELLER, _Context.HISTORY):
            self.leg_traveller_ref = reference  # a traveller already named, on this leg
            if self.leg is not None:
                self.context = _Context.LEG_TRAVELLER
            return
        self.traveller = Traveller(
            family_name=segment.value(0),
            given_names=segment.value(1),
            traveller_ref=reference,
            pnr_locator=self.record.record_locator,
            segment=segment.number,
        )
        self.ticket = None
        self.record.travellers.append(self.traveller)
        self.context = _Context.TRAVELLER

    def _tri(self, segment: Segment) -> None:
        self.leg_traveller_ref = _reference(segment.value(1, 3))
        if self.leg is not None:
            self.context = _Context.LEG_TRAVELLER

    def _fti(self, segment: Segment) -> None:
        if self.traveller is not None:
            self.traveller.frequent_flyer.append(
                FrequentFlyer(
                    carrier=segment.value(0),
                    number=segment.value(0, 1),
                    tier=segment.value(0, 4),
                )
            )

    def _ref(self, segment: Segment) -> None:
        if self.traveller is not None:
            value = segment.value(0, 1) or segment.value(0)
            self.traveller.references.append(Reference(qualifier=segment.value(0), value=value))

    def _tkt(self, segment: Segment) -> None:
        if self.traveller is None:
            self.problem(segment, "TKT outside a traveller; ignored")
            return
        self.ticket = Ticket(number=segment.value(0))
        self.traveller.tickets.append(self.ticket)
        self.context = _Context.TICKET

    def _mon(self, segment: Segment) -> None:
        if self.ticket is None:
            return
        for element in range(len(segment.elements)):
            if segment.value(element) == "T":
                amount, currency = segment.value(element, 1), segment.value(element, 2)
                self.ticket.total = f"{amount} {currency}".strip()

    def _fop(self, segment: Segment) -> None:
        if self.traveller is None:
            self.problem(segment, "FOP outside a traveller; ignored")
            return
        if self.ticket is None:
            self.ticket = Ticket()
            self.traveller.tickets.append(self.ticket)
        digits = "".join(c for c in segment.value(0, 4) if c.isdigit())
        self.ticket.payments.append(Payment(kind=segment.value(0), last_digits=digits[-4:]))

    # ---- SSR ----
    def _ssr(self, segment: Segment) -> None:
        assert self.record is not None
        code = segment.value(0).upper()
        if not self._kept_service(code):
            return
        if self.context is _Context.HISTORY:
            self._history(segment, code)
            return
        if code == "SEAT":
            self._seats(segment)
            return
        traveller = self._ssr_traveller(segment)
        if code in ("DOCS", "DOCO", "DOCA"):
            if traveller is None:
                self.problem(segment, f"SSR {code} names no traveller of the record; ignored")
                return
            getattr(self, f"_{code.lower()}")(segment, traveller, segment.value(0, 8))
        elif code:
            holder: Traveller | PnrRecord = traveller if traveller is not None else self.record
            if code not in holder.services:
                holder.services.append(code)

    def _ssr_traveller(self, segment: Segment) -> Traveller | None:
        assert self.record is not None
        if self.traveller is not None and self.context in (_Context.TRAVELLER, _Context.TICKET):
            return self.traveller
        reference = _reference(segment.value(1, 2))
        for traveller in self.record.travellers:
            if reference and traveller.traveller_ref == reference:
                return traveller
        return self.record.travellers[0] if len(self.record.travellers) == 1 else None

    def _airimp_date(self, segment: Segment, value: str, *, past: bool) -> dt.date | None:
        if not value:
            return None
        try:
            return ddmmmyy_date(value, past=past, reference_year=self.envelope.reference_year)
        except ValueError:
            self.problem(segment, f"SSR date {value!r} is not a date; ignored")
            return None

    def _docs(self, segment: Segment, traveller: Traveller, text: str) -> None:
        """/P/GBR/123456789/GBR/12JUL64/M/23AUG19/SMITHJR/JONATHON/ROBERT"""
        parts = [*text.split("/"), *[""] * 12]
        if parts[1].strip() == "" and parts[2].strip().upper() in ("P", "I", "A", "C", "F"):
            parts = parts[1:]  # one "/" too many, a common slip
        kind, state, number, nationality, born, sex, expires = (p.strip() for p in parts[1:8])
        family, given = parts[8].strip(), " ".join(p.strip() for p in parts[9:11] if p.strip())
        if number or kind:
            traveller.documents.append(
                Document(
                    kind=kind.upper(),
                    number=number,
                    issuing_state=state.upper(),
                    expires_on=self._airimp_date(segment, expires, past=False),
                    family_name=family,
                    given_names=given,
                )
            )
        traveller.nationality = traveller.nationality or nationality.upper()
        traveller.born_on = traveller.born_on or self._airimp_date(segment, born, past=True)
        if sex.upper()[:1] in ("M", "F", "X", "U"):
            traveller.sex = traveller.sex or sex.upper()[:1]

    def _doco(self, segment: Segment, traveller: Traveller, text: str) -> None:
        """/place of birth/V/number/place of issue/issue date/country applicable/infant; the
        country for which a visa applies is the State that issued it."""
        parts = [p.strip() for p in [*text.split("/"), *[""] * 8]]
        traveller.birthplace = traveller.birthplace or parts[0]
        if parts[1] or parts[2]:
            traveller.documents.append(
                Document(
                    kind=parts[1].upper(),
                    number=parts[2],
                    issue_place=parts[3],
                    issued_on=self._airimp_date(segment, parts[4], past=True),
                    issuing_state=parts[5].upper(),
                )
            )

    def _doca(self, segment: Segment, traveller: Traveller, text: str) -> None:
        """/R/USA/street/city/state/postcode"""
        parts = [p.strip() for p in [*text.split("/"), *[""] * 8]]
        traveller.addresses.append(
            Address(kind=parts[1], country=parts[2], street=parts[3], city=parts[4],
                    region=parts[5], postcode=parts[6])
        )  # fmt: skip

    def _seats(self, segment: Segment) -> None:
        assert self.record is not None
        leg = self.leg
        for element in range(1, len(segment.elements)):
            number = segment.value(element)
            if not number:
                continue
            self.record.seats.append(
                Seat(
                    number=number,
                    traveller_ref=_reference(segment.value(element, 2)),
                    departure_airport=segment.value(0, 6) or (leg.departure_airport if leg else ""),
                    arrival_airport=segment.value(0, 7) or (leg.arrival_airport if leg else ""),
                    flight=leg.designator if leg else "",
                )
            )

    def _ssd(self, segment: Segment) -> None:
        assert self.record is not None
        number, leg = segment.value(0), self.leg
        if not number or leg is None:
            return
        seat = Seat(number, self.leg_traveller_ref, leg.departure_airport, leg.arrival_airport,
                    leg.designator)  # fmt: skip
        if seat not in self.record.seats:
            self.record.seats.append(seat)

    # ---- itinerary ----
    def _tvl(self, segment: Segment) -> None:
        item = self._itinerary_item(segment)
        if self.record is None:
            self._message_flight(item)
        elif self.context is _Context.HISTORY:
            self._history(segment, "")
        else:
            self.record.itinerary.append(item)
            self.leg, self.context = item, _Context.LEG
            self.traveller = self.ticket = None

    def _itinerary_item(self, segment: Segment) -> ItineraryItem:
        carrier, number = flight_designator_split(segment.value(4), segment.value(3))
        item = ItineraryItem(
            carrier=carrier,
            number=number,
            departure_airport=segment.value(1).upper(),
            arrival_airport=segment.value(2).upper(),
            booking_class=segment.value(4, 1),
        )
        departure_date, departure_time, arrival_date, arrival_time = (
            segment.value(0, i) for i in range(4)
        )
        try:
            if departure_date:
                item.departs_at = ddmmyy_datetime(departure_date, departure_time)
            if len(arrival_date) == 4 and not arrival_time and item.departs_at is not None:
                self.problem(
                    segment,
                    f"TVL arrival date {arrival_date!r} is a time; read as a time on the "
                    "day of departure",
                )
                arrival_date, arrival_time = departure_date, arrival_date
            elif arrival_time and not arrival_date:
                arrival_date = departure_date
            if arrival_date:
                item.arrives_at = ddmmyy_datetime(arrival_date, arrival_time)
        except ValueError:
            self.problem(segment, "TVL dates or times are not readable; ignored")
        return item

    def _message_flight(self, item: ItineraryItem) -> None:
        leg = Leg(item.departure_airport, item.arrival_airport, item.departs_at, item.arrives_at)
        self.message.flights.append(Flight(carrier=item.carrier, number=item.number, legs=[leg]))

    def _rpi(self, segment: Segment) -> None:
        if self.context is _Context.LEG and self.leg is not None:
            self.leg.status = segment.value(1)

    # ---- history ----
    def _abi(self, segment: Segment) -> None:
        self.context = _Context.HISTORY
        self.history_by = " ".join(v for v in (segment.value(1, 1), segment.value(2)) if v)
        self.history_at, self.history_action = None, ""
        self.traveller = self.ticket = self.leg = None

    def _sac(self, segment: Segment) -> None:
        if self.context is not _Context.HISTORY:
            self.context = _Context.HISTORY
        self.history_action = segment.value(2)

    def _history(self, segment: Segment, code: str) -> None:
        assert self.record is not None
        if segment.tag == "TVL":
            item = self._itinerary_item(segment)
            when = f" {item.departs_at:%Y-%m-%d %H:%M}" if item.departs_at else ""
            text = f"{item.designator} {item.departure_airport}-{item.arrival_airport}{when}"
        else:
            seats = [segment.value(e) for e in range(1, len(segment.elements))]
            text = " ".join([code, *[s for s in seats if s]])
        self.record.history.append(
            HistoryEntry(
                action=self.history_action,
                element=segment.tag,
                text=text,
                changed_at=self.history_at,
                changed_by=self.history_by,
            )
        )


def pnrgov_read(tokenized: Tokenized, *, name: str, digest: str) -> ReadMessage:
    """A PNRGOV interchange, already tokenized. Never raises on content: problems are listed."""
    message = ReadMessage(
        name=name,
        kind=MessageKind.PNRGOV,
        source_format=SourceFormat.EDIFACT,
        digest=digest,
        problems=list(tokenized.problems),
    )
    _PnrgovReader(tokenized, message).read()
    return message
