"""Courses loaded whole from their definition (the command and the demo take this path), and
material uploaded within its bound, stored with its row and served only through the checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from ctassist.cli import main
from ctassist.core.errors import PermissionDenied, TooLarge
from ctassist.learning.models import Course, Lesson, RoomDocument
from ctassist.learning.services import course_load, lesson_file_set, room_document_add

pytestmark = pytest.mark.django_db

DEFINITION = {
    "code": "loaded-course",
    "delivery": "self_paced",
    "published_on": "2025-01-01",
    "pass_mark": 60,
    "prerequisites": ["digital-evidence"],
    "versions": {
        "fr": {
            "title": "Cours chargé",
            "modules": [{"title": "M", "lessons": [{"title": "L1", "body": "Texte."}]}],
            "quiz": {"title": "Q", "questions": [{"text": "?", "choices": [["oui", True]]}]},
        },
        "ar": {"title": "دورة", "modules": [{"title": "م", "lessons": [{"title": "د"}]}]},
    },
}


def test_the_command_loads_a_course_once(tmp_path: Path) -> None:
    path = tmp_path / "course.json"
    path.write_text(json.dumps(DEFINITION), encoding="utf-8")
    result = CliRunner().invoke(main, ["learning", "course-load", str(path)])
    assert result.exit_code == 0, result.output
    course = Course.objects.get(code="loaded-course")
    assert [c.code for c in course.prerequisites.all()] == ["digital-evidence"]
    assert course.version_in("fr").title == "Cours chargé"
    assert Lesson.objects.filter(module__version__course=course).count() == 2
    again = CliRunner().invoke(main, ["learning", "course-load", str(path)])
    assert again.exit_code == 1 and "already loaded" in again.output
    path.write_text('{"code": "broken", "versions": {"en": {}}}', encoding="utf-8")
    broken = CliRunner().invoke(main, ["learning", "course-load", str(path)])
    assert broken.exit_code == 1 and "incomplete" in broken.output
    assert not Course.objects.filter(code="broken").exists()


def test_only_managers_load_and_upload(school: Any) -> None:
    with pytest.raises(PermissionDenied):
        course_load(actor=school.learner, definition={**DEFINITION, "code": "x"})
    with pytest.raises(PermissionDenied):
        room_document_add(
            actor=school.learner,
            course=school.course,
            title="Case",
            upload=SimpleUploadedFile("c.txt", b"x"),
        )


def test_uploads_are_bounded_and_stored_with_their_row(school: Any, client: Any) -> None:
    small = {"learning material": 10}
    with override_settings(CTASSIST_UPLOAD_MAX_BYTES=small), pytest.raises(TooLarge):
        room_document_add(
            actor=school.manager,
            course=school.course,
            title="Too big",
            upload=SimpleUploadedFile("big.txt", b"x" * 11),
        )
    assert not RoomDocument.objects.filter(title="Too big").exists()
    lesson = school.lessons["en"][0]
    lesson_file_set(
        actor=school.manager,
        lesson=lesson,
        part="material",
        upload=SimpleUploadedFile("handout.txt", b"handout"),
    )
    lesson.refresh_from_db()
    assert lesson.material.name.startswith("learning/material/")
    from ctassist.learning.services import enrolment_create

    enrolment_create(actor=school.learner, course=school.course, language="en")
    client.force_login(school.outsider)
    assert client.get(f"/learning/lessons/{lesson.pk}/material/").status_code == 404
    client.force_login(school.learner)
    answer = client.get(f"/learning/lessons/{lesson.pk}/material/")
    assert b"".join(answer.streaming_content) == b"handout"
    page = client.get(f"/learning/lessons/{lesson.pk}/").content.decode()
    assert "/media/" not in page
