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


class ParagraphEdit(VersionedModel):
    """An editor's paragraph in the periodic report of one period and language: it replaces the
    generated paragraph with the same key, or is added after it. Kept across regenerations (a
    paragraph's key does not change when the report is generated again); who wrote it and when
    are shown beside the draft."""

    class Action(models.TextChoices):
        REPLACE = "replace", _("replaces the paragraph")
        ADD = "add", _("is added after the paragraph")

    start = models.DateField()
    end = models.DateField()
    language = models.CharField(max_length=7, choices=settings.LANGUAGES, default="en")
    key = models.CharField(max_length=300, help_text=_("the generated paragraph's key"))
    action = models.CharField(max_length=7, choices=Action.choices)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta(VersionedModel.Meta):
        ordering = ["start", "end", "language", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["start", "end", "language", "key", "action"],
                name="reports_paragraphedit_one_per_place",
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""), name="reports_paragraphedit_has_text"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class FrozenReport(models.Model):
    """The final version of a period's report in one language, as it was frozen: its paragraphs
    (headings, keys, texts) and its figures. A later regeneration is compared with it."""

    start = models.DateField()
    end = models.DateField()
    language = models.CharField(max_length=7, choices=settings.LANGUAGES, default="en")
    frozen_at = models.DateTimeField(auto_now_add=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    content = models.JSONField(help_text=_("parts, paragraphs and figures as frozen"))

    class Meta:
        ordering = ["-frozen_at", "-id"]

    def __str__(self) -> str:
        return f"{self.start}–{self.end} ({self.language})"
