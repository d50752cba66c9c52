"""Learning fixtures: a published self-paced course in English and Arabic (two lessons and a
two-question quiz per version, pass mark 50 per cent), an approved learner (the owner), another
learner (the outsider), a learning manager, and a webinar held yesterday."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from ctassist.geo.models import State
from ctassist.learning.models import (
    Choice,
    Course,
    CourseVersion,
    Lesson,
    Module,
    Question,
    Quiz,
    Registration,
    Webinar,
)


@dataclass
class School:
    course: Course
    lessons: dict[str, list[Lesson]]
    quizzes: dict[str, Quiz]
    learner: Any
    outsider: Any
    manager: Any
    webinar: Webinar

    def right(self, language: str = "en") -> dict[int, int]:
        quiz = self.quizzes[language]
        return {q.pk: q.choices.get(correct=True).pk for q in quiz.questions.all()}

    def wrong(self, language: str = "en") -> dict[int, int]:
        quiz = self.quizzes[language]
        return {q.pk: q.choices.get(correct=False).pk for q in quiz.questions.all()}


def learner_profile(user: Any, *, name: str, country: str = "KEN", sex: str = "female") -> None:
    Registration.objects.create(
        full_name=name,
        email=user.email,
        country=State.objects.get(code=country),
        institution="Office of the Director of Public Prosecutions",
        function="prosecutor",
        sex=sex,
        language="en",
        status=Registration.Status.APPROVED,
        decided_at=timezone.now(),
        user=user,
    )


def course_make(code: str = "test-course", languages: tuple[str, ...] = ("en", "ar")) -> Any:
    course = Course.objects.create(
        code=code,
        delivery=Course.Delivery.SELF_PACED,
        published_on=timezone.localdate() - dt.timedelta(days=1),
        pass_mark=50,
    )
    lessons: dict[str, list[Lesson]] = {}
    quizzes: dict[str, Quiz] = {}
    titles = {"en": "Evidence from abroad", "ar": "الأدلة من الخارج"}
    for language in languages:
        version = CourseVersion.objects.create(
            course=course, language=language, title=titles.get(language, code)
        )
        module = Module.objects.create(version=version, position=1, title="Module 1")
        lessons[language] = [
            Lesson.objects.create(
                module=module, position=n, title=f"Lesson {n}", body=f"Text {n}.\n\nMore."
            )
            for n in (1, 2)
        ]
        quiz = Quiz.objects.create(version=version, title="Check")
        for n in (1, 2):
            question = Question.objects.create(quiz=quiz, position=n, text=f"Question {n}")
            Choice.objects.create(question=question, text="right", correct=True)
            Choice.objects.create(question=question, text="wrong", correct=False)
        quizzes[language] = quiz
    return course, lessons, quizzes


@pytest.fixture
def school(persona: Any) -> School:
    course, lessons, quizzes = course_make()
    learner = persona("learner-owner")
    learner_profile(learner, name="Wanjiru Kamau")
    outsider = persona("learner-outsider")
    learner_profile(outsider, name="Other Person", country="NGA", sex="male")
    manager = persona("learning-manager", role="analyst")
    for codename in ("approve_registration", "manage_learning"):
        manager.user_permissions.add(Permission.objects.get(codename=codename))
    webinar = Webinar.objects.create(
        code="test-webinar",
        titles={"en": "Evidence webinar", "fr": "Webinaire sur la preuve"},
        language="en",
        start=timezone.now() - dt.timedelta(days=1),
        duration_minutes=60,
        join_url="https://meet.example.org/x",
        attendance_threshold=50,
    )
    return School(course, lessons, quizzes, learner, outsider, manager, webinar)
