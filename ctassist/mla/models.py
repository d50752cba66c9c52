"""Requests for mutual legal assistance drafted in the platform. The request itself is the JSON
document of docs/mla-request-format.md (`data`); the columns beside it are what access and
lists need."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel


class MlaRequest(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        FINAL = "final", _("final, ready for signature")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mla_requests"
    )
    requesting_state = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="+")
    requested_state = models.ForeignKey(
        "geo.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    follow_up_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    data = models.JSONField(default=dict)

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"request {self.pk}"


CHANNEL_LABELS = {
    "central_authority": _("central authority"),
    "direct": _("direct, between judicial authorities"),
    "diplomatic": _("diplomatic channel"),
    "interpol": _("INTERPOL"),
}


class RequestedStateProfile(VersionedModel):
    """What a State needs in a request it receives (PC-OC fields): accepted languages, channels,
    electronic transmission, double criminality, use limitations, special requirements per
    type of assistance, and who verified it when. Its central authority comes from the library's
    directory of competent authorities."""

    class DoubleCriminality(models.TextChoices):
        ALWAYS = "always", _("required for every request")
        COERCIVE = "coercive", _("required for coercive measures")
        NOT_REQUIRED = "not_required", _("not required")
        UNKNOWN = "unknown", _("not known")

    state = models.OneToOneField("geo.State", on_delete=models.PROTECT, related_name="mla_profile")
    accepted_languages = models.JSONField(default=list, blank=True)
    channels = models.JSONField(default=list, blank=True)
    electronic_transmission = models.BooleanField(null=True, blank=True)
    double_criminality = models.CharField(
        max_length=15, choices=DoubleCriminality.choices, default=DoubleCriminality.UNKNOWN
    )
    use_limitations = models.TextField(blank=True)
    special_requirements = models.JSONField(
        default=dict, blank=True, help_text=_("per type of assistance: what must be supplied")
    )
    last_verified = models.DateField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["state__code"]

    def __str__(self) -> str:
        return f"profile of {self.state_id}"

    @property
    def channel_labels(self) -> list[str]:
        return [str(CHANNEL_LABELS.get(c, c)) for c in self.channels]


# --- Tracking of requests, networks of focal points, central-authority notices ---------------


class TrackedRequest(VersionedModel):
    """A request followed from sending to execution, between the two States party to it. It is
    either the tracking of a request drafted in the writer (`request`) or a request drafted
    elsewhere (reference, States and types of assistance typed in). Each status change is an
    event of the timeline (`TrackingEvent`); the allowed changes live in
    ctassist/mla/services/tracking.py (`TRANSITIONS`)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent")
        RECEIVED = "received", _("received")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        UNDER_EXECUTION = "under_execution", _("under execution")
        PARTIALLY_EXECUTED = "partially_executed", _("partially executed")
        EXECUTED = "executed", _("executed")
        REFUSED = "refused", _("refused")
        WITHDRAWN = "withdrawn", _("withdrawn")

    CLOSED: ClassVar[frozenset[str]] = frozenset({"executed", "refused", "withdrawn"})

    request = models.OneToOneField(
        MlaRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="tracking"
    )
    reference = models.CharField(_("reference"), max_length=100)
    requesting_state = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="+")
    requested_state = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="+")
    assistance_types = models.JSONField(default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tracked_mla_requests"
    )
    facilitating_network = models.ForeignKey(
        "Network", null=True, blank=True, on_delete=models.PROTECT, related_name="tracked_requests"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    status_date = models.DateField(_("date of the status"))
    sent_on = models.DateField(null=True, blank=True)
    executed_on = models.DateField(null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    refusal_reason = models.TextField(blank=True)
    illustrative = models.BooleanField(default=False)

    audit_reads: ClassVar[bool] = True
    # Set by selectors.tracking_list_for: "outgoing" / "incoming" as seen by the reader.
    direction: str = ""

    class Meta(VersionedModel.Meta):
        ordering = ["-status_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requesting_state=models.F("requested_state")),
                name="mla_tracked_two_states",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""),
                name="mla_tracked_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="executed") | models.Q(executed_on__isnull=False),
                name="mla_tracked_executed_is_dated",
            ),
            models.UniqueConstraint(
                fields=["requesting_state", "reference"], name="mla_tracked_unique_reference"
            ),
        ]

    def __str__(self) -> str:
        return f"tracked request {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    def is_overdue(self, today: dt.date) -> bool:
        return self.deadline is not None and self.deadline < today and not self.is_closed


class TrackingEvent(models.Model):
    """One exchange on a tracked request, dated; the timeline. Never changed once written."""

    class Kind(models.TextChoices):
        SENT = "sent", _("sent")
        RECEIVED = "received", _("received")
        ACKNOWLEDGED = "acknowledged", _("acknowledgement of receipt")
        EXECUTION_STARTED = "execution_started", _("execution started")
        PARTIAL_EXECUTION = "partial_execution", _("partial execution")
        EXECUTED = "executed", _("executed")
        REFUSED = "refused", _("refused")
        WITHDRAWN = "withdrawn", _("withdrawn")
        REMINDER = "reminder", _("reminder")
        INFO_REQUESTED = "info_requested", _("additional information asked")
        INFO_PROVIDED = "info_provided", _("additional information given")
        CONSULTATION = "consultation", _("consultation")
        NOTE = "note", _("note")

    tracked = models.ForeignKey(TrackedRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    status_after = models.CharField(max_length=20, choices=TrackedRequest.Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.on}"


class ReminderNotice(models.Model):
    """A deadline reminder e-mailed to the owner of a tracked request: at most one a day."""

    tracked = models.ForeignKey(TrackedRequest, on_delete=models.CASCADE, related_name="reminders")
    day = models.DateField()
    recipient = models.EmailField()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["tracked", "day"], name="mla_one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"reminder {self.tracked_id} {self.day}"


class Network(VersionedModel):
    """A network of focal points that facilitates cooperation between central authorities."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField("geo.State", related_name="mla_networks", blank=True)
    secretariat = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="mla_secretariats", blank=True
    )
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FocalPoint(VersionedModel):
    """A person who speaks for a member State in a network, from `start` until `end`. Handing
    over to a successor closes the record (history kept)."""

    class Function(models.TextChoices):
        CENTRAL_AUTHORITY = "central_authority", _("central authority")
        PROSECUTOR = "prosecutor", _("prosecutor or judge")

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="focal_points")
    state = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="+")
    function = models.CharField(max_length=20, choices=Function.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mla_focal_points",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    illustrative = models.BooleanField(default=False)

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["state__code", "function", "-start"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "state", "function"],
                condition=models.Q(end__isnull=True),
                name="mla_one_current_focal_point",
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="mla_focal_point_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"focal point {self.pk}"


class Facilitation(models.Model):
    """A network helped on a tracked request: what it did, when."""

    class Action(models.TextChoices):
        CONTACT = "contact", _("put the authorities in contact")
        CONSULTATION = "consultation", _("informal consultation before the request")
        ADVICE = "advice", _("legal or practical advice")
        FOLLOW_UP = "follow_up", _("follow-up with the requested State")
        MEETING = "meeting", _("meeting or case conference")
        OTHER = "other", _("other")

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="facilitations")
    tracked = models.ForeignKey(
        TrackedRequest, on_delete=models.PROTECT, related_name="facilitations"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("what the network did"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"facilitation {self.pk}"


class CentralAuthorityNotice(VersionedModel):
    """A published, dated notice from a State's central authority on how it works (e.g. during
    the COVID-19 crisis), valid from one date until another (open-ended when still current)."""

    class Topic(models.TextChoices):
        ELECTRONIC = "electronic", _("electronic transmission accepted")
        URGENT_ONLY = "urgent_only", _("urgent requests only")
        VIDEOCONFERENCE = "videoconference", _("hearings by videoconference")
        OTHER = "other", _("other working modalities")

    class Answer(models.TextChoices):
        YES = "yes", _("yes")
        NO = "no", _("no")
        PARTLY = "partly", _("partly")

    state = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    text = models.TextField(_("text of the notice"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["state__code", "topic", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="mla_notice_until_after_from",
            ),
            models.UniqueConstraint(
                fields=["state", "topic", "valid_from"], name="mla_notice_one_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"notice {self.state_id} {self.topic} {self.valid_from}"
