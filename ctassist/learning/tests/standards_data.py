"""Courses and learners for the standards' tests, built through the app's own services where
the flow matters (enrolment, lessons, quiz) and as rows where it does not (the catalogue)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ctassist.accounts.tests.factories import UserFactory
from ctassist.learning.models import Choice, Course, CourseVersion, Lesson, Module, Question, Quiz
from ctassist.learning.standards.models import ExternalCourse, ExternalTool


def course_with_quiz(code: str = "test-evidence-course", *, lessons: int = 2) -> Course:
    course = Course.objects.create(
        code=code,
        delivery=Course.Delivery.SELF_PACED,
        published_on=dt.date(2020, 1, 1),
        pass_mark=50,
    )
    for language, title in (
        ("en", "Digital evidence across borders"),
        ("fr", "La preuve numérique"),
    ):
        version = CourseVersion.objects.create(course=course, language=language, title=title)
        module = Module.objects.create(version=version, position=1, title="Preservation")
        for position in range(1, lessons + 1):
            Lesson.objects.create(module=module, position=position, title=f"Lesson {position}")
        quiz = Quiz.objects.create(version=version, title="Check your knowledge")
        question = Question.objects.create(quiz=quiz, position=1, text="Preserve first?")
        Choice.objects.create(question=question, text="Yes", correct=True)
        Choice.objects.create(question=question, text="No", correct=False)
    return course


def learner(username: str = "learner", **extra: Any) -> Any:
    return UserFactory(username=username, role="practitioner", **extra)


def external_course(
    code: str = "test-moodle-course", *, redirect: str = "https://tool.example.org/launch"
) -> ExternalCourse:
    course = Course.objects.create(
        code=code, delivery=Course.Delivery.EXTERNAL, published_on=dt.date(2020, 1, 1)
    )
    for language, title in (
        ("en", "The Nuclear Terrorism Convention"),
        ("ar", "اتفاقية الإرهاب النووي"),
    ):
        CourseVersion.objects.create(course=course, language=language, title=title)
    tool = ExternalTool.objects.create(
        name=f"Moodle {code}",
        client_id=f"client-{code}",
        deployment_id="deployment-1",
        oidc_login_url="https://tool.example.org/login",
        launch_url=redirect,
        redirect_uris=[redirect],
    )
    return ExternalCourse.objects.create(
        course=course, tool=tool, activity_iri=f"https://tool.example.org/course/{code}"
    )
