"""The public legal library: one record family (legislation, case law, strategies, bibliography,
publications, competent authorities), its provisions, attachments and taxonomy."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel
from ctassist.geo.models import SixNames


class Term(SixNames, VersionedModel):
    """A taxonomy term: a crime type or a cross-cutting issue, named in the six languages."""

    class Scheme(models.TextChoices):
        CRIME_TYPE = "crime_type", _("crime type")
        CROSS_CUTTING = "cross_cutting", _("cross-cutting issue")

    scheme = models.CharField(max_length=20, choices=Scheme.choices)
    code = models.SlugField(max_length=60)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    instrument = models.ForeignKey(
        "treaties.Instrument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("the instrument that defines this offence"),
    )

    class Meta(VersionedModel.Meta):
        ordering = ["scheme", "name_en"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="library_term_scheme_code")
        ]

    def __str__(self) -> str:
        return self.name


class Record(VersionedModel):
    """One record of any type. `work` groups the language versions and the point-in-time
    versions of the same law or document; type-specific fields live in `details`, validated
    against the type's JSON Schema (docs/import-format.md)."""

    class Type(models.TextChoices):
        LEGISLATION = "legislation", _("legislation")
        CASE = "case", _("case law")
        STRATEGY = "strategy", _("strategy or action plan")
        BIBLIOGRAPHY = "bibliography", _("bibliography")
        PUBLICATION = "publication", _("publication or guide")
        AUTHORITY = "authority", _("competent national authority")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("in review")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    external_id = models.CharField(
        max_length=120, unique=True, help_text=_("stable id from the import; re-import updates")
    )
    type = models.CharField(max_length=20, choices=Type.choices, db_index=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    country = models.ForeignKey(
        "geo.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="library_records",
        help_text=_("empty for international and regional records"),
    )
    language = models.CharField(max_length=8, db_index=True, help_text=_("ISO 639-1"))
    title = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True, db_index=True)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True)
    source_url = models.URLField(max_length=800, blank=True)
    work = models.CharField(
        max_length=120,
        blank=True,
        db_index=True,
        help_text=_("groups language and point-in-time versions"),
    )
    version_date = models.DateField(
        null=True, blank=True, help_text=_("legislation: the point in time of this text")
    )
    details = models.JSONField(default=dict, blank=True)
    crime_types = models.ManyToManyField(
        Term, blank=True, related_name="crime_records", limit_choices_to={"scheme": "crime_type"}
    )
    cross_cutting = models.ManyToManyField(
        Term, blank=True, related_name="issue_records", limit_choices_to={"scheme": "cross_cutting"}
    )
    instruments = models.ManyToManyField(
        "treaties.Instrument", blank=True, related_name="library_records"
    )
    illustrative = models.BooleanField(
        default=False, help_text=_("demo content written for illustration")
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # "<version>:<SHA-256 of the import line>" as last imported: a re-import of the same line
    # onto the same version is known unchanged without reading the record (issue 26 item 6).
    import_digest = models.CharField(max_length=80, blank=True, default="", editable=False)

    audit_reads: ClassVar[bool] = False

    class Meta(VersionedModel.Meta):
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["status", "type", "date"], name="library_status_type")]

    def __str__(self) -> str:
        return self.title


class Provision(models.Model):
    """An article-level extract of a law, mapped to the instrument articles it implements."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="provisions")
    order = models.PositiveIntegerField()
    number = models.CharField(max_length=50, help_text=_('e.g. "Art. 3"'))
    heading = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    crime_types = models.ManyToManyField(Term, blank=True, related_name="provisions")
    implements = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            'instrument articles implemented: [{"instrument": "FINANCING_1999", "article": "2"}]'
        ),
    )

    class Meta:
        ordering = ["record", "order"]
        constraints = [
            models.UniqueConstraint(fields=["record", "order"], name="library_provision_order")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()


class Attachment(models.Model):
    """A file attached to a record, with the text extracted from it for search."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="library/%Y/")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    sha256 = models.CharField(max_length=64)
    extracted_text = models.TextField(blank=True)

    class Meta:
        ordering = ["record", "filename"]

    def __str__(self) -> str:
        return self.filename


class SearchDocument(models.Model):
    """The analysed text of a record (stems per language, Chinese bigrams), which the search
    engine indexes: an FTS5 table on SQLite, a tsvector column with a GIN index on PostgreSQL
    (see migration 0002 and ctassist/library/search.py)."""

    record = models.OneToOneField(
        Record, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title_terms = models.TextField()
    body_terms = models.TextField()

    def __str__(self) -> str:
        return f"search document of {self.record_id}"


class RecordLink(models.Model):
    """A link from a record to another work, by the target's stable id, so a link can be
    imported before its target and resolves once the target exists:
    a case *applies* a law (target: the law's external id); a text *mentions* an instrument
    (target: the instrument code, recognised in the text by `references.py`); a law has
    provisions that *implement* an instrument (from the provisions' `implements`)."""

    class Kind(models.TextChoices):
        APPLIES = "applies", _("applies legislation")
        MENTIONS = "mentions", _("mentions instrument")
        IMPLEMENTS = "implements", _("implements instrument")

    source = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    target = models.CharField(max_length=120, db_index=True)

    class Meta:
        ordering = ["source", "kind", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="library_link_source_kind_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target}"


class SavedSearch(models.Model):
    """A user's saved query and filters; `library alerts` e-mails records published since the
    last alert that match it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=200)
    query = models.CharField(max_length=500, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    alerts = models.BooleanField(default=True, help_text=_("e-mail new matches"))
    created_at = models.DateTimeField(auto_now_add=True)
    last_alert_at = models.DateTimeField(
        help_text=_("records published after this moment are new for the next alert")
    )

    class Meta:
        ordering = ["user", "name"]

    def __str__(self) -> str:
        return self.name
