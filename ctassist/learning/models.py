"""The learning platform (issue 21; docs/learning.md): practitioners' registrations and the
communities they join, guests of open webinars, courses with one version per language (modules,
lessons, a quiz), their secure room, enrolments with progress, quiz attempts and certificates,
webinars with registrations and attendance, and one `LearningEvent` for every learning action
(the xAPI statement it becomes)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    NOT_STATED = "not_stated", _("not stated")


class Registration(VersionedModel):
    """A practitioner asking to join; once approved, their learner profile (personal data:
    read by themselves and learning managers only, every read logged)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    full_name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    country = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="+")
    institution = models.CharField(max_length=200)
    function = models.CharField(max_length=200)
    sex = models.CharField(max_length=12, choices=Sex.choices)
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES, default="en")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reason = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True, db_index=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="learner_profile",
    )
    illustrative = models.BooleanField(default=False)

    audit_reads: ClassVar[bool] = True

    class Meta(VersionedModel.Meta):
        ordering = ["created_at"]
        permissions = [
            ("approve_registration", _("Approve or reject learners' registrations")),
            ("manage_learning", _("Manage courses, webinars and attendance")),
        ]

    def __str__(self) -> str:
        return f"registration {self.pk}"


class Community(VersionedModel):
    class Kind(models.TextChoices):
        THEME = "theme", _("theme")
        REGION = "region", _("region")

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.TextField(blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="learning_communities"
    )
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["name"]
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.name


class Guest(models.Model):
    """A person at an open webinar without an account (registered, or found in the
    conferencing service's participant report)."""

    full_name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    illustrative = models.BooleanField(default=False)

    audit_reads: ClassVar[bool] = True

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~models.Q(email=""), name="learning_guest_email_once"
            )
        ]

    def __str__(self) -> str:
        return f"guest {self.pk}"


class Course(VersionedModel):
    class Delivery(models.TextChoices):
        SELF_PACED = "self_paced", _("self-paced")
        FACILITATED = "facilitated", _("facilitated, with dates")
        EXTERNAL = "external", _("on another learning system")

    code = models.SlugField(max_length=60, unique=True)
    delivery = models.CharField(max_length=12, choices=Delivery.choices)
    enrolment_opens = models.DateField(null=True, blank=True)
    enrolment_closes = models.DateField(null=True, blank=True)
    starts = models.DateField(null=True, blank=True)
    ends = models.DateField(null=True, blank=True)
    prerequisites = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="required_by"
    )
    published_on = models.DateField(null=True, blank=True, db_index=True)
    pass_mark = models.PositiveSmallIntegerField(
        default=70, help_text=_("share of the quiz's points, in per cent, to pass")
    )
    activity = models.ForeignKey(
        "assistance.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__lte=100), name="learning_course_pass_mark_percent"
            ),
            models.CheckConstraint(
                condition=~models.Q(delivery="facilitated")
                | (models.Q(starts__isnull=False) & models.Q(ends__isnull=False)),
                name="learning_course_facilitated_dated",
            ),
            models.CheckConstraint(
                condition=models.Q(starts__isnull=True)
                | models.Q(ends__isnull=True)
                | models.Q(ends__gte=models.F("starts")),
                name="learning_course_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def version_in(self, language: str | None = None) -> CourseVersion | None:
        """The version in `language` (default: the active one), else English, else any."""
        versions = {v.language: v for v in self.versions.all()}
        wanted = (language or get_language() or "en").lower()
        return versions.get(wanted) or versions.get("en") or next(iter(versions.values()), None)


class CourseVersion(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["course", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "language"], name="learning_version_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Module(models.Model):
    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="learning_module_position_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True, help_text=_("plain text; blank lines separate paragraphs"))
    media = models.FileField(upload_to="learning/media/", max_length=300, blank=True)
    material = models.FileField(upload_to="learning/material/", max_length=300, blank=True)

    class Meta:
        ordering = ["module__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "position"], name="learning_lesson_position_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Quiz(models.Model):
    version = models.OneToOneField(CourseVersion, on_delete=models.CASCADE, related_name="quiz")
    title = models.CharField(max_length=300)

    class Meta:
        verbose_name_plural = "quizzes"

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    points = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["quiz", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "position"], name="learning_question_position_once"
            )
        ]

    def __str__(self) -> str:
        return f"question {self.position}"


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=500)
    correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["question", "pk"]

    def __str__(self) -> str:
        return self.text


class RoomDocument(models.Model):
    """Restricted material of a course's secure room (case studies): served only to its
    enrolled members and learning managers, through a view that checks."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="room_documents")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to="learning/room/", max_length=300)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["course", "title"]

    def __str__(self) -> str:
        return self.title


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES)
    enrolled_at = models.DateTimeField(db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    score_scaled = models.FloatField(null=True, blank=True)

    audit_reads: ClassVar[bool] = True

    class Meta:
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="learning_enrolment_once")
        ]

    def __str__(self) -> str:
        return f"enrolment {self.pk}"


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="learning_lesson_done_once"
            )
        ]

    def __str__(self) -> str:
        return f"lesson {self.lesson_id} of enrolment {self.enrolment_id}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    answers = models.JSONField(help_text=_("question id → chosen choice id"))
    points = models.PositiveIntegerField()
    points_possible = models.PositiveIntegerField()
    score_scaled = models.FloatField()
    passed = models.BooleanField()
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"attempt {self.pk}"


class Certificate(models.Model):
    """Issued once per completed enrolment. `code` is unguessable; the public verification
    page shows only the name, the course, the date, and whether it is valid."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(max_length=40, unique=True)
    full_name = models.CharField(max_length=200)
    course_title = models.CharField(max_length=300)
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES)
    issued_on = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        return f"certificate {self.pk}"


class Webinar(VersionedModel):
    code = models.SlugField(max_length=60, unique=True)
    titles = models.JSONField(help_text=_("language code → title"))
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES)
    start = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveIntegerField()
    join_url = models.URLField(max_length=500, help_text=_("https only"))
    recording_url = models.URLField(max_length=500, blank=True)
    open_to_guests = models.BooleanField(default=True)
    attendance_threshold = models.PositiveSmallIntegerField(
        default=50, help_text=_("share of the scheduled time, in per cent, to count as attended")
    )
    attendance_imported_at = models.DateTimeField(null=True, blank=True)
    activity = models.ForeignKey(
        "assistance.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    illustrative = models.BooleanField(default=False)

    class Meta(VersionedModel.Meta):
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(join_url__startswith="https://"),
                name="learning_webinar_join_https",
            ),
            models.CheckConstraint(
                condition=models.Q(attendance_threshold__lte=100),
                name="learning_webinar_threshold_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1), name="learning_webinar_duration"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def title_in(self, language: str | None = None) -> str:
        wanted = (language or get_language() or "en").lower()
        titles: dict[str, str] = self.titles or {}
        return titles.get(wanted) or titles.get("en") or next(iter(titles.values()), self.code)


def _one_person() -> models.Q:
    return models.Q(user__isnull=False, guest__isnull=True) | models.Q(
        user__isnull=True, guest__isnull=False
    )


class WebinarRegistration(models.Model):
    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    guest = models.ForeignKey(
        Guest, null=True, blank=True, on_delete=models.PROTECT, related_name="registrations"
    )
    registered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_one_person(), name="learning_registrant_one"),
            models.UniqueConstraint(
                fields=["webinar", "user"], name="learning_registration_user_once"
            ),
            models.UniqueConstraint(
                fields=["webinar", "guest"], name="learning_registration_guest_once"
            ),
        ]

    def __str__(self) -> str:
        return f"registration {self.pk} for {self.webinar_id}"


class WebinarAttendance(models.Model):
    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    guest = models.ForeignKey(
        Guest, null=True, blank=True, on_delete=models.PROTECT, related_name="attendance"
    )
    minutes_present = models.PositiveIntegerField()
    attended = models.BooleanField(help_text=_("present at least the webinar's threshold"))

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_one_person(), name="learning_attendee_one"),
            models.UniqueConstraint(fields=["webinar", "user"], name="learning_attendance_user"),
            models.UniqueConstraint(fields=["webinar", "guest"], name="learning_attendance_guest"),
        ]

    def __str__(self) -> str:
        return f"attendance {self.pk} at {self.webinar_id}"


class LearningEvent(models.Model):
    """One learning action, written in the same transaction as the action
    (`services.event_record`); its id is the xAPI statement id. The `xapi_*` fields are the
    delivery to a Learning Record Store, filled by the sender."""

    class Verb(models.TextChoices):
        REGISTERED = "registered", _("registered")
        LAUNCHED = "launched", _("launched")
        EXPERIENCED = "experienced", _("experienced")
        COMPLETED = "completed", _("completed")
        PASSED = "passed", _("passed")
        FAILED = "failed", _("failed")
        ATTENDED = "attended", _("attended")
        EARNED = "earned", _("earned")

    class Source(models.TextChoices):
        PLATFORM = "platform", _("this platform")
        EXTERNAL = "external", _("an external course")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred = models.DateTimeField(db_index=True)
    verb = models.CharField(max_length=12, choices=Verb.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    guest = models.ForeignKey(
        Guest, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    language = models.CharField(max_length=10, blank=True)
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    quiz = models.ForeignKey(
        Quiz, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    webinar = models.ForeignKey(
        Webinar, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    certificate = models.ForeignKey(
        Certificate, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    score_scaled = models.FloatField(null=True, blank=True)
    success = models.BooleanField(null=True, blank=True)
    completion = models.BooleanField(null=True, blank=True)
    duration = models.DurationField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PLATFORM)
    xapi_sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    xapi_attempts = models.PositiveIntegerField(default=0)
    xapi_next_attempt = models.DateTimeField(null=True, blank=True)
    xapi_last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["occurred"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score_scaled__isnull=True)
                | (models.Q(score_scaled__gte=0) & models.Q(score_scaled__lte=1)),
                name="learning_event_score_scaled",
            ),
            models.CheckConstraint(
                condition=~(models.Q(user__isnull=False) & models.Q(guest__isnull=False)),
                name="learning_event_one_actor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.id}"


# External courses (LTI 1.3 tools, xAPI completions in): docs/learning.md, docs/adr/0024.
from ctassist.learning.standards.models import ExternalCourse, ExternalTool  # noqa: E402

__all__ = ["ExternalCourse", "ExternalTool"]
