"""Writes for travel data: a message received (read, stored once, joined, checked), risk rules,
officers' decisions on hits, retention (depersonalisation and deletion) and re-personalisation.

What the audit trail holds: the append-only audit log must not keep what depersonalisation
masks, so a message's arrival is audited as the message (envelope, counts), never row by row
with names; a decision on a hit is audited by its decision fields only. Who read traveller data
is in the consultation log and the read entries (`selectors.consultation_log`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core.audit import Actor, audit_write, record_snapshot
from ctassist.core.errors import (
    BrokenRule,
    ConflictError,
    FieldProblem,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from ctassist.core.models import AuditEntry
from ctassist.core.services import record_create, record_update
from ctassist.geo.models import State
from ctassist.travel import selectors
from ctassist.travel.messages import message_read
from ctassist.travel.models import (
    MASK,
    Booking,
    Consultation,
    Document,
    Flight,
    Hit,
    Leg,
    Membership,
    Message,
    Repersonalisation,
    Rule,
    RuleVersion,
    Traveller,
    Unit,
)
from ctassist.travel.records import (
    Flight as ReadFlight,
)
from ctassist.travel.records import (
    MessageKind,
    PnrRecord,
    ReadMessage,
    TravellerRole,
)
from ctassist.travel.records import (
    Traveller as ReadTraveller,
)
from ctassist.travel.rules import Criteria, TravelFacts, criteria_met, criteria_parse


class UnreadableMessage(BrokenRule):
    """A message that cannot be read at all (no EDIFACT structure, no UNH, a broken UNA…):
    refused whole, naming the segment at fault. A rule of the EDIFACT syntax, which no request
    schema can state."""

    code = "unreadable_message"


# --- a message received ---------------------------------------------------------------------


@dataclass
class IngestResult:
    message: Message
    repeated: bool
    kind: str
    flights: int
    travellers: int
    problems: list[dict[str, Any]]
    hits: int = 0
    filtered: dict[str, int] = field(default_factory=dict)

    def as_dict(self, file: str) -> dict[str, Any]:
        """The contract of `ctassist travel import --format json` (issue 19)."""
        return {
            "file": file,
            "kind": self.kind,
            "flights": self.flights,
            "travellers": self.travellers,
            "problems": self.problems,
        }


def message_parse(raw: bytes, *, name: str) -> ReadMessage:
    """Read a message; one that cannot be read at all raises UnreadableMessage."""
    try:
        return message_read(raw, name=name)
    except UnreadableMessage:
        raise
    except InvalidInput as error:
        raise UnreadableMessage(
            _("%(name)s cannot be read: %(reason)s") % {"name": name, "reason": error.message},
            problems=error.problems,
        ) from None


def _local(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%dT%H:%M") if value is not None else ""


def _departure_day(flight: ReadFlight, read: ReadMessage) -> dt.date:
    for leg in flight.legs:
        if leg.departs_at is not None:
            return leg.departs_at.date()
        if leg.arrives_at is not None:
            return leg.arrives_at.date()
    if read.envelope.prepared_at is not None:
        return read.envelope.prepared_at.date()
    return timezone.localdate()


def _flight_store(unit: Unit, flight: ReadFlight, read: ReadMessage) -> Flight:
    day = _departure_day(flight, read)
    found, created = Flight.objects.get_or_create(
        unit=unit, carrier=flight.carrier[:3], number=flight.number[:8], departs_on=day
    )
    if created or not found.legs.exists():
        legs = [
            Leg(
                flight=found,
                order=order,
                departure_airport=leg.departure_airport[:3],
                arrival_airport=leg.arrival_airport[:3],
                departs_local=_local(leg.departs_at),
                arrives_local=_local(leg.arrives_at),
            )
            for order, leg in enumerate(flight.legs, start=1)
        ]
        Leg.objects.bulk_create(legs)
        routing = flight.routing
        found.origin = routing[0][:3] if routing else ""
        found.destination = routing[-1][:3] if routing else ""
        found.routing = "-".join(routing)[:200]
        found.departs_local = legs[0].departs_local if legs else ""
        found.arrives_local = legs[-1].arrives_local if legs else ""
        found.save()
    return found


def _key_name(text: str) -> str:
    return " ".join(text.upper().split())


IDENTITY = ("family_name", "given_names", "born_on", "nationality")
TRAVELLER_FIELDS = (
    "role",
    "family_name",
    "given_names",
    "sex",
    "born_on",
    "nationality",
    "residence",
    "birthplace",
    "embarks_at",
    "debarks_at",
    "in_transit",
    "seat",
    "pnr_locator",
    "contacts",
    "addresses",
    "frequent_flyer",
    "from_api",
    "from_pnr",
    "booking",
)


class _FlightPeople:
    """The travellers of one flight while a message is stored: those already there (found by
    document number or name and birth date), and those the message adds, written in bulk at
    the end (`flush`). `screen` holds those whose identity is new or changed: only they are
    screened against the lists again."""

    def __init__(self, flight: Flight) -> None:
        self.flight = flight
        self.taken: set[int] = set()  # id() of those joined by this message already
        self.by_document: dict[str, Traveller] = {}
        self.by_name: dict[tuple[str, str, dt.date | None], Traveller] = {}
        self.numbers: dict[int, set[str]] = {}  # id(person) -> document numbers stored
        self.new: list[Traveller] = []
        self.changed: dict[int, Traveller] = {}
        self.documents: list[tuple[Traveller, Any]] = []
        self.touched: dict[int, Traveller] = {}
        self.screen: set[int] = set()
        for person in flight.travellers.prefetch_related("documents"):
            numbers = [d.number for d in person.documents.all()]
            self.numbers[id(person)] = set(numbers)
            self.add(person, numbers)

    def add(self, person: Traveller, numbers: Iterable[str]) -> None:
        for number in numbers:
            if number:
                self.by_document[_key_name(number)] = person
        if person.born_on is not None and not person.depersonalised:
            key = (_key_name(person.family_name), _key_name(person.given_names), person.born_on)
            self.by_name[key] = person

    def find(self, read: ReadTraveller) -> Traveller | None:
        """The same person already on the flight: the same document number with the same
        family name or date of birth, or the same names and date of birth. Never someone
        another traveller of the same message was already joined to."""
        for document in read.documents:
            found = self.by_document.get(_key_name(document.number)) if document.number else None
            if (
                found is not None
                and id(found) not in self.taken
                and (
                    _key_name(found.family_name) == _key_name(read.family_name)
                    or (found.born_on is not None and found.born_on == read.born_on)
                )
            ):
                return found
        if read.born_on is not None:
            key = (_key_name(read.family_name), _key_name(read.given_names), read.born_on)
            found = self.by_name.get(key)
            if found is not None and id(found) not in self.taken:
                return found
        return None

    def flush(self) -> list[Traveller]:
        """Write what the message added or changed; the travellers it touched."""
        Traveller.objects.bulk_create(self.new)
        for person in self.changed.values():
            # one plain UPDATE each: a bulk_update's CASE over many fields costs far more
            person.save(update_fields=TRAVELLER_FIELDS)
        Document.objects.bulk_create(
            [
                Document(
                    traveller=person,
                    kind=d.kind[:3],
                    number=d.number[:40],
                    issuing_state=d.issuing_state[:3],
                    expires_on=d.expires_on,
                    issued_on=d.issued_on,
                )
                for person, d in self.documents
            ]
        )
        return list(self.touched.values())


def _contacts(read: ReadTraveller) -> list[dict[str, str]]:
    return [{"kind": c.kind, "value": c.value} for c in read.contacts]


def _addresses(items: Iterable[Any]) -> list[dict[str, str]]:
    return [
        {
            "kind": a.kind,
            "street": a.street,
            "city": a.city,
            "region": a.region,
            "postcode": a.postcode,
            "country": a.country,
        }
        for a in items
    ]


def _traveller_store(
    people: _FlightPeople,
    read: ReadTraveller,
    *,
    unit: Unit,
    from_pnr: bool,
    booking: Booking | None,
) -> None:
    """Join the traveller to the one already on the flight, or add them (written by
    `people.flush()`)."""
    values: dict[str, Any] = {
        "role": Traveller.Role.CREW if read.role is TravellerRole.CREW else "passenger",
        "family_name": read.family_name[:200],
        "given_names": read.given_names[:200],
        "sex": read.sex[:1],
        "born_on": read.born_on,
        "nationality": read.nationality[:3],
        "residence": read.residence[:3],
        "birthplace": read.birthplace[:200],
        "embarks_at": read.embarks_at[:3],
        "debarks_at": read.debarks_at[:3],
        "seat": read.seat[:10],
        "pnr_locator": read.pnr_locator[:20],
    }
    person = people.find(read)
    if person is None:
        person = Traveller(unit=unit, flight=people.flight, **values)
        people.new.append(person)
        people.numbers[id(person)] = set()
        people.screen.add(id(person))
    else:
        before = [getattr(person, name) for name in IDENTITY]
        for name, value in values.items():
            if value and not getattr(person, name):
                setattr(person, name, value)
        if person.pk is not None:
            people.changed[id(person)] = person
        known = people.numbers[id(person)]
        new_number = any(d.number and d.number not in known for d in read.documents)
        if new_number or before != [getattr(person, name) for name in IDENTITY]:
            people.screen.add(id(person))
    person.in_transit = person.in_transit or read.in_transit
    if from_pnr:
        person.from_pnr = True
        person.booking = booking or person.booking
        person.contacts = person.contacts or _contacts(read)
        person.addresses = person.addresses or _addresses(read.addresses)
        person.frequent_flyer = person.frequent_flyer or [
            {"carrier": f.carrier, "number": f.number, "tier": f.tier} for f in read.frequent_flyer
        ]
    else:
        person.from_api = True
    known = people.numbers[id(person)]
    for document in read.documents:
        if document.number not in known:
            known.add(document.number)
            people.documents.append((person, document))
    people.add(person, [d.number for d in read.documents])
    people.taken.add(id(person))
    people.touched[id(person)] = person


def _booking_values(pnr: PnrRecord) -> dict[str, Any]:
    payments = [
        {"kind": p.kind, "last_digits": p.last_digits}
        for t in pnr.travellers
        for ticket in t.tickets
        for p in ticket.payments
    ]
    return {
        "carrier": pnr.carrier[:3],
        "booked_local": _local(pnr.booked_at),
        "ticketed_local": _local(pnr.ticketed_at),
        "itinerary": [
            {
                "flight": item.designator,
                "from": item.departure_airport,
                "to": item.arrival_airport,
                "departs": _local(item.departs_at),
                "arrives": _local(item.arrives_at),
                "class": item.booking_class,
                "status": item.status,
            }
            for item in pnr.itinerary
        ],
        "seats": [
            {"seat": s.number, "traveller": s.traveller_ref, "flight": s.flight} for s in pnr.seats
        ],
        "payments": payments,
        "contacts": [{"kind": c.kind, "value": c.value} for c in pnr.contacts],
        "addresses": _addresses(pnr.addresses),
        "agency": (
            {
                "code": pnr.agency.agency_code,
                "city": pnr.agency.agency_city,
                "country": pnr.agency.country,
                "kind": pnr.agency.originator_kind,
                "system": pnr.agency.carrier_or_system,
            }
            if pnr.agency
            else {}
        ),
        "history": [
            {
                "action": h.action,
                "element": h.element,
                "text": h.text,
                "at": _local(h.changed_at),
            }
            for h in pnr.history
        ],
    }


BOOKING_FIELDS = (
    "message",
    "carrier",
    "booked_local",
    "ticketed_local",
    "itinerary",
    "seats",
    "payments",
    "contacts",
    "addresses",
    "agency",
    "history",
)


def _bookings_store(
    unit: Unit, flight: Flight, message: Message, pnrs: list[PnrRecord]
) -> list[Booking]:
    """The bookings of a PNR message on a flight: a booking sent again is updated in place."""
    existing = {b.record_locator: b for b in Booking.objects.filter(flight=flight)}
    bookings: list[Booking] = []
    new: list[Booking] = []
    for pnr in pnrs:
        locator = pnr.record_locator[:20] or "?"
        values = _booking_values(pnr)
        booking = existing.get(locator)
        if booking is None:
            booking = Booking(unit=unit, flight=flight, record_locator=locator, **values)
            new.append(booking)
            existing[locator] = booking
        for name, value in values.items():
            setattr(booking, name, value)
        booking.message = message
        bookings.append(booking)
    Booking.objects.bulk_create(new)
    stored = [b for b in dict.fromkeys(bookings) if b not in new]
    for booking in stored:
        booking.save(update_fields=BOOKING_FIELDS)
    return bookings


def _unit_for_ingest(actor: Actor, unit: Unit | str | None) -> Unit:
    """The receiving PIU: the one named, or the only one there is. A user receives only for
    a PIU they belong to; the platform (actor None) for any."""
    units = Unit.objects.all() if actor is None else selectors.units_for(user=actor)
    if isinstance(unit, Unit):
        found = units.filter(pk=unit.pk).first()
    elif unit:
        found = units.filter(code=unit).first()
    else:
        found = units.first() if units.count() == 1 else None
    if found is None:
        raise BrokenRule(
            _("Name a passenger information unit you belong to, which receives the message."),
            problems=[FieldProblem("unit", _("unknown, not yours, or not given"))],
        )
    return found


def message_ingest(
    *, actor: Actor, raw: bytes, name: str, unit: Unit | str | None = None
) -> IngestResult:
    """Receive one message for a PIU: read it (refused whole if it cannot be read), store it
    once (a resend is recognised by its digest, counted and linked, nothing stored twice),
    store its flights, travellers and bookings — joining API and PNR data for the same
    person — and check every traveller it touched against the lists and the PIU's rules.
    All or nothing: any failure leaves the database as it was."""
    read = message_parse(raw, name=name)
    target = _unit_for_ingest(actor, unit)
    user: Any = actor if getattr(actor, "is_authenticated", False) else None
    problems = [p.as_dict() for p in read.problems]
    with transaction.atomic():
        existing = (
            Message.objects.select_for_update().filter(unit=target, digest=read.digest).first()
        )
        if existing is not None:
            Message.objects.filter(pk=existing.pk).update(
                times_received=F("times_received") + 1, last_received_at=timezone.now()
            )
            existing.refresh_from_db()
            return IngestResult(
                message=existing,
                repeated=True,
                kind=existing.kind,
                flights=existing.flights.count(),
                travellers=existing.traveller_count,
                problems=problems,
            )
        travellers_read = read.all_travellers
        message = Message.objects.create(
            unit=target,
            kind=read.kind.value,
            source_format=read.source_format.value,
            digest=read.digest,
            name=name[:255],
            received_by=user,
            last_received_at=timezone.now(),
            sender=read.envelope.sender[:100],
            recipient=read.envelope.recipient[:100],
            interchange_reference=read.envelope.interchange_reference[:100],
            message_reference=read.envelope.message_reference[:100],
            message_version=read.envelope.message_version[:20],
            list_kind=read.list_kind.value if read.list_kind else "",
            reporting_party=read.reporting_party[:200],
            traveller_count=len(travellers_read),
            problems=problems,
            filtered=dict(read.filtered.counts),
        )
        flights = [_flight_store(target, f, read) for f in read.flights]
        message.flights.set(flights)
        touched: list[Traveller] = []
        rescreen: list[Traveller] = []
        for flight in flights:
            people = _FlightPeople(flight)
            if read.kind is MessageKind.PAXLST:
                for person in read.travellers:
                    _traveller_store(people, person, unit=target, from_pnr=False, booking=None)
            else:
                bookings = _bookings_store(target, flight, message, read.pnrs)
                for pnr, booking in zip(read.pnrs, bookings, strict=True):
                    for person in pnr.travellers:
                        _traveller_store(
                            people, person, unit=target, from_pnr=True, booking=booking
                        )
            stored = people.flush()
            touched += stored
            rescreen += [t for t in stored if id(t) in people.screen]
        hits = travellers_check(travellers=touched, unit=target, screen=rescreen)
        audit_write(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            instance=message,
            after=record_snapshot(message),
            note=f"travel message: {len(flights)} flights, {len(travellers_read)} travellers, "
            f"{hits} new hits",
        )
    return IngestResult(
        message=message,
        repeated=False,
        kind=read.kind.value,
        flights=len(flights),
        travellers=len(travellers_read),
        problems=problems,
        hits=hits,
        filtered=dict(read.filtered.counts),
    )


# --- checks: the lists and the rules ----------------------------------------------------------


def _iso2_of(codes: Iterable[str]) -> dict[str, str]:
    wanted = {c for c in codes if c}
    found = dict(State.objects.filter(iso3__in=wanted).values_list("iso3", "iso2"))
    found.update(dict(State.objects.filter(iso2__in=wanted).values_list("iso2", "iso2")))
    return found


def _parse_local(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M") if text else None  # noqa: DTZ007 (local, as sent)
    except ValueError:
        return None


def travel_facts(traveller: Traveller) -> TravelFacts:
    """How a traveller travels, for the rules: the flight and, when known, the booking."""
    flight = traveller.flight
    routing = [a for a in flight.routing.split("-") if a]
    booking = traveller.booking
    itinerary = booking.itinerary if booking is not None else []
    airports = [*routing]
    for item in itinerary:
        airports += [item.get("from", ""), item.get("to", "")]
    starts = traveller.embarks_at or (itinerary[0].get("from", "") if itinerary else "")
    ends = traveller.debarks_at or (itinerary[-1].get("to", "") if itinerary else "")
    starts = starts or (routing[0] if routing else "")
    ends = ends or (routing[-1] if routing else "")
    one_way: bool | None = None
    if booking is not None and itinerary:
        first = itinerary[0].get("from", "")
        one_way = not any(item.get("to") == first for item in itinerary)
    return TravelFacts(
        starts_at=starts,
        ends_at=ends,
        airports=tuple(a for a in dict.fromkeys(airports) if a),
        departs_at=_parse_local(flight.departs_local),
        booked_at=_parse_local(booking.booked_local) if booking is not None else None,
        payment_kinds=tuple(
            dict.fromkeys(p.get("kind", "") for p in booking.payments if p.get("kind"))
        )
        if booking is not None
        else (),
        one_way=one_way,
    )


def _current_rules(unit: Unit) -> list[tuple[RuleVersion, Criteria]]:
    current = []
    for rule in Rule.objects.filter(unit=unit, active=True).prefetch_related("versions"):
        version = max(rule.versions.all(), key=lambda v: v.number, default=None)
        if version is not None:
            current.append((version, criteria_parse(version.criteria)))
    return current


def travellers_check(
    *, travellers: list[Traveller], unit: Unit, screen: list[Traveller] | None = None
) -> int:
    """Check travellers against the PIU's active rules, and screen those in `screen` (all of
    them when not given) against the current lists through the screening app's matching;
    new findings become hits to review. Returns how many are new. A traveller whose identity
    did not change since the last screening (a PNR joined to API data) is not screened
    again."""
    from ctassist.screening.selectors import NameQuery, list_matches_many

    if not travellers:
        return 0
    unique = list({t.pk: t for t in travellers}.values())
    codes = _iso2_of(t.nationality for t in unique)
    rules = _current_rules(unit)
    documents: dict[int, str] = {}
    for traveller_id, number in Document.objects.filter(
        traveller__in=unique, kind__in=("P", "I", "ID", "")
    ).values_list("traveller_id", "number"):
        documents.setdefault(traveller_id, number)
    known = set(Hit.objects.filter(traveller__in=unique).values_list("traveller_id", "key"))
    new: list[Hit] = []
    to_screen = {t.pk for t in (unique if screen is None else screen)}
    screened = [t for t in unique if t.pk in to_screen and not t.depersonalised]
    # One call for the whole flight: the lists' versions are read once.
    _versions, found = list_matches_many(
        [
            NameQuery(
                name=traveller.full_name,
                schema="Person",
                birth_date=traveller.born_on.isoformat() if traveller.born_on else None,
                nationality=codes.get(traveller.nationality),
                document=documents.get(traveller.pk),
            )
            for traveller in screened
        ]
    )
    matches_of = {t.pk: matches for t, matches in zip(screened, found, strict=True)}
    for traveller in unique:
        if traveller.depersonalised:
            continue
        matches: list[Any] = matches_of.get(traveller.pk, [])
        for match in matches:
            key = f"list:{match.entry_id}"
            if (traveller.pk, key) in known:
                continue
            known.add((traveller.pk, key))
            new.append(
                Hit(
                    unit=unit,
                    traveller=traveller,
                    kind=Hit.Kind.WATCHLIST,
                    key=key,
                    list_name=match.list_name[:200],
                    list_ref=match.ref[:100],
                    listed_name=match.name[:500],
                    score=match.score,
                    explanation=match.explanation,
                )
            )
        if rules:
            facts = travel_facts(traveller)
            for version, criteria in rules:
                key = f"rule:{version.pk}"
                if (traveller.pk, key) in known:
                    continue
                met = criteria_met(criteria, facts)
                if met is None:
                    continue
                known.add((traveller.pk, key))
                new.append(
                    Hit(
                        unit=unit,
                        traveller=traveller,
                        kind=Hit.Kind.RULE,
                        key=key,
                        rule_version=version,
                        explanation=met,
                    )
                )
    Hit.objects.bulk_create(new)
    return len(new)


# --- decisions --------------------------------------------------------------------------------

DECISION_FIELDS = ("decision", "reason", "decided_by", "decided_at")


def hit_decide(
    *, actor: Any, hit_id: int, decision: str, reason: str, expected_version: int
) -> Hit:
    """An officer's decision on a hit — no action, refer, or alert a border post — with a
    reason. A second officer deciding from a stale page conflicts (the version)."""
    hit = selectors.hit_get_for(user=actor, hit_id=hit_id, log=False)
    if decision not in {d.value for d in Hit.Decision if d.value}:
        raise InvalidInput(_("Unknown decision."), problems=[FieldProblem("decision", decision)])
    reason = reason.strip()
    if not reason:
        raise BrokenRule(
            _("Give the reason for the decision."),
            problems=[FieldProblem("reason", _("Required."))],
        )
    with transaction.atomic():
        before = {name: record_snapshot(hit).get(name) for name in ("decision", "reason")}
        updated = Hit.objects.filter(pk=hit.pk, version=expected_version).update(
            decision=decision,
            reason=reason[:4000],
            decided_by=actor,
            decided_at=timezone.now(),
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        if updated != 1:
            current = Hit.objects.filter(pk=hit.pk).values_list("version", flat=True).first()
            raise ConflictError(
                model="hit", pk=hit.pk, expected_version=expected_version, current_version=current
            )
        hit.refresh_from_db()
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=hit,
            before=before,
            after={
                "decision": hit.decision,
                "reason": hit.reason,
                "decided_by": actor.pk,
                "version": hit.version,
            },
            note="travel hit decision",
        )
    return hit


# --- rules ------------------------------------------------------------------------------------


def rule_save(
    *,
    actor: Any,
    unit: Unit | None = None,
    rule_id: int | None = None,
    name: str,
    active: bool = True,
    criteria: dict[str, Any],
    expected_version: int | None = None,
) -> Rule:
    """Create a rule (in `unit`) or change one (`rule_id`, `expected_version`): every change of
    criteria is a new version; earlier hits keep citing the version that raised them."""
    parsed = criteria_parse(criteria)
    if parsed.empty:
        raise BrokenRule(
            _("A rule needs at least one criterion."),
            problems=[FieldProblem("criteria", _("Required."))],
        )
    name = " ".join(name.split())[:200]
    if not name:
        raise BrokenRule(_("Name the rule."), problems=[FieldProblem("name", _("Required."))])
    with transaction.atomic():
        if rule_id is None:
            if unit is None or not selectors.units_for(user=actor).filter(pk=unit.pk).exists():
                raise PermissionDenied(_("Rules are written by members of the unit."))
            if Rule.objects.filter(unit=unit, name=name).exists():
                raise BrokenRule(
                    _("A rule of this unit already has this name."),
                    problems=[FieldProblem("name", _("already taken"))],
                )
            rule = record_create(
                actor=actor,
                instance=Rule(unit=unit, name=name, active=active, created_by=actor),
                note="travel rule",
            )
            number = 1
        else:
            rule = selectors.rule_get_for(user=actor, rule_id=rule_id)
            if Rule.objects.filter(unit=rule.unit, name=name).exclude(pk=rule.pk).exists():
                raise BrokenRule(
                    _("A rule of this unit already has this name."),
                    problems=[FieldProblem("name", _("already taken"))],
                )
            rule = record_update(
                actor=actor,
                instance=rule,
                expected_version=expected_version if expected_version is not None else -1,
                changes={"name": name, "active": active},
                note="travel rule",
            )
            latest = rule.versions.order_by("-number").first()
            if latest is not None and latest.criteria == parsed.as_json():
                return rule
            number = (latest.number + 1) if latest is not None else 1
        version = RuleVersion.objects.create(
            rule=rule, number=number, criteria=parsed.as_json(), created_by=actor
        )
        audit_write(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            instance=version,
            after=record_snapshot(version),
            note="travel rule version",
        )
    return rule


# --- retention --------------------------------------------------------------------------------


@dataclass
class RetentionReport:
    travellers_depersonalised: int = 0
    bookings_depersonalised: int = 0
    flights_deleted: int = 0
    travellers_deleted: int = 0
    messages_deleted: int = 0
    consultations_deleted: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _masked_items(items: list[dict[str, Any]], keep: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{k: (v if k in keep else MASK) for k, v in item.items()} for item in items]


def _traveller_depersonalise(traveller: Traveller) -> None:
    documents = list(traveller.documents.all())
    traveller.sealed = {
        "family_name": traveller.family_name,
        "given_names": traveller.given_names,
        "born_on": traveller.born_on.isoformat() if traveller.born_on else None,
        "birthplace": traveller.birthplace,
        "seat": traveller.seat,
        "pnr_locator": traveller.pnr_locator,
        "contacts": traveller.contacts,
        "addresses": traveller.addresses,
        "frequent_flyer": traveller.frequent_flyer,
        "documents": [{"id": d.pk, "number": d.number} for d in documents],
    }
    traveller.family_name = MASK
    traveller.given_names = ""
    traveller.born_on = None
    traveller.birthplace = ""
    traveller.seat = ""
    traveller.pnr_locator = ""
    traveller.contacts = _masked_items(traveller.contacts, ("kind",))
    traveller.addresses = _masked_items(traveller.addresses, ("kind", "country"))
    traveller.frequent_flyer = _masked_items(traveller.frequent_flyer, ("carrier",))
    traveller.depersonalised = True
    traveller.save()
    Document.objects.filter(traveller=traveller).update(number=MASK)
    for hit in traveller.hits.filter(kind=Hit.Kind.WATCHLIST):
        # the query's own words leave the explanation; the list's side and the scores stay
        hit.explanation = [
            {k: v for k, v in item.items() if k != "values"} for item in hit.explanation
        ]
        hit.save(update_fields=["explanation"])


def travel_retention(*, today: dt.date | None = None) -> RetentionReport:
    """The scheduled retention run (`ctassist travel retention`): travellers and bookings of
    flights that departed `CTASSIST_TRAVEL_DEPERSONALISE_DAYS` days ago or more are
    depersonalised (names, date of birth, documents, contacts, addresses, frequent-flyer
    numbers, seats and locators masked; the rest kept for analysis), and flights that departed
    `CTASSIST_TRAVEL_DELETE_YEARS` years ago or more are deleted with everything about them,
    as are consultation-log rows of that age and messages linked to no flight left."""
    today = today or timezone.localdate()
    report = RetentionReport()
    depersonalise_before = today - dt.timedelta(days=settings.CTASSIST_TRAVEL_DEPERSONALISE_DAYS)
    delete_before = _years_before(today, settings.CTASSIST_TRAVEL_DELETE_YEARS)
    with transaction.atomic():
        old = Flight.objects.filter(departs_on__lte=depersonalise_before)
        for traveller in Traveller.objects.filter(flight__in=old, depersonalised=False):
            _traveller_depersonalise(traveller)
            report.travellers_depersonalised += 1
        for booking in Booking.objects.filter(flight__in=old, depersonalised=False):
            booking.contacts = _masked_items(booking.contacts, ("kind",))
            booking.addresses = _masked_items(booking.addresses, ("kind", "country"))
            booking.payments = _masked_items(booking.payments, ("kind",))
            booking.seats = _masked_items(booking.seats, ("flight",))
            booking.history = _masked_items(booking.history, ("action", "element", "at"))
            booking.record_locator = f"{MASK}{booking.pk}"
            booking.depersonalised = True
            booking.save()
            report.bookings_depersonalised += 1
        expired_ids = list(
            Flight.objects.filter(departs_on__lte=delete_before).values_list("pk", flat=True)
        )
        report.travellers_deleted = Traveller.objects.filter(flight_id__in=expired_ids).count()
        linked = set(Message.objects.filter(flights__in=expired_ids).values_list("pk", flat=True))
        Hit.objects.filter(traveller__flight_id__in=expired_ids).delete()
        deleted = Flight.objects.filter(pk__in=expired_ids).delete()[1]
        report.flights_deleted = deleted.get("travel.Flight", 0)
        cutoff = timezone.make_aware(dt.datetime.combine(delete_before, dt.time()))
        orphans = Message.objects.filter(flights__isnull=True).filter(
            Q(pk__in=linked) | Q(received_at__lte=cutoff)
        )
        report.messages_deleted = (
            Message.objects.filter(pk__in=list(orphans.values_list("pk", flat=True)))
            .delete()[1]
            .get("travel.Message", 0)
        )
        report.consultations_deleted = (
            Consultation.objects.filter(at__lte=cutoff).delete()[1].get("travel.Consultation", 0)
        )
        anchor = Unit.objects.order_by("pk").first()
        if anchor is not None and any(report.as_dict().values()):
            audit_write(
                actor=None,
                action=AuditEntry.Action.UPDATE,
                instance=anchor,
                after=report.as_dict(),
                note=f"travel retention as of {today.isoformat()}",
            )
    return report


# --- re-personalisation -------------------------------------------------------------------------


def repersonalisation_request(*, actor: Any, traveller_id: int, reason: str) -> Repersonalisation:
    """Ask to see a depersonalised traveller's identity again, saying why."""
    traveller = selectors.traveller_queryset_for(user=actor).filter(pk=traveller_id).first()
    if traveller is None:
        raise NotFound(_("No traveller %(id)s") % {"id": traveller_id})
    reason = reason.strip()
    if not reason:
        raise BrokenRule(
            _("Give the reason for the request."),
            problems=[FieldProblem("reason", _("Required."))],
        )
    if not traveller.depersonalised:
        raise BrokenRule(
            _("This traveller's data are not depersonalised."),
            problems=[FieldProblem("traveller", _("not depersonalised"))],
        )
    return record_create(
        actor=actor,
        instance=Repersonalisation(
            unit=traveller.unit, traveller=traveller, requested_by=actor, reason=reason[:4000]
        ),
        note="travel re-personalisation request",
    )


def repersonalisation_decide(
    *, actor: Any, request_id: int, approve: bool, reason: str, expected_version: int
) -> Repersonalisation:
    """Approve or refuse a request: only a different user of the PIU who holds
    `travel.approve_repersonalisation` (the second role) may."""
    found = selectors.request_get_for(user=actor, request_id=request_id)
    if found.requested_by_id == actor.pk or not selectors.can_approve(actor, found.unit):
        raise PermissionDenied(
            _("A request is decided by a second person who holds the approval role.")
        )
    if found.status != Repersonalisation.Status.PENDING:
        raise BrokenRule(
            _("This request is already decided."),
            problems=[FieldProblem("status", found.status)],
        )
    reason = reason.strip()
    if not reason:
        raise BrokenRule(
            _("Give the reason for the decision."),
            problems=[FieldProblem("reason", _("Required."))],
        )
    status = Repersonalisation.Status.APPROVED if approve else Repersonalisation.Status.REFUSED
    return record_update(
        actor=actor,
        instance=found,
        expected_version=expected_version,
        changes={
            "status": status,
            "decided_by": actor,
            "decided_at": timezone.now(),
            "decision_reason": reason[:4000],
        },
        note="travel re-personalisation decision",
    )


# --- units ------------------------------------------------------------------------------------


def unit_save(*, actor: Actor, code: str, name: str, country: State) -> Unit:
    found = Unit.objects.filter(code=code).first()
    if found is None:
        return record_create(
            actor=actor, instance=Unit(code=code, name=name, country=country), note="travel unit"
        )
    before = record_snapshot(found)
    found.name, found.country = name, country
    found.save()
    audit_write(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        instance=found,
        before=before,
        after=record_snapshot(found),
        note="travel unit",
    )
    return found


def member_set(
    *, actor: Actor, unit: Unit, username: str, member: bool = True, approver: bool | None = None
) -> Any:
    """Add or remove a user of a PIU; give or take the approval role (a permission)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"No user {username!r}")
    with transaction.atomic():
        if member:
            Membership.objects.get_or_create(unit=unit, user=user)
        else:
            Membership.objects.filter(unit=unit, user=user).delete()
        if approver is not None:
            permission = Permission.objects.get(
                codename="approve_repersonalisation", content_type__app_label="travel"
            )
            if approver:
                user.user_permissions.add(permission)
            else:
                user.user_permissions.remove(permission)
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=user,
            after={"travel_unit": unit.code, "member": member, "approver": approver},
            note="travel membership",
        )
    return user
