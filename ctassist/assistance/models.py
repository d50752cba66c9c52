"""Technical assistance delivered: organisations (donors, partners), projects, activities,
participants and their attendance, and outcome records with their source. Participants are
personal data (`audit_reads`)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel


class ThematicArea(models.TextChoices):
    """The report's sections on delivery (¶7–¶75)."""

    LEGISLATIVE = "legislative", _("Legislative assistance")
    POLICY = "policy", _("Policy and strategy development")
    CAPACITY = "capacity", _("Capacity-building on criminal justice responses to terrorism")
    COOPERATION = "cooperation", _("International cooperation and mutual legal assistance")
    PRISONS = "prisons", _("Prison reform, rehabilitation and reintegration")


class Organisation(VersionedModel):
    """A donor or partner. `iati_type` is the IATI OrganisationType code (e.g. 40 multilateral,
    10 government)."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    iati_type = models.CharField(max_length=4, blank=True)
    iati_ref = models.CharField(max_length=60, blank=True)

    class Meta(VersionedModel.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class FieldOffice(VersionedModel):
    """A UNODC field presence (¶4: "field presence in 18 countries")."""

    name = models.CharField(max_length=200, unique=True)
    country = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="+")
    opened = models.DateField()
    closed = models.DateField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed__isnull=True) | models.Q(closed__gte=models.F("opened")),
                name="assistance_field_office_closed_after_opened",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Project(VersionedModel):
    code = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    thematic_area = models.CharField(max_length=20, choices=ThematicArea.choices)
    start = models.DateField()
    end = models.DateField()
    budget_usd = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    donors = models.ManyToManyField(Organisation, blank=True, related_name="funded_projects")
    countries = models.ManyToManyField("geo.State", blank=True, related_name="+")
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Activity(VersionedModel):
    class Kind(models.TextChoices):
        TRAINING = "training", _("training")
        WORKSHOP = "workshop", _("workshop")
        LEGISLATIVE_ADVICE = "legislative_advice", _("legislative advice")
        MENTORING = "mentoring", _("mentoring")
        EXPERT_GROUP = "expert_group", _("expert group meeting")
        STUDY_VISIT = "study_visit", _("study visit")
        WEBINAR = "webinar", _("webinar")
        ELEARNING = "elearning", _("e-learning course")
        EQUIPMENT = "equipment", _("equipment delivery")
        ASSESSMENT = "assessment", _("assessment mission")
        HIGH_LEVEL = "high_level", _("high-level event")

    class Modality(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="activities")
    reference = models.CharField(
        max_length=60, blank=True, help_text=_("the field office's own reference, for imports")
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    modality = models.CharField(max_length=10, choices=Modality.choices)
    start = models.DateField(db_index=True)
    end = models.DateField()
    country = models.ForeignKey(
        "geo.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    thematic_area = models.CharField(max_length=20, choices=ThematicArea.choices)
    partners = models.ManyToManyField(Organisation, blank=True, related_name="activities")
    field_office = models.ForeignKey(
        FieldOffice, null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    gender_marker = models.PositiveSmallIntegerField(
        default=0, help_text=_("0 not targeted, 1 significant, 2 principal objective")
    )
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["-start", "id"]

    def __str__(self) -> str:
        return self.title


class Participant(VersionedModel):
    class Sex(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        UNKNOWN = "unknown", _("not recorded")

    class Agency(models.TextChoices):
        POLICE = "police", _("police")
        PROSECUTION = "prosecution", _("prosecution")
        JUDICIARY = "judiciary", _("judiciary")
        PRISONS = "prisons", _("prisons")
        FIU = "fiu", _("financial intelligence unit")
        CUSTOMS = "customs", _("customs")
        MILITARY = "military", _("military")
        CIVIL_SOCIETY = "civil_society", _("civil society")
        OTHER = "other", _("other")

    full_name = models.CharField(max_length=200)
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    agency = models.CharField(max_length=15, choices=Agency.choices, default=Agency.OTHER)
    country = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="+")
    position = models.CharField(max_length=200, blank=True)
    illustrative = models.BooleanField(default=False)

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["full_name"]

    def __str__(self) -> str:
        return f"participant {self.pk}"


class Attendance(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="attendance"
    )
    completed = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], name="assistance_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} at {self.activity_id}"


class OutcomeRecord(VersionedModel):
    """A result observed in a country (¶18, ¶21, ¶26), with its source and evidence."""

    class Kind(models.TextChoices):
        SIT_INVESTIGATION = "sit_investigation", _("investigations using special techniques")
        CASE_REVIEWED = "case_reviewed", _("case files reviewed")
        CONVICTION = "conviction", _("persons convicted")
        DISCHARGE = "discharge", _("persons discharged")
        PRISON_VISIT = "prison_visit", _("prison visits")
        DETAINEE_MET = "detainee_met", _("detainees met")
        SEIZURE = "seizure", _("firearms seized")
        LAW_DRAFTED = "law_drafted", _("laws drafted or amended")
        RATIFICATION = "ratification", _("ratifications supported")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    on = models.DateField(db_index=True)
    country = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField()
    source = models.CharField(max_length=300, help_text=_("e.g. court records, unit report"))
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.PROTECT, related_name="outcomes"
    )
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["-on"]

    def __str__(self) -> str:
        return f"{self.kind} {self.count}"


class Result(VersionedModel):
    """A level of a project's results framework; `level` is the IATI ResultType code."""

    class Level(models.TextChoices):
        OUTPUT = "1", _("output")
        OUTCOME = "2", _("outcome")
        IMPACT = "3", _("impact")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="results")
    level = models.CharField(max_length=1, choices=Level.choices)
    title = models.CharField(max_length=300)

    class Meta(VersionedModel.Meta):
        ordering = ["project__code", "-level", "id"]

    def __str__(self) -> str:
        return self.title


class Indicator(VersionedModel):
    """How a result is measured: a number or a percentage (IATI IndicatorMeasure 1 and 2), its
    direction, a baseline with its year, and how it is verified. Targets and actual values are
    kept per period, in total and by sex."""

    class Measure(models.TextChoices):
        UNIT = "1", _("number")
        PERCENTAGE = "2", _("percentage")

    result = models.ForeignKey(Result, on_delete=models.PROTECT, related_name="indicators")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="indicators")
    code = models.CharField(max_length=40, help_text=_("the project's own code, e.g. OC1.2"))
    title = models.CharField(max_length=300)
    measure = models.CharField(max_length=1, choices=Measure.choices, default=Measure.UNIT)
    ascending = models.BooleanField(default=True, help_text=_("higher is better"))
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)
    baseline_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    means_of_verification = models.CharField(max_length=300, blank=True)

    class Meta(VersionedModel.Meta):
        ordering = ["project__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="assistance_indicator_code"),
            models.CheckConstraint(
                condition=models.Q(baseline_value__isnull=True)
                | models.Q(baseline_year__isnull=False),
                name="assistance_indicator_baseline_has_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class IndicatorPeriod(models.Model):
    """A reporting period of an indicator: any start and end (e.g. 1 June to 31 May)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="periods")
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["indicator", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "start", "end"], name="assistance_indicator_period_once"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="assistance_indicator_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start}..{self.end}"


class IndicatorValue(VersionedModel):
    """A target or an actual value of a period, in total (`sex` = total) or for one sex. Every
    value names its source; an actual counts in reports and IATI only once approved by someone
    other than the person who recorded it."""

    class Kind(models.TextChoices):
        TARGET = "target", _("target")
        ACTUAL = "actual", _("actual")

    class Sex(models.TextChoices):
        TOTAL = "total", _("total")
        FEMALE = "female", _("female")
        MALE = "male", _("male")

    period = models.ForeignKey(IndicatorPeriod, on_delete=models.PROTECT, related_name="values")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    sex = models.CharField(max_length=6, choices=Sex.choices, default=Sex.TOTAL)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    source = models.CharField(max_length=300, help_text=_("e.g. court records, training register"))
    evidence_url = models.URLField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["period", "kind", "sex"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "kind", "sex"], name="assistance_indicator_value_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=""), name="assistance_indicator_value_has_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.sex} {self.value}"

    @property
    def approved(self) -> bool:
        return self.approved_at is not None
