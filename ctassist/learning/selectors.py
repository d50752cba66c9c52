"""Reads of the learning platform: the public catalogue and webinars, a learner's own
enrolments and progress, learner profiles (personal data: themselves and learning managers
only, every read logged), the managers' queue, certificate verification, a course's secure
room, the figures of ¶56 (`learning_statistics`) and a State's counts without names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from ctassist.core.audit import audit_reads
from ctassist.core.errors import NotFound, PermissionDenied
from ctassist.core.grouping import group_totals
from ctassist.learning.models import (
    Certificate,
    Community,
    Course,
    CourseVersion,
    Enrolment,
    Lesson,
    Quiz,
    Registration,
    RoomDocument,
    Webinar,
    WebinarAttendance,
)
from ctassist.learning.services import can_approve_registrations, is_learning_manager


@dataclass(frozen=True)
class LearningStatistics:
    """The learning platform's figures (¶56) for a period (`start`..`end`, both days included;
    either may be open). Every count is of distinct records:

    - `users`: approved practitioner accounts — registrations approved (account created) in
      the period;
    - `countries`: distinct countries of those users;
    - `courses`: courses offered in the period — published on or before its end and, for a
      course with an end date, not ended before its start;
    - `course_participants`: distinct users enrolled in a course in the period;
    - `webinars`: webinars held in the period (started in it, and no later than now);
    - `practitioners_trained`: distinct people — accounts, and guests — who completed a course
      or attended a webinar (time present at or above its threshold) in the period.
    """

    users: int
    countries: int
    courses: int
    course_participants: int
    webinars: int
    practitioners_trained: int


def _within(field: str, start: dt.date | None, end: dt.date | None) -> Q:
    condition = Q()
    if start is not None:
        condition &= Q(**{f"{field}__date__gte": start})
    if end is not None:
        condition &= Q(**{f"{field}__date__lte": end})
    return condition


def learning_statistics(
    *, start: dt.date | None = None, end: dt.date | None = None
) -> LearningStatistics:
    users = Registration.objects.filter(
        Q(status=Registration.Status.APPROVED, user__isnull=False)
        & _within("decided_at", start, end)
    )
    courses = Course.objects.filter(published_on__isnull=False)
    if end is not None:
        courses = courses.filter(published_on__lte=end)
    if start is not None:
        courses = courses.filter(Q(ends__isnull=True) | Q(ends__gte=start))
    held = Webinar.objects.filter(_within("start", start, end) & Q(start__lte=timezone.now()))
    completed = Enrolment.objects.filter(
        Q(completed_at__isnull=False) & _within("completed_at", start, end)
    )
    attended = WebinarAttendance.objects.filter(attended=True, webinar__in=held)
    trained_users = set(completed.values_list("user_id", flat=True)) | set(
        attended.filter(user__isnull=False).values_list("user_id", flat=True)
    )
    trained_guests = set(attended.filter(guest__isnull=False).values_list("guest_id", flat=True))
    return LearningStatistics(
        users=users.count(),
        countries=users.values("country").distinct().count(),
        courses=courses.count(),
        course_participants=Enrolment.objects.filter(_within("enrolled_at", start, end))
        .values("user")
        .distinct()
        .count(),
        webinars=held.count(),
        practitioners_trained=len(trained_users) + len(trained_guests),
    )


# --- catalogue -------------------------------------------------------------------------------


def catalogue(*, today: dt.date | None = None) -> QuerySet[Course]:
    """Courses published by `today`, with their versions (public)."""
    today = today or timezone.localdate()
    return (
        Course.objects.filter(published_on__isnull=False, published_on__lte=today)
        .prefetch_related("versions", "prerequisites__versions")
        .order_by("code")
    )


def course_get(*, code: str) -> Course:
    course = catalogue().filter(code=code).first()
    if course is None:
        raise NotFound(f"No course {code!r}")
    return course


def version_outline(version: CourseVersion) -> CourseVersion:
    """A version with its modules and lessons, in order (no lesson bodies fetched twice)."""
    return (
        CourseVersion.objects.filter(pk=version.pk)
        .prefetch_related(
            Prefetch("modules__lessons", queryset=Lesson.objects.order_by("position"))
        )
        .select_related("course")
        .get()
    )


def enrolment_for(*, user: Any, course: Course) -> Enrolment | None:
    """The user's own enrolment in the course (nobody else's)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def enrolments_of(*, user: Any) -> list[Enrolment]:
    """The user's own enrolments, with progress (lessons done of lessons) and certificate."""
    if not getattr(user, "is_authenticated", False):
        return []
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "certificate")
        .prefetch_related("course__versions", "progress")
    )
    totals = group_totals(
        Lesson.objects.filter(module__version__course__in={e.course_id for e in enrolments}),
        "module__version__course",
        "module__version__language",
    )
    for enrolment in enrolments:
        enrolment.lessons_total = totals.get(  # type: ignore[attr-defined]
            (enrolment.course_id, enrolment.language), 0
        )
        enrolment.lessons_done = len(enrolment.progress.all())  # type: ignore[attr-defined]
    return enrolments


def lesson_for(*, user: Any, lesson_id: int) -> tuple[Lesson, Enrolment]:
    """A lesson of a course the user is enrolled in (in the version they follow)."""
    lesson = Lesson.objects.select_related("module__version__course").filter(pk=lesson_id).first()
    if lesson is None or not getattr(user, "is_authenticated", False):
        raise NotFound(f"No lesson {lesson_id}")
    enrolment = Enrolment.objects.filter(
        user=user,
        course=lesson.module.version.course,
        language=lesson.module.version.language,
    ).first()
    if enrolment is None:
        raise NotFound(f"No lesson {lesson_id}")
    return lesson, enrolment


def quiz_for(*, user: Any, quiz_id: int) -> tuple[Quiz, Enrolment]:
    quiz = Quiz.objects.select_related("version__course").filter(pk=quiz_id).first()
    if quiz is None or not getattr(user, "is_authenticated", False):
        raise NotFound(f"No quiz {quiz_id}")
    enrolment = Enrolment.objects.filter(
        user=user, course=quiz.version.course, language=quiz.version.language
    ).first()
    if enrolment is None:
        raise NotFound(f"No quiz {quiz_id}")
    return quiz, enrolment


def room_documents_for(*, user: Any, course: Course) -> list[RoomDocument] | None:
    """The secure room's material: enrolled members and learning managers only (None else)."""
    if not (is_learning_manager(user) or enrolment_for(user=user, course=course)):
        return None
    return list(course.room_documents.all())


def room_document_for(*, user: Any, document_id: int) -> RoomDocument:
    document = RoomDocument.objects.select_related("course").filter(pk=document_id).first()
    if document is None:
        raise NotFound(f"No document {document_id}")
    if room_documents_for(user=user, course=document.course) is None:
        raise NotFound(f"No document {document_id}")
    return document


# --- certificates ----------------------------------------------------------------------------


def certificate_verify(*, code: str) -> Certificate:
    """Public: a certificate by its code (the page shows only name, course, date, validity)."""
    certificate = Certificate.objects.filter(code=code).first()
    if certificate is None:
        raise NotFound("No certificate with this code")
    return certificate


def certificate_of(*, user: Any, code: str) -> Certificate:
    """The holder's own certificate (or, for a learning manager, anyone's), for the PDF."""
    certificate = (
        Certificate.objects.select_related("enrolment__user", "enrolment__course")
        .filter(code=code)
        .first()
    )
    if certificate is None or not (
        is_learning_manager(user)
        or (getattr(user, "is_authenticated", False) and certificate.enrolment.user_id == user.pk)
    ):
        raise NotFound("No certificate with this code")
    return certificate


# --- people ----------------------------------------------------------------------------------


def registrations_pending(*, user: Any) -> list[Registration]:
    """The managers' queue (personal data: each read logged)."""
    if not can_approve_registrations(user):
        raise PermissionDenied("Only learning managers see registrations.")
    pending = list(
        Registration.objects.filter(status=Registration.Status.PENDING).select_related("country")
    )
    audit_reads(actor=user, instances=pending, note="registrations pending")
    return pending


def registration_get(*, user: Any, registration_id: int) -> Registration:
    if not can_approve_registrations(user):
        raise NotFound(f"No registration {registration_id}")
    found = Registration.objects.filter(pk=registration_id).first()
    if found is None:
        raise NotFound(f"No registration {registration_id}")
    audit_reads(actor=user, instances=[found])
    return found


def profile_for(*, user: Any, of_user_id: int) -> Registration:
    """A learner profile: the learner themselves, or a learning manager (read logged)."""
    if not getattr(user, "is_authenticated", False):
        raise NotFound("No learner")
    if user.pk != of_user_id and not is_learning_manager(user):
        raise NotFound("No learner")
    profile = (
        Registration.objects.filter(user_id=of_user_id).select_related("country", "user").first()
    )
    if profile is None:
        raise NotFound("No learner")
    audit_reads(actor=user, instances=[profile], note="learner profile")
    return profile


# --- webinars --------------------------------------------------------------------------------


def webinars_listed() -> QuerySet[Webinar]:
    return Webinar.objects.order_by("-start")


def webinar_get(*, webinar_id: int) -> Webinar:
    webinar = Webinar.objects.filter(pk=webinar_id).first()
    if webinar is None:
        raise NotFound(f"No webinar {webinar_id}")
    return webinar


def webinar_join_link_for(*, user: Any, webinar: Webinar) -> str | None:
    """The join link: registered users and managers (guests receive it by email)."""
    if is_learning_manager(user):
        return webinar.join_url
    if (
        getattr(user, "is_authenticated", False)
        and webinar.registrations.filter(user=user).exists()
    ):
        return webinar.join_url
    return None


# --- communities ----------------------------------------------------------------------------


def communities_for(*, user: Any) -> list[Community]:
    """Communities with their number of members (counts, no names), and whether the user is
    one of them."""
    communities = list(Community.objects.all())
    counts = group_totals(Community.members.through.objects.all(), "community")
    mine = (
        set(user.learning_communities.values_list("pk", flat=True))
        if getattr(user, "is_authenticated", False)
        else set()
    )
    for community in communities:
        community.member_count = counts.get(community.pk, 0)  # type: ignore[attr-defined]
        community.is_member = community.pk in mine  # type: ignore[attr-defined]
    return communities


def community_get(*, community_id: int) -> Community:
    found = Community.objects.filter(pk=community_id).first()
    if found is None:
        raise NotFound(f"No community {community_id}")
    return found


# --- the State page --------------------------------------------------------------------------


@dataclass(frozen=True)
class StateLearning:
    learners: int
    trained: int


def state_learning(*, country_code: str) -> StateLearning | None:
    """Counts only: approved learners of the State, and how many of them completed a course or
    attended a webinar. None when it has none."""
    learners = Registration.objects.filter(
        status=Registration.Status.APPROVED, user__isnull=False, country__code=country_code
    )
    total = learners.count()
    if not total:
        return None
    ids = learners.values("user_id")
    trained = set(
        Enrolment.objects.filter(user_id__in=ids, completed_at__isnull=False).values_list(
            "user_id", flat=True
        )
    ) | set(
        WebinarAttendance.objects.filter(user_id__in=ids, attended=True).values_list(
            "user_id", flat=True
        )
    )
    return StateLearning(learners=total, trained=len(trained))
