"""Travel data held by a passenger information unit (PIU): the messages received, the flights
and legs they name, the travellers (passengers and crew) with their documents, PNR bookings,
the checks' hits and the officers' decisions, the risk rules, re-personalisation requests and
the consultation log.

Who sees what: a PIU's records are seen by its members only (`core.access.restrict_to_units`),
never by a user of another PIU. Raw messages are not kept: a message is remembered by its
digest (a resend is recognised) and by what was read from it; the sensitive-data filter runs
before anything is built (docs/travel.md). Times of flights are local to the airport, as sent:
kept as text `YYYY-MM-DDTHH:MM` (sortable), never given a time zone the message did not carry.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel

MASK = "•••"


class Unit(models.Model):
    """A passenger information unit of a State; users work in it through memberships."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    country = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="travel_units")
    illustrative = models.BooleanField(
        default=False, help_text=_("demo data: generated flights, invented people")
    )

    class Meta:
        ordering = ["country__code", "name"]
        verbose_name = _("passenger information unit")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's place in a PIU. Approving re-personalisation needs, in addition, the permission
    `travel.approve_repersonalisation` (a second role)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="travel_memberships"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="travel_membership_unit_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.unit_id}"


class Flight(models.Model):
    """A flight number on a day of departure, with its legs in order."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="flights")
    carrier = models.CharField(max_length=3)
    number = models.CharField(max_length=8)
    departs_on = models.DateField(help_text=_("local date of departure of the first leg"))
    origin = models.CharField(max_length=3, blank=True)
    destination = models.CharField(max_length=3, blank=True)
    departs_local = models.CharField(max_length=16, blank=True)
    arrives_local = models.CharField(max_length=16, blank=True)
    routing = models.CharField(max_length=200, blank=True, help_text=_("airports in order"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-departs_on", "-arrives_local", "carrier", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "carrier", "number", "departs_on"], name="travel_flight_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.carrier}{self.number} {self.departs_on:%Y-%m-%d}"

    @property
    def designator(self) -> str:
        return f"{self.carrier}{self.number}"


class Leg(models.Model):
    flight = models.ForeignKey(Flight, on_delete=models.CASCADE, related_name="legs")
    order = models.PositiveSmallIntegerField()
    departure_airport = models.CharField(max_length=3, blank=True)
    arrival_airport = models.CharField(max_length=3, blank=True)
    departs_local = models.CharField(max_length=16, blank=True)
    arrives_local = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["flight", "order"]
        constraints = [models.UniqueConstraint(fields=["flight", "order"], name="travel_leg_once")]

    def __str__(self) -> str:
        return f"{self.departure_airport}-{self.arrival_airport}"


class Message(models.Model):
    """A PAXLST or PNRGOV message received once (by digest, per PIU): its envelope, the problems
    found reading it and how many sensitive items were dropped (never what they said). A resend
    is recognised by the digest and counted, not stored again."""

    class Kind(models.TextChoices):
        PAXLST = "PAXLST", _("passenger data (API, PAXLST)")
        PNRGOV = "PNRGOV", _("booking data (PNR, PNRGOV)")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    source_format = models.CharField(max_length=7)
    digest = models.CharField(max_length=64)
    name = models.CharField(max_length=255, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    times_received = models.PositiveIntegerField(default=1)
    last_received_at = models.DateTimeField(null=True, blank=True)
    sender = models.CharField(max_length=100, blank=True)
    recipient = models.CharField(max_length=100, blank=True)
    interchange_reference = models.CharField(max_length=100, blank=True)
    message_reference = models.CharField(max_length=100, blank=True)
    message_version = models.CharField(max_length=20, blank=True)
    list_kind = models.CharField(max_length=12, blank=True)
    reporting_party = models.CharField(max_length=200, blank=True)
    traveller_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    filtered = models.JSONField(default=dict, blank=True)
    flights = models.ManyToManyField(Flight, related_name="messages", blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "digest"], name="travel_message_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.name or self.pk}"


class Booking(models.Model):
    """A PNR (PNRGOV SRC group) for a flight: what the carrier's reservation system holds.
    Payment is masked on arrival (type and last four digits only); contacts, addresses and
    frequent-flyer numbers are masked at depersonalisation."""

    audit_reads: ClassVar[bool] = True

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="bookings")
    flight = models.ForeignKey(Flight, on_delete=models.CASCADE, related_name="bookings")
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    record_locator = models.CharField(max_length=20)
    carrier = models.CharField(max_length=3, blank=True)
    booked_local = models.CharField(max_length=16, blank=True)
    ticketed_local = models.CharField(max_length=16, blank=True)
    itinerary = models.JSONField(default=list, blank=True)
    seats = models.JSONField(default=list, blank=True)
    payments = models.JSONField(default=list, blank=True)
    contacts = models.JSONField(default=list, blank=True)
    addresses = models.JSONField(default=list, blank=True)
    agency = models.JSONField(default=dict, blank=True)
    history = models.JSONField(default=list, blank=True)
    depersonalised = models.BooleanField(default=False)

    class Meta:
        ordering = ["record_locator", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["flight", "record_locator"], name="travel_booking_once_per_flight"
            )
        ]

    def __str__(self) -> str:
        return f"booking {self.pk}"


class Traveller(models.Model):
    """One person on one flight, as the PIU sees them: API (PAXLST) and PNR data for the same
    person joined (same document number, or same name and date of birth on the flight).
    After depersonalisation the identifying fields are masked here and kept only in `sealed`,
    shown again only through an approved re-personalisation request."""

    class Role(models.TextChoices):
        PASSENGER = "passenger", _("passenger")
        CREW = "crew", _("crew")

    audit_reads: ClassVar[bool] = True

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="travellers")
    flight = models.ForeignKey(Flight, on_delete=models.CASCADE, related_name="travellers")
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="travellers"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    family_name = models.CharField(max_length=200)
    given_names = models.CharField(max_length=200, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    born_on = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=3, blank=True, help_text=_("ISO alpha-3, as sent"))
    residence = models.CharField(max_length=3, blank=True)
    birthplace = models.CharField(max_length=200, blank=True)
    embarks_at = models.CharField(max_length=3, blank=True)
    debarks_at = models.CharField(max_length=3, blank=True)
    in_transit = models.BooleanField(default=False)
    seat = models.CharField(max_length=10, blank=True)
    pnr_locator = models.CharField(max_length=20, blank=True)
    contacts = models.JSONField(default=list, blank=True)
    addresses = models.JSONField(default=list, blank=True)
    frequent_flyer = models.JSONField(default=list, blank=True)
    from_api = models.BooleanField(default=False)
    from_pnr = models.BooleanField(default=False)
    depersonalised = models.BooleanField(default=False)
    sealed = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["flight", "role", "family_name", "id"]
        permissions = [
            ("approve_repersonalisation", "Can approve re-personalisation of travel data")
        ]

    def __str__(self) -> str:
        return f"traveller {self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_name) if part)


class Document(models.Model):
    audit_reads: ClassVar[bool] = True

    traveller = models.ForeignKey(Traveller, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=3, blank=True)
    number = models.CharField(max_length=40, blank=True)
    issuing_state = models.CharField(max_length=3, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    issued_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["traveller", "id"]

    def __str__(self) -> str:
        return f"document {self.pk}"


class Rule(VersionedModel):
    """A risk rule written by an analyst of a PIU: plain, pre-determined criteria, all of which
    must be met (docs/travel.md). Every change makes a new `RuleVersion`; hits cite the version
    that raised them. Rules never learn: nothing changes them but a person's edit."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="rules")
    name = models.CharField(max_length=200)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(VersionedModel.Meta):
        ordering = ["unit", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="travel_rule_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class RuleVersion(models.Model):
    """The criteria of a rule as they stood from `created_at`. Empty criteria are not used."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    criteria = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["rule", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "number"], name="travel_rule_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} v{self.number}"


class Hit(VersionedModel):
    """An automated finding about a traveller — a watchlist match or a rule met — that an
    officer must review: no action, refer, or alert a border post, always with a reason."""

    class Kind(models.TextChoices):
        WATCHLIST = "watchlist", _("watchlist")
        RULE = "rule", _("risk rule")

    class Decision(models.TextChoices):
        PENDING = "", _("to review")
        NO_ACTION = "no_action", _("no action")
        REFER = "refer", _("refer")
        ALERT = "alert", _("alert a border post")

    audit_reads: ClassVar[bool] = True

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="hits")
    traveller = models.ForeignKey(Traveller, on_delete=models.CASCADE, related_name="hits")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=60, help_text=_("list entry or rule version"))
    rule_version = models.ForeignKey(
        RuleVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="hits"
    )
    list_name = models.CharField(max_length=200, blank=True)
    list_ref = models.CharField(max_length=100, blank=True)
    listed_name = models.CharField(max_length=500, blank=True)
    score = models.FloatField(null=True, blank=True)
    explanation = models.JSONField(default=list)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta(VersionedModel.Meta):
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["traveller", "key"], name="travel_hit_once"),
            models.CheckConstraint(
                condition=models.Q(decision="") | ~models.Q(reason=""),
                name="travel_decision_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"hit {self.pk}"


class Repersonalisation(VersionedModel):
    """A reasoned request to see a depersonalised traveller's identity again, decided by a
    different user who holds `travel.approve_repersonalisation`."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="repersonalisations")
    traveller = models.ForeignKey(
        Traveller, on_delete=models.CASCADE, related_name="repersonalisations"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta(VersionedModel.Meta):
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="travel_request_reason"),
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | ~models.Q(decided_by=models.F("requested_by")),
                name="travel_request_second_person",
            ),
        ]

    def __str__(self) -> str:
        return f"re-personalisation {self.pk}"


class Consultation(models.Model):
    """Who consulted what traveller data, when and why (Directive art. 13(6)); kept 5 years."""

    class What(models.TextChoices):
        FLIGHT = "flight", _("a flight's travellers")
        TRAVELLER = "traveller", _("a traveller")
        QUEUE = "queue", _("the review queue")
        HIT = "hit", _("a hit")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="consultations")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField(max_length=150)
    purpose = models.CharField(max_length=300)
    what = models.CharField(max_length=10, choices=What.choices)
    travellers = models.PositiveIntegerField(default=0)
    flight = models.ForeignKey(
        Flight, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    traveller = models.ForeignKey(
        Traveller, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"consultation {self.pk}"
