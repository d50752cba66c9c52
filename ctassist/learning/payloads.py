"""JSON shapes shared by the API and the CLI."""

from __future__ import annotations

from typing import Any

from ctassist.learning.models import Course, CourseVersion, Enrolment, Webinar


def course_out(course: Course) -> dict[str, Any]:
    return {
        "code": course.code,
        "delivery": course.delivery,
        "enrolment_opens": course.enrolment_opens.isoformat() if course.enrolment_opens else None,
        "enrolment_closes": (
            course.enrolment_closes.isoformat() if course.enrolment_closes else None
        ),
        "starts": course.starts.isoformat() if course.starts else None,
        "ends": course.ends.isoformat() if course.ends else None,
        "pass_mark": course.pass_mark,
        "prerequisites": [c.code for c in course.prerequisites.all()],
        "versions": [
            {"language": v.language, "title": v.title, "description": v.description}
            for v in course.versions.all()
        ],
    }


def outline_out(version: CourseVersion) -> dict[str, Any]:
    quiz = getattr(version, "quiz", None)
    return {
        "language": version.language,
        "modules": [
            {
                "title": m.title,
                "lessons": [{"id": lesson.pk, "title": lesson.title} for lesson in m.lessons.all()],
            }
            for m in version.modules.all()
        ],
        "quiz": quiz.pk if quiz else None,
    }


def enrolment_out(enrolment: Enrolment) -> dict[str, Any]:
    certificate = getattr(enrolment, "certificate", None)
    return {
        "course": enrolment.course.code,
        "language": enrolment.language,
        "enrolled_at": enrolment.enrolled_at.isoformat(),
        "completed_at": enrolment.completed_at.isoformat() if enrolment.completed_at else None,
        "lessons_done": getattr(enrolment, "lessons_done", None),
        "lessons_total": getattr(enrolment, "lessons_total", None),
        "certificate": certificate.code if certificate else None,
    }


def webinar_out(webinar: Webinar) -> dict[str, Any]:
    return {
        "id": webinar.pk,
        "code": webinar.code,
        "title": webinar.title_in(),
        "language": webinar.language,
        "start": webinar.start.isoformat(),
        "duration_minutes": webinar.duration_minutes,
        "open_to_guests": webinar.open_to_guests,
        "recording_url": webinar.recording_url or None,
    }
