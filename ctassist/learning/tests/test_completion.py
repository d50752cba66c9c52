"""Progress and the one path to a completion: all lessons and the quiz's pass mark complete the
course, with a certificate and the learning events of each action; an external report of a
completion takes the same path; prerequisites and dates hold enrolment back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ctassist.assistance.models import Activity, Attendance, Participant
from ctassist.core.errors import BrokenRule, InvalidInput
from ctassist.learning.models import Certificate, Enrolment, LearningEvent
from ctassist.learning.services import (
    course_completion_record,
    enrolment_create,
    lesson_complete,
    quiz_attempt_submit,
)
from ctassist.learning.tests.conftest import course_make

pytestmark = pytest.mark.django_db


def _verbs(user: Any) -> list[str]:
    return list(
        LearningEvent.objects.filter(user=user)
        .order_by("occurred", "verb")
        .values_list("verb", flat=True)
    )


def test_all_lessons_and_a_pass_complete_the_course_with_a_certificate(school: Any) -> None:
    enrolment = enrolment_create(actor=school.learner, course=school.course, language="en")
    for lesson in school.lessons["en"]:
        lesson_complete(actor=school.learner, enrolment=enrolment, lesson=lesson)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None, "the quiz is still to pass"
    failed = quiz_attempt_submit(
        actor=school.learner, enrolment=enrolment, quiz=school.quizzes["en"], answers=school.wrong()
    )
    assert not failed.passed and failed.score_scaled == 0
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    passed = quiz_attempt_submit(
        actor=school.learner, enrolment=enrolment, quiz=school.quizzes["en"], answers=school.right()
    )
    assert passed.passed and passed.score_scaled == 1
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.full_name == "Wanjiru Kamau"
    assert certificate.course_title == "Evidence from abroad"
    assert len(certificate.code) >= 20
    assert sorted(_verbs(school.learner)) == sorted(
        ["registered", "completed", "completed", "failed", "passed", "completed", "earned"]
    )
    course_event = LearningEvent.objects.get(
        user=school.learner, verb="completed", lesson=None, course=school.course
    )
    assert course_event.score_scaled == 1 and course_event.success is True
    assert course_event.language == "en" and course_event.xapi_sent_at is None


def test_a_quiz_passed_before_the_last_lesson_completes_the_course_with_it(school: Any) -> None:
    enrolment = enrolment_create(actor=school.learner, course=school.course, language="ar")
    quiz_attempt_submit(
        actor=school.learner,
        enrolment=enrolment,
        quiz=school.quizzes["ar"],
        answers=school.right("ar"),
    )
    lesson_complete(actor=school.learner, enrolment=enrolment, lesson=school.lessons["ar"][0])
    assert not Certificate.objects.filter(enrolment=enrolment).exists()
    lesson_complete(actor=school.learner, enrolment=enrolment, lesson=school.lessons["ar"][1])
    assert Certificate.objects.get(enrolment=enrolment).language == "ar"


def test_a_lesson_of_another_language_version_is_refused(school: Any) -> None:
    enrolment = enrolment_create(actor=school.learner, course=school.course, language="en")
    with pytest.raises(BrokenRule):
        lesson_complete(actor=school.learner, enrolment=enrolment, lesson=school.lessons["ar"][0])
    with pytest.raises(BrokenRule):
        quiz_attempt_submit(
            actor=school.learner,
            enrolment=enrolment,
            quiz=school.quizzes["ar"],
            answers=school.right("ar"),
        )


def test_an_unanswered_question_is_named(school: Any) -> None:
    enrolment = enrolment_create(actor=school.learner, course=school.course, language="en")
    answers = school.right()
    missing = next(iter(answers))
    del answers[missing]
    with pytest.raises(InvalidInput) as raised:
        quiz_attempt_submit(
            actor=school.learner, enrolment=enrolment, quiz=school.quizzes["en"], answers=answers
        )
    assert [p.field for p in raised.value.problems] == [f"question-{missing}"]
    assert not enrolment.attempts.exists()


def test_an_external_completion_enrols_completes_and_certifies_once(school: Any) -> None:
    when = timezone.now() - dt.timedelta(days=3)
    first = course_completion_record(
        actor=None,
        user=school.outsider,
        course=school.course,
        language="en",
        completed_at=when,
        score_scaled=0.8,
        success=True,
        source="external",
    )
    again = course_completion_record(
        actor=None,
        user=school.outsider,
        course=school.course,
        language="en",
        completed_at=timezone.now(),
        source="external",
    )
    assert first.pk == again.pk and first.issued_on == when.date()
    enrolment = Enrolment.objects.get(user=school.outsider, course=school.course)
    assert enrolment.completed_at == when
    events = LearningEvent.objects.filter(user=school.outsider)
    assert sorted(events.values_list("verb", flat=True)) == ["completed", "earned", "registered"]
    assert set(events.values_list("source", flat=True)) == {"external"}


def test_a_scaled_score_outside_0_1_is_refused(school: Any) -> None:
    with pytest.raises(InvalidInput):
        course_completion_record(
            actor=None,
            user=school.learner,
            course=school.course,
            language="en",
            completed_at=timezone.now(),
            score_scaled=1.5,
        )
    assert not Enrolment.objects.filter(user=school.learner).exists()


def test_prerequisites_and_dates_hold_enrolment_back(school: Any) -> None:
    advanced, _lessons, _quizzes = course_make("advanced-course", ("en",))
    advanced.prerequisites.add(school.course)
    with pytest.raises(BrokenRule) as raised:
        enrolment_create(actor=school.learner, course=advanced, language="en")
    assert "test-course" in " ".join(p.message for p in raised.value.problems)
    course_completion_record(
        actor=None,
        user=school.learner,
        course=school.course,
        language="en",
        completed_at=timezone.now(),
    )
    assert enrolment_create(actor=school.learner, course=advanced, language="en").pk
    closed, _l, _q = course_make("closed-course", ("en",))
    closed.enrolment_closes = timezone.localdate() - dt.timedelta(days=1)
    closed.save()
    with pytest.raises(BrokenRule):
        enrolment_create(actor=school.learner, course=closed, language="en")
    with pytest.raises(BrokenRule):
        enrolment_create(actor=school.learner, course=school.course, language="fr")


def test_a_course_linked_to_an_activity_makes_its_completers_participants(school: Any) -> None:
    activity = Activity.objects.filter(illustrative=True).first()
    assert activity is not None
    school.course.activity = activity
    school.course.save()
    before = Attendance.objects.filter(activity=activity).count()
    course_completion_record(
        actor=None,
        user=school.learner,
        course=school.course,
        language="en",
        completed_at=timezone.now(),
    )
    person = Participant.objects.get(full_name="Wanjiru Kamau", country__code="KEN")
    assert person.sex == "female"
    assert Attendance.objects.filter(activity=activity).count() == before + 1
    assert Attendance.objects.get(activity=activity, participant=person).completed


def test_a_webinar_linked_to_an_activity_makes_its_attendees_participants(school: Any) -> None:
    from ctassist.learning.services import attendance_write

    activity = Activity.objects.filter(illustrative=True).first()
    assert activity is not None
    school.webinar.activity = activity
    school.webinar.save()
    attendance_write(actor=None, webinar=school.webinar, person=school.learner, minutes=50)
    attendance_write(actor=None, webinar=school.webinar, person=school.outsider, minutes=10)
    people = Participant.objects.filter(attendance__activity=activity)
    assert people.filter(full_name="Wanjiru Kamau").exists()
    assert not people.filter(full_name="Other Person").exists(), "below the threshold"
