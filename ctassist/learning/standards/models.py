"""External courses: a full course on another learning system (a Moodle, an Open edX), launched
from here through LTI 1.3 and reporting completion back through xAPI (docs/learning.md).
Imported by `ctassist/learning/models.py`, so these are the learning app's models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel


class ExternalTool(VersionedModel):
    """A learning system registered with this platform as an LTI 1.3 tool. The values come from
    the tool's administrator; `client_id` and `deployment_id` are the ones this platform gave it."""

    name = models.CharField(max_length=200, unique=True)
    client_id = models.CharField(max_length=100, unique=True)
    deployment_id = models.CharField(max_length=100)
    oidc_login_url = models.URLField(max_length=500, help_text=_("the tool's login initiation URL"))
    launch_url = models.URLField(max_length=500, help_text=_("the tool's launch (target link) URL"))
    redirect_uris = models.JSONField(
        default=list, help_text=_("the URLs the tool may receive a launch at (exactly as sent)")
    )
    share_name = models.BooleanField(
        default=False, help_text=_("send the learner's name with each launch")
    )
    share_email = models.BooleanField(
        default=False, help_text=_("send the learner's e-mail address with each launch")
    )
    active = models.BooleanField(default=True)

    class Meta(VersionedModel.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExternalCourse(models.Model):
    """Which tool carries an external course, and the xAPI activity id under which the tool
    reports that a learner completed it."""

    course = models.OneToOneField(
        "learning.Course", on_delete=models.CASCADE, related_name="external"
    )
    tool = models.ForeignKey(ExternalTool, on_delete=models.PROTECT, related_name="courses")
    target_link_uri = models.URLField(
        max_length=500, blank=True, help_text=_("the course's own launch URL, if not the tool's")
    )
    activity_iri = models.CharField(
        max_length=500,
        unique=True,
        help_text=_("the xAPI activity id the tool uses for this course in its statements"),
    )

    class Meta:
        ordering = ["course"]
        permissions = [
            (
                "report_external_completion",
                _("Report, as a learning system, that a learner completed an external course"),
            )
        ]

    def __str__(self) -> str:
        return f"external course {self.course_id}"
