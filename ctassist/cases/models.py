"""Case files of prosecution and judicial units: the people in them, custody, charges and
outcomes, hearings, evidence with its chain of custody, prison visits, and the registry of legal
time limits for detention. The most sensitive records of the platform: every model holding
personal data sets `audit_reads`, and reads go through `selectors.py` only."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel

ADULT_AGE = 18


class Unit(VersionedModel):
    """A prosecution or judicial unit; users work in it through memberships."""

    class Kind(models.TextChoices):
        PROSECUTION = "prosecution", _("prosecution unit")
        JUDICIARY = "judiciary", _("specialized judicial unit")
        POLICE = "police", _("investigation unit")
        OTHER = "other", _("other")

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PROSECUTION)
    country = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="case_units")
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["country__code", "name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's place in a unit. Juvenile access is separate: children's cases are seen only by
    members who hold it. The head sees the unit's dashboard of overdue detainees first."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_memberships"
    )
    is_head = models.BooleanField(default=False)
    juvenile_access = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="cases_membership_unit_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.unit_id}"


class Stage(models.TextChoices):
    INVESTIGATION = "investigation", _("investigation")
    PRE_TRIAL = "pre_trial", _("pre-trial")
    TRIAL = "trial", _("trial")
    APPEAL = "appeal", _("appeal")
    CLOSED = "closed", _("closed")


class CaseFile(VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")
        ARCHIVED = "archived", _("archived")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cases")
    title = models.CharField(max_length=300)
    police_ref = models.CharField(_("police number"), max_length=80, blank=True)
    prosecution_ref = models.CharField(_("prosecution number"), max_length=80, blank=True)
    court_ref = models.CharField(_("court number"), max_length=80, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.INVESTIGATION)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    status_reason = models.TextField(blank=True, help_text=_("why the case was closed or archived"))
    facts = models.TextField(blank=True)
    offence_date = models.DateField(
        null=True, blank=True, help_text=_("date of the alleged offence (ages are counted on it)")
    )
    opened_on = models.DateField(default=dt.date.today)
    lead_prosecutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_led",
    )
    prosecutors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="cases_assigned"
    )
    instruments = models.ManyToManyField("treaties.Instrument", blank=True, related_name="cases")
    legislation = models.JSONField(
        default=list, blank=True, help_text=_("ids of library legislation records applied")
    )
    juvenile = models.BooleanField(
        default=False,
        help_text=_("a child is accused: juvenile-justice rules apply"),
        editable=False,
    )
    illustrative = models.BooleanField(default=False)

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open") | ~models.Q(status_reason=""),
                name="cases_casefile_closing_needs_reason",
            )
        ]

    def __str__(self) -> str:
        return f"case {self.pk}"


class Person(VersionedModel):
    class Role(models.TextChoices):
        SUSPECT = "suspect", _("suspect")
        ACCUSED = "accused", _("accused")
        VICTIM = "victim", _("victim")
        WITNESS = "witness", _("witness")

    class Sex(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        UNKNOWN = "unknown", _("not recorded")

    class Detention(models.TextChoices):
        NOT_DETAINED = "not_detained", _("not detained")
        IN_CUSTODY = "in_custody", _("in custody")
        BAIL = "bail", _("released on bail")
        RELEASED = "released", _("released")

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(max_length=10, choices=Role.choices)
    full_name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    nationality = models.ForeignKey(
        "geo.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    detention = models.CharField(
        max_length=15, choices=Detention.choices, default=Detention.NOT_DETAINED
    )
    detention_place = models.CharField(max_length=200, blank=True)
    custody_start = models.DateField(null=True, blank=True)
    last_review = models.DateField(
        null=True, blank=True, help_text=_("last judicial review of the detention")
    )
    protection_measures = models.BooleanField(default=False)
    protection_note = models.CharField(max_length=300, blank=True)

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["case", "role", "id"]

    def __str__(self) -> str:
        return f"person {self.pk}"

    def age_on(self, day: dt.date | None) -> int | None:
        if self.date_of_birth is None or day is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age_at_offence(self) -> int | None:
        return self.age_on(self.case.offence_date)

    @property
    def is_child(self) -> bool:
        age = self.age_at_offence
        return age is not None and age < ADULT_AGE


class Charge(VersionedModel):
    class Disposition(models.TextChoices):
        PENDING = "pending", _("pending")
        CONVICTED = "convicted", _("convicted")
        ACQUITTED = "acquitted", _("acquitted")
        DISCHARGED = "discharged", _("discharged")
        DISMISSED = "dismissed", _("dismissed")
        RELEASED = "released", _("released")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="charges")
    offence = models.CharField(max_length=300, help_text=_("the national offence"))
    instrument = models.ForeignKey(
        "treaties.Instrument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    disposition = models.CharField(
        max_length=12, choices=Disposition.choices, default=Disposition.PENDING
    )
    disposition_date = models.DateField(null=True, blank=True)
    sentence = models.CharField(max_length=300, blank=True)
    appealed = models.BooleanField(default=False)

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["person", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(disposition="pending")
                | models.Q(disposition_date__isnull=False),
                name="cases_charge_disposition_dated",
            )
        ]

    def __str__(self) -> str:
        return f"charge {self.pk}"


class Hearing(VersionedModel):
    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="hearings")
    starts_at = models.DateTimeField()
    court = models.CharField(max_length=200)
    purpose = models.CharField(max_length=200, blank=True)
    closed_session = models.BooleanField(
        default=False, help_text=_("held apart from the public (a child, a protected witness)")
    )

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"hearing {self.pk}"


class Evidence(VersionedModel):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("physical exhibit")
        DIGITAL = "digital", _("digital evidence")
        DOCUMENT = "document", _("document")

    class Origin(models.TextChoices):
        POLICE = "police", _("police investigation")
        MILITARY = "military", _("collected by the military")
        MLA = "mla", _("foreign request (MLA)")
        OPEN_SOURCE = "open_source", _("open source")
        OTHER = "other", _("other")

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="evidence")
    number = models.CharField(max_length=40)
    description = models.CharField(max_length=400)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.POLICE)
    file = models.FileField(upload_to="cases/evidence/%Y/", blank=True)
    filename = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, help_text=_("computed on upload"))
    extracted_text = models.TextField(
        blank=True, help_text=_("text read from a PDF, DOCX or HTML document, for search")
    )
    text_cut = models.BooleanField(
        default=False, help_text=_("only the start of the document's text is kept for search")
    )
    holder = models.CharField(max_length=200, help_text=_("who holds the exhibit now"))
    admissibility_note = models.TextField(blank=True)

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="cases_evidence_number")
        ]

    def __str__(self) -> str:
        return f"evidence {self.pk}"


class CustodyTransfer(models.Model):
    """One hand-over of an exhibit: the chain of custody, appended to, never edited."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="transfers")
    at = models.DateTimeField()
    from_holder = models.CharField(max_length=200)
    to_holder = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["evidence", "at", "id"]

    def __str__(self) -> str:
        return f"transfer {self.pk}"


class PrisonVisit(VersionedModel):
    """A visit by the unit to a place of detention (¶26), the detainees met and what follows."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="prison_visits")
    visited_on = models.DateField()
    place = models.CharField(max_length=200)
    detainees_met = models.ManyToManyField(Person, blank=True, related_name="visits")
    follow_up = models.TextField(blank=True)

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["-visited_on"]

    def __str__(self) -> str:
        return f"visit {self.pk}"


class DetentionRule(models.Model):
    """A legal time limit for holding a person at a stage, per country (null: the default
    used where no country rule is registered). The closest match wins: country and stage, then
    country, then the default for the stage, then the default (see `detention.py`)."""

    country = models.ForeignKey(
        "geo.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    juvenile = models.BooleanField(
        default=False, help_text=_("applies to children (a child's rule wins for a child)")
    )
    max_days = models.PositiveIntegerField(help_text=_("days in custody allowed at this stage"))
    review_every_days = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("a judicial review is due this often")
    )
    source = models.CharField(max_length=300, help_text=_("the law or rule that sets the limit"))
    illustrative = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["country", "stage", "juvenile"],
                condition=models.Q(country__isnull=False),
                name="cases_detentionrule_country_stage",
            ),
            models.UniqueConstraint(
                fields=["stage", "juvenile"],
                condition=models.Q(country__isnull=True),
                name="cases_detentionrule_default_stage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country_id or 'default'}/{self.stage or 'any'}: {self.max_days} days"


class ReviewCampaign(VersionedModel):
    """A review of many case files (¶21: 1,500 files reviewed): reviewers are assigned files and
    record an outcome with reasons for each."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="review_campaigns")
    name = models.CharField(max_length=200)
    started_on = models.DateField(default=dt.date.today)
    description = models.TextField(blank=True)

    class Meta(VersionedModel.Meta):
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return self.name


class ReviewItem(VersionedModel):
    class Outcome(models.TextChoices):
        IMPROVED = "improved", _("improved for prosecution")
        DISMISSAL = "dismissal", _("recommend dismissal")
        REFER_BACK = "refer_back", _("refer back for investigation")

    campaign = models.ForeignKey(ReviewCampaign, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_reviews",
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    reasons = models.TextField(blank=True)
    reviewed_on = models.DateField(null=True, blank=True)

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "case"], name="cases_review_once"),
            models.CheckConstraint(
                condition=models.Q(outcome="") | ~models.Q(reasons=""),
                name="cases_review_outcome_needs_reasons",
            ),
        ]

    def __str__(self) -> str:
        return f"review {self.pk}"


class Task(VersionedModel):
    """Something to do on a case, by a date, by someone."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_tasks",
    )
    done_on = models.DateField(null=True, blank=True)

    class Meta(VersionedModel.Meta):
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return f"task {self.pk}"


class DigestSent(models.Model):
    """The day a member was sent the daily digest (so the job sends at most one a day)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "on"], name="cases_digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"digest {self.user_id} {self.on}"
