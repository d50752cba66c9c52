"""API for the learning platform: the catalogue, webinars, certificate verification and the
figures are public; enrolments and progress are the signed-in user's own."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from ctassist.core.api.auth import optional_auth, required_auth
from ctassist.core.api.types import IsoDate
from ctassist.core.errors import BrokenRule, FieldProblem
from ctassist.learning import selectors, services
from ctassist.learning.models import Enrolment
from ctassist.learning.payloads import course_out, enrolment_out, outline_out, webinar_out
from ctassist.learning.standards.api import router as xapi_router

router = Router(tags=["learning"], auth=required_auth)

CourseCode = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]{1,60}$", examples=["digital-evidence"])]
CertificateCode = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]{1,40}$")]


class LearningEnrolIn(Schema):
    language: Annotated[str, Field(pattern=r"^(ar|zh-hans|en|fr|ru|es)$", examples=["en"])]


class LearningAnswerIn(Schema):
    question: int
    choice: int


class LearningAttemptIn(Schema):
    answers: Annotated[list[LearningAnswerIn], Field(max_length=500)]


class LearningStatsOut(Schema):
    users: int
    countries: int
    courses: int
    course_participants: int
    webinars: int
    practitioners_trained: int


@router.get("/stats", response=LearningStatsOut, auth=optional_auth, summary="Figures (¶56)")
def stats(
    request: HttpRequest,
    start: Annotated[IsoDate | None, Query(alias="from")] = None,
    end: Annotated[IsoDate | None, Query(alias="to")] = None,
) -> Any:
    if start and end and end < start:
        raise BrokenRule("'to' is before 'from'", problems=[FieldProblem("to", "before from")])
    return selectors.learning_statistics(start=start, end=end)


@router.get("/courses", response=list[dict[str, Any]], auth=optional_auth, summary="The catalogue")
def courses(request: HttpRequest) -> list[dict[str, Any]]:
    return [course_out(c) for c in selectors.catalogue()]


@router.get(
    "/courses/{code}",
    response=dict[str, Any],
    auth=optional_auth,
    summary="A course, with the outline of each language version",
)
def course(request: HttpRequest, code: CourseCode) -> dict[str, Any]:
    found = selectors.course_get(code=code)
    return {
        **course_out(found),
        "outlines": [outline_out(selectors.version_outline(v)) for v in found.versions.all()],
    }


@router.post(
    "/courses/{code}/enrolments", response={201: dict[str, Any]}, summary="Enrol in a course"
)
def enrol(request: HttpRequest, code: CourseCode, body: LearningEnrolIn) -> Status[dict[str, Any]]:
    found = selectors.course_get(code=code)
    made = services.enrolment_create(actor=request.user, course=found, language=body.language)
    return Status(201, enrolment_out(made))


@router.get("/enrolments", response=list[dict[str, Any]], summary="Your enrolments and progress")
def enrolments(request: HttpRequest) -> list[dict[str, Any]]:
    return [enrolment_out(e) for e in selectors.enrolments_of(user=request.user)]


def _enrolment_after(enrolment: Enrolment) -> dict[str, Any]:
    fresh = next(e for e in selectors.enrolments_of(user=enrolment.user) if e.pk == enrolment.pk)
    return enrolment_out(fresh)


@router.post(
    "/lessons/{lesson_id}/completion", response=dict[str, Any], summary="Mark a lesson done"
)
def lesson_done(request: HttpRequest, lesson_id: int) -> dict[str, Any]:
    lesson, enrolment = selectors.lesson_for(user=request.user, lesson_id=lesson_id)
    services.lesson_complete(actor=request.user, enrolment=enrolment, lesson=lesson)
    return _enrolment_after(enrolment)


@router.post("/quizzes/{quiz_id}/attempts", response={201: dict[str, Any]}, summary="Answer a quiz")
def quiz_attempt(
    request: HttpRequest, quiz_id: int, body: LearningAttemptIn
) -> Status[dict[str, Any]]:
    quiz, enrolment = selectors.quiz_for(user=request.user, quiz_id=quiz_id)
    answers: dict[int, int] = {}
    for answer in body.answers:
        if answer.question in answers:
            raise BrokenRule(
                "A question answered twice.",
                problems=[FieldProblem(f"question-{answer.question}", "answered twice")],
            )
        answers[answer.question] = answer.choice
    attempt = services.quiz_attempt_submit(
        actor=request.user, enrolment=enrolment, quiz=quiz, answers=answers
    )
    return Status(
        201,
        {
            "score_scaled": attempt.score_scaled,
            "passed": attempt.passed,
            "enrolment": _enrolment_after(enrolment),
        },
    )


@router.get(
    "/certificates/{code}",
    response=dict[str, Any],
    auth=optional_auth,
    summary="Verify a certificate (name, course, date, valid or revoked)",
)
def certificate(request: HttpRequest, code: CertificateCode) -> dict[str, Any]:
    found = selectors.certificate_verify(code=code)
    return {
        "name": found.full_name,
        "course": found.course_title,
        "issued_on": found.issued_on.isoformat(),
        "valid": found.revoked_at is None,
    }


@router.get("/webinars", response=list[dict[str, Any]], auth=optional_auth, summary="Webinars")
def webinars(request: HttpRequest) -> list[dict[str, Any]]:
    return [webinar_out(w) for w in selectors.webinars_listed()]


@router.post(
    "/webinars/{webinar_id}/registrations",
    response={201: dict[str, Any]},
    summary="Register for a webinar",
)
def webinar_register(request: HttpRequest, webinar_id: int) -> Status[dict[str, Any]]:
    found = selectors.webinar_get(webinar_id=webinar_id)
    services.webinar_register(actor=request.user, webinar=found)
    return Status(
        201,
        {
            **webinar_out(found),
            "join_url": selectors.webinar_join_link_for(user=request.user, webinar=found),
        },
    )


# xAPI statements in (external courses report completions): ctassist/learning/standards/api.py
router.add_router("/xapi", xapi_router)
