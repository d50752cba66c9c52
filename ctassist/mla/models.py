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
