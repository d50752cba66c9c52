"""Prisons (issue 20): prisons with their staff, housing units and cells; prisoners with their
stays (admission, housing moves, transfers, release); assessment instruments held as data
(domains, items, rating scales, protective items, the rule that suggests a level, versions);
assessments with rated items, the assessor's level and the supervisor's review; needs,
interventions, enrolments and attendance; incidents.

Who sees what: a prisoner's records are seen by the staff of that prison only
(`core.access.restrict_to_units` over `Prison.memberships`); analysts get figures without names
(`selectors.prison_figures_for`). Classification (an approved assessment's level) and the
housing decision (a stay in a cell, with its own reason) are kept apart (docs/prisons.md).
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel


class Level(models.TextChoices):
    """A risk level, and the security level of a unit."""

    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class Holds(models.TextChoices):
    """Who a housing unit is for: children and women are held apart from adult men."""

    ADULT_MEN = "adult_men", _("adult men")
    WOMEN = "women", _("women")
    CHILDREN = "children", _("children")


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")


class InterventionKind(models.TextChoices):
    EDUCATION = "education", _("education")
    VOCATIONAL = "vocational", _("vocational training")
    PSYCHOSOCIAL = "psychosocial", _("psychosocial support")
    RELIGIOUS = "religious", _("religious counselling")
    FAMILY = "family", _("family contact")


class Prison(VersionedModel):
    """A prison of a State; its staff work in it through memberships."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    country = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="prisons")
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["country__code", "name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A staff member's place in a prison. The head sees the dashboard; a supervisor reviews
    assessments (never their own)."""

    prison = models.ForeignKey(Prison, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prison_memberships"
    )
    is_head = models.BooleanField(default=False)
    is_supervisor = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prison", "user"], name="prisons_membership_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.prison_id}"


class HousingUnit(VersionedModel):
    """A cell block or wing: its security level, who it holds, whether high-risk prisoners may
    be placed in it."""

    prison = models.ForeignKey(Prison, on_delete=models.CASCADE, related_name="units")
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=200)
    security_level = models.CharField(max_length=10, choices=Level.choices)
    holds = models.CharField(max_length=10, choices=Holds.choices)
    allows_high_risk = models.BooleanField(default=False)

    class Meta:
        ordering = ["prison", "code"]
        constraints = [
            models.UniqueConstraint(fields=["prison", "code"], name="prisons_unit_once"),
            models.CheckConstraint(
                condition=Q(allows_high_risk=False) | Q(security_level="high"),
                name="prisons_high_risk_only_in_high_security",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Cell(models.Model):
    unit = models.ForeignKey(HousingUnit, on_delete=models.CASCADE, related_name="cells")
    code = models.CharField(max_length=30)
    capacity = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["unit", "code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="prisons_cell_once"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="prisons_cell_capacity"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code}/{self.code}"


class Prisoner(VersionedModel):
    """A person held (or once held) in a prison: personal data, every read logged. `prison` is
    where the prisoner is now (or was last); `level` is the classification of the last approved
    assessment, apart from the housing."""

    audit_reads: ClassVar[bool] = True

    prison = models.ForeignKey(Prison, on_delete=models.PROTECT, related_name="prisoners")
    number = models.CharField(max_length=40)
    full_name = models.CharField(max_length=200)
    sex = models.CharField(max_length=6, choices=Sex.choices)
    date_of_birth = models.DateField(null=True, blank=True)
    nationality = models.ForeignKey(
        "geo.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    admitted_on = models.DateField()
    released_on = models.DateField(null=True, blank=True)
    level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    review_due = models.DateField(null=True, blank=True)
    review_trigger = models.CharField(max_length=200, blank=True)
    case = models.ForeignKey(
        "cases.CaseFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["prison", "number"]
        constraints = [
            models.UniqueConstraint(fields=["prison", "number"], name="prisons_prisoner_number"),
            models.CheckConstraint(
                condition=Q(released_on__isnull=True) | Q(released_on__gte=F("admitted_on")),
                name="prisons_released_after_admission",
            ),
        ]
        indexes = [models.Index(fields=["prison", "review_due"], name="prisons_review_idx")]

    def __str__(self) -> str:
        return self.number

    def is_child_on(self, day: dt.date) -> bool:
        if self.date_of_birth is None:
            return False
        born = self.date_of_birth
        age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        return age < 18


class Stay(models.Model):
    """A period in a prison, in a cell or awaiting one: an admission, a transfer or a housing
    move starts one and ends the previous. The housing decision's reason is the stay's own."""

    class Kind(models.TextChoices):
        ADMISSION = "admission", _("admission")
        MOVE = "move", _("housing move")
        TRANSFER = "transfer", _("transfer")

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="stays")
    prison = models.ForeignKey(Prison, on_delete=models.PROTECT, related_name="stays")
    cell = models.ForeignKey(
        Cell, null=True, blank=True, on_delete=models.PROTECT, related_name="stays"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["prisoner", "started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="prisons_stay_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["prison", "started_on", "ended_on"], name="prisons_stay_idx"),
            models.Index(fields=["cell", "ended_on"], name="prisons_stay_cell_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.prisoner_id} {self.kind} {self.started_on}"


# --- instruments as data ----------------------------------------------------------------


class Instrument(VersionedModel):
    """An assessment instrument, one version of it. Its rule (`rule`) suggests a level from the
    ratings: the points of risk items less those of protective items, against thresholds, and
    any key item rated at its scale's top lifting the level to at least `key_item_level`."""

    code = models.SlugField(max_length=60)
    number = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    illustrative = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    rule = models.JSONField(default=dict)

    class Meta:
        ordering = ["code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["code", "number"], name="prisons_instrument_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"


class Scale(models.Model):
    """A rating scale: its points as [[value, label], ...] in ascending order."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="scales")
    code = models.SlugField(max_length=40)
    points = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="prisons_scale_once")
        ]

    def __str__(self) -> str:
        return self.code

    def point_values(self) -> list[int]:
        return [int(value) for value, _label in self.points]


class Domain(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()
    protective = models.BooleanField(default=False)
    need = models.CharField(
        max_length=20, choices=InterventionKind.choices, blank=True
    )  # the need a high rating in this domain points to

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="prisons_domain_once")
        ]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="items")
    scale = models.ForeignKey(Scale, on_delete=models.PROTECT, related_name="items")
    code = models.SlugField(max_length=40)
    text = models.CharField(max_length=500)
    order = models.PositiveSmallIntegerField()
    key = models.BooleanField(default=False)

    class Meta:
        ordering = ["domain__order", "order"]
        constraints = [models.UniqueConstraint(fields=["domain", "code"], name="prisons_item_once")]

    def __str__(self) -> str:
        return self.text


# --- assessments ------------------------------------------------------------------------


class Assessment(VersionedModel):
    """One assessment of a prisoner with one instrument version. Submitted with the ratings,
    the suggested level and the assessor's level (a reason wherever they differ); a supervisor
    (another person) approves it, which classifies the prisoner, or returns it with a reason."""

    audit_reads: ClassVar[bool] = True

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("awaiting review")
        RETURNED = "returned", _("returned to the assessor")
        APPROVED = "approved", _("approved")

    class Trigger(models.TextChoices):
        INTAKE = "intake", _("intake")
        SCHEDULED = "scheduled", _("scheduled review")
        INCIDENT = "incident", _("incident")
        INFORMATION = "information", _("new information")
        TRANSFER = "transfer", _("transfer")

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="assessments")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    trigger = models.CharField(max_length=12, choices=Trigger.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    assessed_on = models.DateField()
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggested_level = models.CharField(max_length=10, choices=Level.choices)
    level = models.CharField(max_length=10, choices=Level.choices)
    override_reason = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    next_review_on = models.DateField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_on = models.DateField(null=True, blank=True)
    review_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["prisoner", "-assessed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level=F("suggested_level")) | ~Q(override_reason=""),
                name="prisons_override_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(next_review_on__gte=F("assessed_on")),
                name="prisons_review_after_assessment",
            ),
        ]
        indexes = [models.Index(fields=["status", "assessed_on"], name="prisons_assessment_idx")]

    @property
    def overridden(self) -> bool:
        return self.level != self.suggested_level

    def __str__(self) -> str:
        return f"assessment {self.pk} ({self.assessed_on})"


class Rating(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    value = models.SmallIntegerField()
    evidence = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["assessment", "item__domain__order", "item__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="prisons_rating_once")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"


class Need(models.Model):
    """A need found in an assessment, to be met by an intervention of its kind."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(max_length=20, choices=InterventionKind.choices)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "kind"], name="prisons_need_once")
        ]

    def __str__(self) -> str:
        return self.kind


class Intervention(models.Model):
    """A programme a prison runs (a class, a workshop, counselling)."""

    prison = models.ForeignKey(Prison, on_delete=models.CASCADE, related_name="interventions")
    kind = models.CharField(max_length=20, choices=InterventionKind.choices)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["prison", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["prison", "name"], name="prisons_intervention_once")
        ]

    def __str__(self) -> str:
        return self.name


class Enrolment(VersionedModel):
    audit_reads: ClassVar[bool] = True

    class Outcome(models.TextChoices):
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="enrolments")
    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="enrolments"
    )
    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    enrolled_on = models.DateField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ONGOING)
    ended_on = models.DateField(null=True, blank=True)
    outcome_note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["prisoner", "-enrolled_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="ongoing", ended_on__isnull=True)
                | (~Q(outcome="ongoing") & Q(ended_on__gte=F("enrolled_on"))),
                name="prisons_enrolment_outcome_dated",
            )
        ]

    def __str__(self) -> str:
        return f"enrolment {self.pk}"


class Attendance(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    on = models.DateField()
    present = models.BooleanField()

    class Meta:
        ordering = ["enrolment", "on"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "on"], name="prisons_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.on}"


class Incident(models.Model):
    """An incident involving a prisoner; it calls for a reassessment, which it is linked to
    once made."""

    audit_reads: ClassVar[bool] = True

    class Kind(models.TextChoices):
        VIOLENCE = "violence", _("violence")
        MATERIAL = "material", _("extremist material found")
        RECRUITMENT = "recruitment", _("recruiting other prisoners")
        THREAT = "threat", _("threats to staff")
        OTHER = "other", _("other")

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="incidents")
    occurred_on = models.DateField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    description = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reassessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents"
    )

    class Meta:
        ordering = ["prisoner", "-occurred_on"]

    def __str__(self) -> str:
        return f"incident {self.pk} ({self.occurred_on})"
