"""A learner's whole path — enrol, open and complete the lessons, pass the quiz, earn the
certificate — reaches the office's Learning Record Store as xAPI statements (a real HTTP LRS on
loopback), each with the fields the specification requires; when the LRS is down nothing is lost:
the statements wait and go once it is back, each exactly once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from click.testing import CliRunner
from django.conf import settings
from django.utils import timezone

from ctassist.cli import main
from ctassist.learning import services
from ctassist.learning.models import Certificate, LearningEvent, Lesson
from ctassist.learning.standards.lrs import Lrs
from ctassist.learning.standards.outbox import queue_status, refused_retry, xapi_outbox_send
from ctassist.learning.standards.xapi import VERBS, statement_problems
from ctassist.learning.tests.lrs_server import PASSWORD, USERNAME, RecordStore, record_store
from ctassist.learning.tests.standards_data import course_with_quiz, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def lrs() -> Any:
    # The demo's illustrative events are not this test's: as if delivered long ago.
    LearningEvent.objects.update(xapi_sent_at=timezone.now() - dt.timedelta(days=30))
    with record_store() as store:
        yield store


def _queued() -> int:
    return LearningEvent.objects.filter(xapi_sent_at__isnull=True).count()


def _client(store: RecordStore) -> Lrs:
    return Lrs(endpoint=store.url, username=USERNAME, password=PASSWORD, timeout=5)


def _learner_completes_the_course() -> tuple[Any, Any]:
    course = course_with_quiz()
    user = learner()
    enrolment = services.enrolment_create(actor=user, course=course, language="fr")
    for lesson in Lesson.objects.filter(
        module__version__course=course, module__version__language="fr"
    ):
        services.lesson_open(actor=user, enrolment=enrolment, lesson=lesson)
        services.lesson_complete(actor=user, enrolment=enrolment, lesson=lesson)
    quiz = course.versions.get(language="fr").quiz
    question = quiz.questions.get()
    services.quiz_attempt_submit(
        actor=user,
        enrolment=enrolment,
        quiz=quiz,
        answers={question.pk: question.choices.get(correct=True).pk},
    )
    return user, course


def test_the_learners_path_arrives_whole_with_every_required_field(lrs: RecordStore) -> None:
    user, course = _learner_completes_the_course()
    assert Certificate.objects.filter(enrolment__user=user).exists()
    events = _queued()

    report = xapi_outbox_send(lrs=_client(lrs), batch=3)

    assert (report.sent, report.retry_later, report.refused, report.waiting) == (events, 0, 0, 0)
    received = lrs.statements()
    assert len(received) == events
    assert lrs.problems == []
    verbs = [
        statement["verb"]["id"] for statement in sorted(received, key=lambda s: s["timestamp"])
    ]
    for verb in ("registered", "experienced", "completed", "passed", "earned"):
        assert VERBS[verb] in verbs, verb
    for statement in received:
        # The fields xAPI 1.0.3 requires of a statement, and those an LRS report needs.
        assert statement_problems(statement) == []
        assert {"id", "actor", "verb", "object", "timestamp"} <= statement.keys()
        assert statement["actor"]["account"] == {
            "homePage": settings.CTASSIST_BASE_URL,
            "name": str(user.pk),
        }
        assert "mbox" not in statement["actor"] and "name" not in statement["actor"]
        assert statement["object"]["id"].startswith(statement["actor"]["account"]["homePage"])
        assert statement["context"]["language"] == "fr"
    course_statement = next(
        s
        for s in received
        if s["verb"]["id"] == VERBS["completed"] and "/course/" in s["object"]["id"]
    )
    assert course_statement["object"]["definition"]["name"]["fr"] == "La preuve numérique"
    assert course_statement["result"]["completion"] is True
    passed = next(s for s in received if s["verb"]["id"] == VERBS["passed"])
    assert passed["result"]["score"]["scaled"] == 1.0 and passed["result"]["success"] is True
    assert passed["context"]["contextActivities"]["parent"][0]["id"].endswith(
        f"/course/{course.code}"
    )


def test_an_lrs_that_is_down_loses_nothing_and_gets_each_statement_once(lrs: RecordStore) -> None:
    _learner_completes_the_course()
    events = _queued()
    lrs.fail_with = 503
    first = xapi_outbox_send(lrs=_client(lrs), batch=4)
    assert first.sent == 0 and first.retry_later == 4 and "503" in first.error
    assert queue_status()["queued"] == events
    waiting = LearningEvent.objects.filter(xapi_next_attempt__isnull=False)
    assert waiting.count() == 4 and all(e.xapi_attempts == 1 for e in waiting)

    lrs.fail_with = 0
    too_early = xapi_outbox_send(lrs=_client(lrs), batch=4)
    assert too_early.sent == events - 4  # the four that failed wait for their retry time

    later = timezone.now() + dt.timedelta(minutes=2)
    last = xapi_outbox_send(lrs=_client(lrs), batch=4, now=later)
    assert last.sent == 4 and last.waiting == 0
    assert len(lrs.statements()) == events
    status = queue_status()
    assert (status["queued"], status["refused"], status["oldest_queued"]) == (0, 0, None)


def test_an_lrs_that_cannot_be_reached_is_tried_again_later(lrs: RecordStore) -> None:
    _learner_completes_the_course()
    nowhere = Lrs(endpoint="http://127.0.0.1:9/xapi", timeout=2)
    report = xapi_outbox_send(lrs=nowhere, batch=50)
    assert report.sent == 0 and report.retry_later == _queued()
    assert LearningEvent.objects.filter(xapi_sent_at__isnull=True).count() == report.retry_later


def test_a_sent_statement_sent_again_is_not_doubled(lrs: RecordStore) -> None:
    user, _course = _learner_completes_the_course()
    xapi_outbox_send(lrs=_client(lrs))
    held = len(lrs.statements())
    LearningEvent.objects.filter(user=user).update(
        xapi_sent_at=None
    )  # as if the LRS's answer had been lost
    again = xapi_outbox_send(lrs=_client(lrs))
    assert again.sent == held and len(lrs.statements()) == held


def test_one_statement_the_lrs_refuses_does_not_hold_back_the_others(lrs: RecordStore) -> None:
    _learner_completes_the_course()
    events = _queued()
    earned = LearningEvent.objects.filter(verb="earned", xapi_sent_at__isnull=True).count()
    lrs.refuse_verb = VERBS["earned"]
    report = xapi_outbox_send(lrs=_client(lrs))
    assert report.refused == earned and report.sent == events - earned
    assert queue_status()["refused"] == earned
    lrs.refuse_verb = ""
    assert refused_retry() == earned
    assert xapi_outbox_send(lrs=_client(lrs)).sent == earned
    assert len(lrs.statements()) == events


def test_the_command_sends_and_reports(lrs: RecordStore, settings: Any) -> None:
    _learner_completes_the_course()
    events = _queued()
    settings.CTASSIST_LEARNING_XAPI_ENDPOINT = lrs.url
    settings.CTASSIST_LEARNING_XAPI_USERNAME = USERNAME
    settings.CTASSIST_LEARNING_XAPI_PASSWORD = PASSWORD
    runner = CliRunner()
    sent = runner.invoke(main, ["learning", "xapi", "send"])
    assert sent.exit_code == 0, sent.output
    assert f"sent: {events}" in sent.output
    status = runner.invoke(main, ["learning", "xapi", "status", "--format", "json"])
    assert '"queued": 0' in status.output

    settings.CTASSIST_LEARNING_XAPI_ENDPOINT = ""
    unset = runner.invoke(main, ["learning", "xapi", "send"])
    assert unset.exit_code != 0 and "CTASSIST_LEARNING_XAPI_ENDPOINT" in unset.output
