"""A learning event as an xAPI statement: which activity it is about (its stable IRI under this
platform's address), who (an opaque account), and what came of it."""

from __future__ import annotations

from typing import Any

from ctassist.learning.models import LearningEvent
from ctassist.learning.standards.lti import issuer, subject_of
from ctassist.learning.standards.xapi import Activity, actor_account, statement_build


def activity_iri(kind: str, key: object) -> str:
    return f"{issuer()}/learning/xapi/activities/{kind}/{key}"


def _course_activity(course: Any) -> Activity:
    names = {version.language: version.title for version in course.versions.all()}
    return Activity(activity_iri("course", course.code), "course", names)


def _activities(event: LearningEvent) -> tuple[Activity, Activity | None]:
    """The statement's object and, for a part of a course, the course as its parent."""
    language = event.language or "en"
    course = _course_activity(event.course) if event.course_id else None
    if event.lesson is not None:
        lesson = event.lesson
        names = {language: lesson.title}
        return Activity(activity_iri("lesson", lesson.pk), "lesson", names), course
    if event.quiz is not None:
        quiz = event.quiz
        return Activity(activity_iri("quiz", quiz.pk), "quiz", {language: quiz.title}), course
    if event.certificate is not None:
        certificate = event.certificate
        names = {certificate.language: certificate.course_title}
        return Activity(activity_iri("certificate", certificate.pk), "certificate", names), course
    if event.webinar is not None:
        webinar = event.webinar
        names = dict(webinar.titles or {})
        return Activity(activity_iri("webinar", webinar.code), "webinar", names), None
    if course is not None:
        return course, None
    raise ValueError(f"learning event {event.id} is about no activity")


def event_actor(event: LearningEvent) -> dict[str, Any]:
    if event.user_id is not None:
        return actor_account(home_page=issuer(), name=subject_of(event.user))
    return actor_account(home_page=issuer(), name=f"guest-{event.guest_id}")


def event_statement(event: LearningEvent) -> dict[str, Any]:
    activity, parent = _activities(event)
    return statement_build(
        statement_id=str(event.id),
        verb=event.verb,
        actor=event_actor(event),
        activity=activity,
        parent=parent,
        occurred=event.occurred,
        language=event.language,
        score_scaled=event.score_scaled,
        success=event.success,
        completion=event.completion,
        duration=event.duration,
    )
