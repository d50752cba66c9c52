"""Independent evaluations and the follow-up of their recommendations (¶86–¶87): an
evaluation's stages with dates, its recommendations, the management response to each, and the
follow-up actions with owners, deadlines and evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel


class Stage(models.TextChoices):
    INITIATED = "initiated", _("initiated")
    TERMS_OF_REFERENCE = "terms_of_reference", _("terms of reference")
    TEAM_CLEARED = "team_cleared", _("evaluation team cleared")
    INCEPTION = "inception", _("inception report")
    DRAFT = "draft", _("draft report")
    FINAL = "final", _("final report")
    FOLLOW_UP = "follow_up", _("follow-up plan")


STAGE_ORDER = [s.value for s in Stage]


class Evaluation(VersionedModel):
    title = models.CharField(max_length=300)
    project_code = models.CharField(max_length=40, blank=True)
    unit = models.CharField(max_length=120, help_text=_("the responsible unit"))
    year = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.INITIATED)
    final_report_on = models.DateField(null=True, blank=True)
    follow_up_plan_on = models.DateField(null=True, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    illustrative = models.BooleanField(default=False)
    reminded_on = models.DateField(
        null=True, blank=True, help_text=_("last day a reminder was sent to the manager")
    )

    class Meta(VersionedModel.Meta):
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title


class StageEvent(models.Model):
    """When an evaluation reached a stage, and the document of that stage."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    on = models.DateField()
    document = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["evaluation", "on", "id"]

    def __str__(self) -> str:
        return f"{self.evaluation_id} {self.stage}"


class Recommendation(VersionedModel):
    class Response(models.TextChoices):
        PENDING = "", _("no response yet")
        ACCEPTED = "accepted", _("accepted")
        PARTIAL = "partial", _("partially accepted")
        REJECTED = "rejected", _("not accepted")

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    addressee = models.CharField(max_length=120)
    response = models.CharField(max_length=10, choices=Response.choices, blank=True)
    justification = models.TextField(blank=True)

    class Meta(VersionedModel.Meta):
        ordering = ["evaluation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "number"], name="evaluations_rec_number"),
            models.CheckConstraint(
                condition=~models.Q(response__in=["partial", "rejected"])
                | ~models.Q(justification=""),
                name="evaluations_response_justified",
            ),
        ]

    def __str__(self) -> str:
        return f"recommendation {self.number}"


class Action(VersionedModel):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        IMPLEMENTED = "implemented", _("implemented")
        NOT_APPLICABLE = "not_applicable", _("no longer applicable")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.TextField()
    owner = models.CharField(max_length=120)
    deadline = models.DateField()
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.NOT_STARTED)
    evidence = models.TextField(blank=True)

    class Meta(VersionedModel.Meta):
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="implemented") | ~models.Q(evidence=""),
                name="evaluations_implemented_has_evidence",
            )
        ]

    def __str__(self) -> str:
        return f"action {self.pk}"


class EvaluationDocument(models.Model):
    """A document of an evaluation's life (terms of reference, inception, draft and final
    reports, follow-up plan), stored with its SHA-256; checked again on every download."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="documents")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to="evaluations/%Y/")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evaluation", "uploaded_at"]

    def __str__(self) -> str:
        return self.title
