"""Requests for mutual legal assistance drafted in the platform. The request itself is the JSON
document of docs/mla-request-format.md (`data`); the columns beside it are what access and
lists need."""

from __future__ import annotations

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
