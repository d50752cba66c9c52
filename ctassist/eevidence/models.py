"""Electronic evidence requested directly from service providers (¶51, ¶63; the Practical Guide
for Requesting Electronic Evidence Across Borders): provider profiles — law-enforcement portal,
what each discloses without MLA, how long it preserves data — verified and dated, and the three
direct requests the guide teaches: preservation, emergency disclosure and voluntary disclosure.
Content data needs an MLA request (the mla app); a preservation keeps it until that request is
made, so its expiry is watched."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel


class DataCategory(models.TextChoices):
    SUBSCRIBER = "subscriber", _("subscriber information")
    TRAFFIC = "traffic", _("traffic data")
    CONTENT = "content", _("content data")


def category_labels(codes: list[str]) -> list[str]:
    """The categories' names in the user's language (unknown codes as they are)."""
    labels = dict(DataCategory.choices)
    return [str(labels.get(code, code)) for code in codes]


class ServiceProvider(VersionedModel):
    """What a provider accepts from foreign authorities. Policies change: every profile carries
    the date it was last verified and by whom."""

    class Kind(models.TextChoices):
        SOCIAL = "social", _("social network")
        MESSAGING = "messaging", _("messaging")
        EMAIL = "email", _("e-mail")
        CLOUD = "cloud", _("cloud storage or hosting")
        TELECOM = "telecom", _("telecommunications")
        OTHER = "other", _("other")

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    jurisdiction = models.ForeignKey(
        "geo.State",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("where the provider is established: its law governs disclosure"),
    )
    portal_url = models.URLField(blank=True, help_text=_("law-enforcement request portal"))
    contact = models.CharField(max_length=200, blank=True)
    accepts_preservation = models.BooleanField(null=True, blank=True)
    preservation_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("how long a preservation holds the data")
    )
    extension_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("a further period on request; empty: no extension")
    )
    emergency_disclosure = models.BooleanField(
        null=True, blank=True, help_text=_("discloses in an emergency without legal process")
    )
    voluntary_categories = models.JSONField(
        default=list,
        blank=True,
        help_text=_("data categories disclosed voluntarily to foreign authorities, without MLA"),
    )
    retention = models.TextField(blank=True, help_text=_("how long data is kept, as published"))
    notes = models.TextField(blank=True)
    last_verified = models.DateField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    STALE_AFTER_DAYS: ClassVar[int] = 365

    def stale_on(self, day: dt.date) -> bool:
        """Never verified, or verified more than a year before `day`."""
        return self.last_verified is None or (day - self.last_verified).days > self.STALE_AFTER_DAYS

    @property
    def stale(self) -> bool:
        return self.stale_on(timezone.localdate())

    @property
    def voluntary_labels(self) -> list[str]:
        return category_labels(self.voluntary_categories)


class DataRequest(VersionedModel):
    """A preservation, emergency-disclosure or voluntary-disclosure request to a provider. The
    account identifiers make it personal data: seen only by users of the requesting State."""

    class Kind(models.TextChoices):
        PRESERVATION = "preservation", _("preservation")
        EMERGENCY = "emergency", _("emergency disclosure")
        VOLUNTARY = "voluntary", _("voluntary disclosure")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent")
        CONFIRMED = "confirmed", _("confirmed by the provider")
        DISCLOSED = "disclosed", _("data disclosed")
        REFUSED = "refused", _("refused")
        EXPIRED = "expired", _("preservation expired")
        CLOSED = "closed", _("closed")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    reference = models.CharField(max_length=80)
    requesting_state = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="+")
    requesting_authority = models.CharField(max_length=300, blank=True)
    provider = models.ForeignKey(ServiceProvider, on_delete=models.PROTECT, related_name="requests")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="data_requests"
    )
    identifiers = models.TextField(
        blank=True, help_text=_("accounts, numbers or addresses concerned")
    )
    categories = models.JSONField(default=list, blank=True)
    period_from = models.DateField(null=True, blank=True)
    period_to = models.DateField(null=True, blank=True)
    offence = models.CharField(max_length=300, blank=True)
    facts = models.TextField(blank=True)
    emergency_reason = models.TextField(
        blank=True, help_text=_("the imminent risk of death or serious physical injury")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    status_reason = models.TextField(blank=True)
    sent_on = models.DateField(null=True, blank=True)
    provider_reference = models.CharField(max_length=120, blank=True)
    preserved_until = models.DateField(null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(default=0)
    follow_up = models.ForeignKey(
        "mla.MlaRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="preservations",
        help_text=_("the MLA request for the preserved data"),
    )
    reminded_on = models.DateField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["requesting_state", "reference"], name="eevidence_reference_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="emergency")
                | models.Q(status="draft")
                | ~models.Q(emergency_reason=""),
                name="eevidence_emergency_sent_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(status_reason=""),
                name="eevidence_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"data request {self.pk}"

    @property
    def category_labels(self) -> list[str]:
        return category_labels(self.categories)
