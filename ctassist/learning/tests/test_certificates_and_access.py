"""Certificates: a PDF in the course version's language whose text holds the name and the
course; a public verification page showing only name, course, date and validity. Access: lessons,
quizzes, the secure room and certificates only for the enrolled learner (the outsider gets "not
found"); the API gives each user their own enrolments."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from ctassist.core.extraction import text_from_bytes
from ctassist.core.stored_files import file_store, sha256_of
from ctassist.learning.models import Certificate, LearningEvent, RoomDocument
from ctassist.learning.render import certificate_pdf_bytes
from ctassist.learning.services import (
    certificate_revoke,
    course_completion_record,
    enrolment_create,
)

pytestmark = pytest.mark.django_db


def _certificate(school: Any, language: str = "en") -> Certificate:
    return course_completion_record(
        actor=None,
        user=school.learner,
        course=school.course,
        language=language,
        completed_at=timezone.now(),
    )


def test_the_certificate_pdf_names_the_learner_and_the_course(school: Any, client: Any) -> None:
    certificate = _certificate(school)
    client.force_login(school.learner)
    answer = client.get(f"/learning/certificates/{certificate.code}/pdf/")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    text = text_from_bytes(answer.content, filename="certificate.pdf")
    assert "Wanjiru Kamau" in text and "Evidence from abroad" in text
    client.force_login(school.outsider)
    assert client.get(f"/learning/certificates/{certificate.code}/pdf/").status_code == 404


def test_an_arabic_certificate_is_laid_out_right_to_left(school: Any) -> None:
    certificate = _certificate(school, "ar")
    pdf = certificate_pdf_bytes(certificate, verify_url="http://testserver/x")
    text = text_from_bytes(pdf, filename="c.pdf")
    assert "Wanjiru Kamau" in text
    assert "شهادة" in text  # "certificate", from the Arabic catalogue


def test_the_verification_page_shows_name_course_date_and_validity_only(
    school: Any, client: Any
) -> None:
    certificate = _certificate(school)
    page = client.get(f"/learning/certificates/{certificate.code}/").content.decode()
    assert "Wanjiru Kamau" in page and "Evidence from abroad" in page and "valid" in page
    assert "learner-owner@example.org" not in page and "KEN" not in page
    certificate_revoke(actor=school.manager, certificate=certificate, reason="issued in error")
    assert "revoked" in client.get(f"/learning/certificates/{certificate.code}/").content.decode()
    assert client.get("/learning/certificates/not-a-real-code/").status_code == 404
    verified = client.get(f"/api/v1/learning/certificates/{certificate.code}").json()
    assert verified == {
        "name": "Wanjiru Kamau",
        "course": "Evidence from abroad",
        "issued_on": certificate.issued_on.isoformat(),
        "valid": False,
    }


def test_lessons_and_the_room_are_for_the_enrolled_only(school: Any, client: Any) -> None:
    with transaction.atomic():
        document = RoomDocument(
            course=school.course, title="Case study", sha256=sha256_of(b"case study text")
        )
        file_store(document.file, "case-study.txt", b"case study text")
        document.save()
    enrolment_create(actor=school.learner, course=school.course, language="ar")
    lesson = school.lessons["ar"][0]
    client.force_login(school.outsider)
    assert client.get(f"/learning/lessons/{lesson.pk}/").status_code == 404
    assert client.get(f"/learning/room/{document.pk}/").status_code == 404
    assert client.get(f"/learning/quizzes/{school.quizzes['ar'].pk}/").status_code == 404
    assert "Case study" not in client.get("/learning/courses/test-course/").content.decode()
    client.force_login(school.learner)
    page = client.get(f"/learning/lessons/{lesson.pk}/").content.decode()
    assert 'id="lesson" lang="ar" dir="rtl"' in page
    assert LearningEvent.objects.filter(user=school.learner, verb="experienced").count() == 1
    room = client.get(f"/learning/room/{document.pk}/")
    assert b"".join(room.streaming_content) == b"case study text"
    assert "Case study" in client.get("/learning/courses/test-course/").content.decode()


def test_the_api_gives_each_learner_their_own_progress(school: Any, api_client_for: Any) -> None:
    mine = api_client_for(school.learner)
    theirs = api_client_for(school.outsider)
    made = mine.post(
        "/api/v1/learning/courses/test-course/enrolments",
        {"language": "en"},
        content_type="application/json",
    )
    assert made.status_code == 201
    lesson = school.lessons["en"][0]
    assert theirs.post(f"/api/v1/learning/lessons/{lesson.pk}/completion").status_code == 404
    done = mine.post(f"/api/v1/learning/lessons/{lesson.pk}/completion").json()
    assert done["lessons_done"] == 1 and done["lessons_total"] == 2
    assert theirs.get("/api/v1/learning/enrolments").json() == []
    assert [e["course"] for e in mine.get("/api/v1/learning/enrolments").json()] == ["test-course"]
    answers = [{"question": q, "choice": c} for q, c in school.right().items()]
    attempt = mine.post(
        f"/api/v1/learning/quizzes/{school.quizzes['en'].pk}/attempts",
        {"answers": answers},
        content_type="application/json",
    ).json()
    assert attempt["passed"] and attempt["enrolment"]["completed_at"] is None
    catalogue = api_client_for(None).get("/api/v1/learning/courses").json()
    assert "test-course" in [c["code"] for c in catalogue]
    assert api_client_for(None).get("/api/v1/learning/enrolments").status_code == 401
