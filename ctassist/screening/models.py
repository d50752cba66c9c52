"""Sanctions screening (¶13, ¶36, ¶80): lists and their versions, the names checked against
them, the hits found and the decisions of reviewers.

Lists are reference data: every version is kept with its own date and the changes from the
version before (`ListChange`). What users check is personal data: a `Screening` (one name
checked) and its `Hit`s are seen only by their author and by reviewers of their country, and
every read is logged (`selectors.py`).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel
from ctassist.screening.entries import Entry, Schema


class SchemaChoice(models.TextChoices):
    PERSON = Schema.PERSON.value, _("person")
    ORGANIZATION = Schema.ORGANIZATION.value, _("organisation")


class WatchList(models.Model):
    """A list people are checked against: the UN Security Council Consolidated List, or a
    national watchlist. `public` lists (the UN's) are shown to everyone; the others only to
    users who may screen."""

    class Format(models.TextChoices):
        UN_XML = "un-xml", _("UN Consolidated List XML")
        CSV = "csv", _("CSV watchlist")
        FTM = "ftm", _("FollowTheMoney JSON lines")

    name = models.CharField(max_length=200, unique=True)
    format = models.CharField(max_length=10, choices=Format.choices)
    public = models.BooleanField(default=False)
    source_url = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ListVersion(models.Model):
    """One loaded copy of a list, with the list's own date and the size of its change from the
    version before. The newest version of each list is the one screened against."""

    watchlist = models.ForeignKey(WatchList, on_delete=models.PROTECT, related_name="versions")
    generated = models.DateTimeField(help_text=_("the list's own date (the UN's dateGenerated)"))
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(max_length=255, blank=True)
    digest = models.CharField(max_length=64, help_text=_("SHA-256 of the loaded file"))
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    individuals = models.PositiveIntegerField(default=0)
    organizations = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    amended = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["watchlist__name", "-generated", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["watchlist", "digest"], name="screening_version_once_per_file"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.watchlist.name} {self.generated:%Y-%m-%d}"

    @property
    def label(self) -> str:
        """How results cite the version: '<list name> <its date>'."""
        return f"{self.watchlist.name} {self.generated.isoformat()}"


class ListEntry(models.Model):
    """A designated person or organisation as one version of a list gives it."""

    version = models.ForeignKey(ListVersion, on_delete=models.CASCADE, related_name="entries")
    key = models.CharField(max_length=100, help_text=_("stable within the list (DATAID)"))
    ref = models.CharField(max_length=100, db_index=True)
    schema = models.CharField(max_length=12, choices=SchemaChoice.choices)
    caption = models.CharField(max_length=500)
    regime = models.CharField(max_length=100, blank=True)
    nationalities = models.CharField(
        max_length=200, blank=True, help_text=_("ISO alpha-2 codes, as ',IQ,SY,'")
    )
    data = models.JSONField()
    digest = models.CharField(max_length=64, help_text=_("SHA-256 of the entry's content"))

    class Meta:
        ordering = ["ref", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="screening_entry_once"),
        ]
        verbose_name_plural = _("list entries")

    def __str__(self) -> str:
        return f"{self.ref} {self.caption}"

    @property
    def entry(self) -> Entry:
        return Entry.from_json(self.data)


class ListChange(models.Model):
    """The delta of a version from the one before: a new designation, a de-listing or an
    amended entry (with the fields that changed)."""

    class Kind(models.TextChoices):
        ADDED = "added", _("new designation")
        REMOVED = "removed", _("de-listed")
        AMENDED = "amended", _("amended")

    version = models.ForeignKey(ListVersion, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    key = models.CharField(max_length=100)
    ref = models.CharField(max_length=100)
    caption = models.CharField(max_length=500)
    fields = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["kind", "ref", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref}"


class ScreeningBatch(models.Model):
    """A file of names screened at once (CLI, API or web)."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(max_length=255, blank=True)
    names = models.PositiveIntegerField(default=0)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"batch {self.pk} ({self.names} names)"


class Screening(models.Model):
    """One name checked against the lists: personal data."""

    class Source(models.TextChoices):
        WEB = "web", _("web page")
        API = "api", _("API")
        CLI = "cli", _("command line")
        BATCH = "batch", _("batch file")

    audit_reads: ClassVar[bool] = True

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    country = models.ForeignKey(
        "geo.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("the State whose authority screens; its reviewers see the screening"),
    )
    source = models.CharField(max_length=8, choices=Source.choices)
    batch = models.ForeignKey(
        ScreeningBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="screenings"
    )
    external_id = models.CharField(max_length=200, blank=True)
    name = models.CharField(max_length=500)
    schema = models.CharField(max_length=12, choices=SchemaChoice.choices, blank=True)
    birth_date = models.CharField(max_length=10, blank=True)
    nationality = models.CharField(max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2"))
    threshold = models.FloatField()
    query_key = models.CharField(
        max_length=64, db_index=True, help_text=_("the same query gives the same key")
    )
    versions = models.ManyToManyField(ListVersion, related_name="+", blank=True)
    last_screened_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"screening {self.pk}"


class Hit(VersionedModel):
    """A listed entry that scored at or above the threshold for a screening, found in one list
    version; a reviewer decides what it is."""

    class Decision(models.TextChoices):
        PENDING = "", _("to review")
        TRUE_MATCH = "true_match", _("true match")
        FALSE_POSITIVE = "false_positive", _("false positive")
        MORE_INFORMATION = "more_information", _("needs more information")

    audit_reads: ClassVar[bool] = True

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="hits")
    entry = models.ForeignKey(ListEntry, on_delete=models.PROTECT, related_name="+")
    score = models.FloatField()
    matched_name = models.CharField(max_length=500)
    explanation = models.JSONField(default=list)
    is_new = models.BooleanField(
        default=False, help_text=_("found by a re-screening after a list changed")
    )
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta(VersionedModel.Meta):
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["screening", "entry"], name="screening_hit_once"),
            models.CheckConstraint(
                condition=models.Q(decision="") | ~models.Q(reason=""),
                name="screening_decision_has_reason",
            ),
        ]
        permissions = [("review_hit", "Can decide screening hits")]

    def __str__(self) -> str:
        return f"hit {self.pk}"


class FalsePositive(models.Model):
    """A reviewer's 'false positive' for a query and an entry, remembered until the entry
    changes: re-screening the same query does not raise it again (`entry_digest`)."""

    query_key = models.CharField(max_length=64)
    watchlist = models.ForeignKey(WatchList, on_delete=models.CASCADE, related_name="+")
    entry_key = models.CharField(max_length=100)
    entry_digest = models.CharField(max_length=64)
    hit = models.ForeignKey(Hit, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["query_key", "watchlist", "entry_key", "entry_digest"],
                name="screening_false_positive_once",
            ),
        ]

    def __str__(self) -> str:
        return f"false positive {self.entry_key}"
