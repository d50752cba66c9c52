"""An external course (a Moodle launched through LTI) reports that a learner completed it, as
xAPI statements posted to `/api/v1/learning/xapi/statements`: the completion is recorded here with
its certificate, through the same path as a completion on this platform; a request with any
statement that cannot be acted on records nothing and names the statement and property."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from ctassist.learning.models import Certificate, Enrolment, LearningEvent
from ctassist.learning.standards.xapi import VERBS
from ctassist.learning.tests.standards_data import external_course, learner

pytestmark = pytest.mark.django_db
URL = "/api/v1/learning/xapi/statements"


@pytest.fixture
def reporter(persona: Any) -> Any:
    system = persona("moodle-reporter")
    system.user_permissions.add(Permission.objects.get(codename="report_external_completion"))
    return system


def _completion(activity: str, user: Any, **extra: Any) -> dict[str, Any]:
    statement = {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": settings.CTASSIST_BASE_URL, "name": str(user.pk)}},
        "verb": {"id": VERBS["completed"], "display": {"en-US": "completed"}},
        "object": {"id": activity, "objectType": "Activity"},
        "result": {"completion": True, "success": True, "score": {"scaled": 0.85}},
        "timestamp": "2020-03-02T10:00:00Z",
        "context": {"language": "ar"},
    }
    statement.update(extra)
    return statement


def test_a_completion_reported_by_the_tool_is_recorded_with_its_certificate(
    reporter: Any, api_client_for: Any
) -> None:
    external = external_course()
    user = learner()
    statement = _completion(external.activity_iri, user)
    answer = api_client_for(reporter).post(URL, [statement], content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"ids": [statement["id"]], "completions": 1}
    enrolment = Enrolment.objects.get(user=user, course=external.course)
    assert enrolment.completed_at is not None and enrolment.score_scaled == 0.85
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.language == "ar" and certificate.course_title == "اتفاقية الإرهاب النووي"
    events = LearningEvent.objects.filter(user=user, course=external.course)
    assert set(events.values_list("source", flat=True)) == {"external"}
    assert {"completed", "earned"} <= set(events.values_list("verb", flat=True))

    again = api_client_for(reporter).post(URL, statement, content_type="application/json")
    assert again.status_code == 200
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_statements_other_than_a_completion_are_acknowledged_without_effect(
    reporter: Any, api_client_for: Any
) -> None:
    external = external_course()
    user = learner()
    launched = _completion(external.activity_iri, user, verb={"id": VERBS["launched"]})
    failed = _completion(external.activity_iri, user, result={"success": False})
    answer = api_client_for(reporter).post(URL, [launched, failed], content_type="application/json")
    assert answer.status_code == 200 and answer.json()["completions"] == 0
    assert not Enrolment.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("spoil", "field"),
    [
        (lambda s, e: s.pop("actor"), "[1]"),
        (lambda s, e: s["object"].update(id="https://elsewhere.example/course/9"), "[1].object.id"),
        (lambda s, e: s.update(actor={"mbox": "mailto:nobody@nowhere.example"}), "[1].actor"),
        (lambda s, e: s.update(timestamp="2999-01-01T00:00:00Z"), "[1].timestamp"),
        (lambda s, e: s["result"].update(score={"scaled": 7}), "[1].result.score.scaled"),
    ],
)
def test_one_bad_statement_records_nothing_and_is_named(
    reporter: Any, api_client_for: Any, spoil: Any, field: str
) -> None:
    external = external_course()
    user = learner()
    good = _completion(external.activity_iri, user)
    bad = _completion(external.activity_iri, learner("other-learner"))
    spoil(bad, external)
    answer = api_client_for(reporter).post(URL, [good, bad], content_type="application/json")
    assert answer.status_code == 422, answer.content
    body = answer.json()
    assert body["code"] == "rule"
    assert any(problem["field"].startswith(field) for problem in body["problems"]), body
    assert not Enrolment.objects.filter(course=external.course).exists()


def test_only_a_registered_learning_system_may_report(persona: Any, api_client_for: Any) -> None:
    external = external_course()
    user = learner()
    statement = _completion(external.activity_iri, user)
    answer = api_client_for(user).post(URL, statement, content_type="application/json")
    assert answer.status_code == 403
    assert (
        api_client_for(None).post(URL, statement, content_type="application/json").status_code
        == 401
    )
    assert not Enrolment.objects.filter(user=user).exists()
