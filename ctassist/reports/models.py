"""Staff-written highlight paragraphs of the periodic report, tagged by thematic area and region;
the report merges those dated in its period into the matching section."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.assistance.selectors import ThematicArea
from ctassist.core.models import VersionedModel


class Highlight(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        READY = "ready", _("ready for the report")

    on = models.DateField(help_text=_("the date the highlight belongs to"), db_index=True)
    thematic_area = models.CharField(max_length=20, choices=ThematicArea.choices)
    region = models.ForeignKey(
        "geo.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("empty: global or cross-regional"),
    )
    text = models.TextField()
    language = models.CharField(
        max_length=7,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("a report in this language merges it"),
    )
    status = models.CharField(max_length=5, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["on", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="reports_highlight_has_text")
        ]

    def __str__(self) -> str:
        return self.text[:60]
