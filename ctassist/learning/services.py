"""Writes of the learning platform, each atomic and audited, each learning action writing its
`LearningEvent` in the same transaction (`event_record`): registrations and their decision,
enrolment, lessons done, quiz attempts, one path to a course's completion
(`course_completion_record`, which the completion rule and external reports both call) with
its certificate, webinars, registrations and attendance (attendance import: attendance.py)."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ctassist.accounts.intake import learner_account_create
from ctassist.accounts.models import User
from ctassist.assistance.intake import activity_participant_record
from ctassist.core.access import Role, user_role
from ctassist.core.audit import Actor, audit_write, record_snapshot
from ctassist.core.errors import BrokenRule, FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.models import AuditEntry
from ctassist.core.services import record_create, record_update
from ctassist.core.stored_files import file_store, sha256_of, upload_size_check
from ctassist.geo.models import State
from ctassist.learning.models import (
    Certificate,
    Choice,
    Community,
    Course,
    CourseVersion,
    Enrolment,
    Guest,
    LearningEvent,
    Lesson,
    LessonProgress,
    Module,
    Question,
    Quiz,
    QuizAttempt,
    Registration,
    RoomDocument,
    Webinar,
    WebinarAttendance,
    WebinarRegistration,
)


def is_learning_manager(user: Any) -> bool:
    """Administrators, and users holding `learning.manage_learning`."""
    role = user_role(user)
    return role is Role.ADMIN or (
        role is not Role.PUBLIC and bool(user.has_perm("learning.manage_learning"))
    )


def can_approve_registrations(user: Any) -> bool:
    role = user_role(user)
    return role is Role.ADMIN or (
        role is not Role.PUBLIC and bool(user.has_perm("learning.approve_registration"))
    )


def require_manager(actor: Actor) -> None:
    if actor is not None and not is_learning_manager(actor):
        raise PermissionDenied(_("Only learning managers may do this."))


def event_record(
    *,
    verb: str,
    occurred: dt.datetime | None = None,
    user: Any = None,
    guest: Guest | None = None,
    course: Course | None = None,
    language: str = "",
    lesson: Lesson | None = None,
    quiz: Quiz | None = None,
    webinar: Webinar | None = None,
    certificate: Certificate | None = None,
    score_scaled: float | None = None,
    success: bool | None = None,
    completion: bool | None = None,
    duration: dt.timedelta | None = None,
    source: str = LearningEvent.Source.PLATFORM,
) -> LearningEvent:
    """The learning event of an action, written inside the action's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("event_record runs inside the transaction of the action it records")
    return LearningEvent.objects.create(
        occurred=occurred or timezone.now(),
        verb=verb,
        user=user,
        guest=guest,
        course=course,
        language=language,
        lesson=lesson,
        quiz=quiz,
        webinar=webinar,
        certificate=certificate,
        score_scaled=score_scaled,
        success=success,
        completion=completion,
        duration=duration,
        source=source,
    )


# --- registrations ---------------------------------------------------------------------------


def registration_submit(
    *,
    full_name: str,
    email: str,
    country: State,
    institution: str,
    function: str,
    sex: str,
    language: str,
    illustrative: bool = False,
) -> Registration:
    """A practitioner's request to join, pending until a learning manager decides."""
    email = email.strip().lower()
    taken = (
        Registration.objects.filter(email=email)
        .exclude(status=Registration.Status.REJECTED)
        .exists()
        or User.objects.filter(username__iexact=email).exists()
    )
    if taken:
        raise BrokenRule(
            _("This email address is already registered."),
            problems=[FieldProblem("email", _("already registered"))],
        )
    return record_create(
        actor=None,
        instance=Registration(
            full_name=" ".join(full_name.split()),
            email=email,
            country=country,
            institution=institution.strip(),
            function=function.strip(),
            sex=sex,
            language=language,
            illustrative=illustrative,
        ),
        note="registration submitted",
    )


def password_link(user: User, *, base_url: str) -> str:
    """The address where `user` sets a password (Django's one-time token)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("learning:password_set", args=[uid, token])


def registration_decide(
    *,
    actor: Actor,
    registration: Registration,
    expected_version: int,
    approve: bool,
    reason: str = "",
    base_url: str = "http://localhost:8000",
    notify: bool = True,
) -> Registration:
    """Approve (make the account, send the link to set a password) or reject with a reason.
    `notify=False` sends no email (the demo's generated learners)."""
    if actor is not None and not can_approve_registrations(actor):
        raise PermissionDenied(_("Only learning managers may decide registrations."))
    if registration.status != Registration.Status.PENDING:
        raise BrokenRule(
            _("This registration was already decided."),
            problems=[FieldProblem("status", registration.status)],
        )
    if not approve and not reason.strip():
        raise InvalidInput(
            _("Give the reason for rejecting."),
            problems=[FieldProblem("reason", _("required when rejecting"))],
        )
    with transaction.atomic():
        changes: dict[str, Any] = {
            "status": Registration.Status.APPROVED if approve else Registration.Status.REJECTED,
            "reason": reason.strip()[:500],
            "decided_by": actor,
            "decided_at": timezone.now(),
        }
        if approve:
            changes["user"] = learner_account_create(
                actor=actor, email=registration.email, full_name=registration.full_name
            )
        decided = record_update(
            actor=actor,
            instance=registration,
            expected_version=expected_version,
            changes=changes,
            note="registration approved" if approve else "registration rejected",
        )
        if notify and approve and decided.user is not None:
            user = decided.user
            link = password_link(user, base_url=base_url)
            with translation.override(decided.language):
                subject = _("Your learning platform account")
                body = _(
                    "Your registration was approved. Set your password here (the link works "
                    "once): %(link)s"
                ) % {"link": link}
            transaction.on_commit(
                lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            )
    return decided


# --- enrolment and progress ------------------------------------------------------------------


def _learner(actor: Actor) -> User:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to learn."))
    return actor  # type: ignore[return-value]


def enrolment_create(
    *,
    actor: Actor,
    course: Course,
    language: str,
    today: dt.date | None = None,
    through_launch: bool = False,
) -> Enrolment:
    """Enrol the acting user in the course's version in `language`, if the course is published,
    enrolment is open and every prerequisite is completed. A course on another learning system
    is enrolled in only by opening it (`through_launch`, from the LTI launch)."""
    user = _learner(actor)
    today = today or timezone.localdate()
    problems: list[FieldProblem] = []
    if course.published_on is None or course.published_on > today:
        problems.append(FieldProblem("course", _("not offered")))
    if course.delivery == Course.Delivery.EXTERNAL and not through_launch:
        problems.append(FieldProblem("course", _("taken on another learning system")))
    if course.enrolment_opens and today < course.enrolment_opens:
        problems.append(FieldProblem("course", _("enrolment is not open yet")))
    if course.enrolment_closes and today > course.enrolment_closes:
        problems.append(FieldProblem("course", _("enrolment has closed")))
    if not course.versions.filter(language=language).exists():
        problems.append(FieldProblem("language", _("no version in this language")))
    done = set(
        Enrolment.objects.filter(user=user, completed_at__isnull=False).values_list(
            "course_id", flat=True
        )
    )
    missing = [c.code for c in course.prerequisites.all() if c.pk not in done]
    if missing:
        problems.append(
            FieldProblem(
                "prerequisites",
                _("complete first: %(courses)s") % {"courses": ", ".join(missing)},
            )
        )
    if Enrolment.objects.filter(user=user, course=course).exists():
        problems.append(FieldProblem("course", _("already enrolled")))
    if problems:
        raise BrokenRule(_("You cannot enrol in this course."), problems=problems)
    with transaction.atomic():
        enrolment = record_create(
            actor=actor,
            instance=Enrolment(
                user=user, course=course, language=language, enrolled_at=timezone.now()
            ),
        )
        event_record(
            verb=LearningEvent.Verb.REGISTERED,
            occurred=enrolment.enrolled_at,
            user=user,
            course=course,
            language=language,
        )
    return enrolment


def _lessons_of(enrolment: Enrolment) -> list[Lesson]:
    return list(
        Lesson.objects.filter(
            module__version__course=enrolment.course, module__version__language=enrolment.language
        )
    )


def lesson_open(*, actor: Actor, enrolment: Enrolment, lesson: Lesson) -> None:
    """A lesson opened (xAPI `experienced`)."""
    with transaction.atomic():
        event_record(
            verb=LearningEvent.Verb.EXPERIENCED,
            user=enrolment.user,
            course=enrolment.course,
            language=enrolment.language,
            lesson=lesson,
        )


def _completion_check(*, actor: Actor, enrolment: Enrolment) -> None:
    """The completion rule: every lesson done and, if the version has a quiz, an attempt at
    or above the course's pass mark. Met: `course_completion_record`."""
    if enrolment.completed_at is not None:
        return
    lessons = {lesson.pk for lesson in _lessons_of(enrolment)}
    done = set(enrolment.progress.values_list("lesson_id", flat=True))
    if not lessons <= done:
        return
    quiz = Quiz.objects.filter(
        version__course=enrolment.course, version__language=enrolment.language
    ).first()
    best = None
    if quiz is not None:
        best = enrolment.attempts.filter(quiz=quiz, passed=True).order_by("-score_scaled").first()
        if best is None:
            return
    course_completion_record(
        actor=actor,
        user=enrolment.user,
        course=enrolment.course,
        language=enrolment.language,
        completed_at=timezone.now(),
        score_scaled=best.score_scaled if best else None,
        success=True if best else None,
    )


def lesson_complete(*, actor: Actor, enrolment: Enrolment, lesson: Lesson) -> LessonProgress:
    """Mark a lesson done (once); the course completes when the rule is met."""
    if lesson.pk not in {item.pk for item in _lessons_of(enrolment)}:
        raise BrokenRule(
            _("This lesson is not part of the course you follow."),
            problems=[FieldProblem("lesson", _("not in this course version"))],
        )
    with transaction.atomic():
        progress, made = LessonProgress.objects.get_or_create(
            enrolment=enrolment, lesson=lesson, defaults={"completed_at": timezone.now()}
        )
        if made:
            audit_write(
                actor=actor,
                action=AuditEntry.Action.CREATE,
                instance=progress,
                after=record_snapshot(progress),
            )
            event_record(
                verb=LearningEvent.Verb.COMPLETED,
                occurred=progress.completed_at,
                user=enrolment.user,
                course=enrolment.course,
                language=enrolment.language,
                lesson=lesson,
                completion=True,
            )
            _completion_check(actor=actor, enrolment=enrolment)
    return progress


def quiz_attempt_submit(
    *, actor: Actor, enrolment: Enrolment, quiz: Quiz, answers: dict[int, int]
) -> QuizAttempt:
    """Score an attempt (question id → chosen choice id): points of the questions answered
    right over all points; passed at or above the course's pass mark."""
    if quiz.version.course_id != enrolment.course_id or quiz.version.language != enrolment.language:
        raise BrokenRule(
            _("This quiz is not part of the course you follow."),
            problems=[FieldProblem("quiz", _("not in this course version"))],
        )
    questions = list(quiz.questions.prefetch_related("choices"))
    problems = []
    points = 0
    for question in questions:
        chosen = answers.get(question.pk)
        choices = {c.pk: c for c in question.choices.all()}
        if chosen is None:
            problems.append(FieldProblem(f"question-{question.pk}", _("answer this question")))
        elif chosen not in choices:
            problems.append(FieldProblem(f"question-{question.pk}", _("not one of its choices")))
        elif choices[chosen].correct:
            points += question.points
    unknown = set(answers) - {q.pk for q in questions}
    problems += [FieldProblem(f"question-{pk}", _("not in this quiz")) for pk in sorted(unknown)]
    if problems:
        raise InvalidInput(_("The answers are incomplete."), problems=problems)
    possible = sum(q.points for q in questions) or 1
    score = points / possible
    passed = score * 100 >= enrolment.course.pass_mark
    with transaction.atomic():
        attempt = record_create(
            actor=actor,
            instance=QuizAttempt(
                enrolment=enrolment,
                quiz=quiz,
                answers={str(k): v for k, v in answers.items()},
                points=points,
                points_possible=possible,
                score_scaled=round(score, 4),
                passed=passed,
                submitted_at=timezone.now(),
            ),
        )
        event_record(
            verb=LearningEvent.Verb.PASSED if passed else LearningEvent.Verb.FAILED,
            occurred=attempt.submitted_at,
            user=enrolment.user,
            course=enrolment.course,
            language=enrolment.language,
            quiz=quiz,
            score_scaled=attempt.score_scaled,
            success=passed,
        )
        if passed:
            _completion_check(actor=actor, enrolment=enrolment)
    return attempt


def _full_name(user: User) -> str:
    profile = Registration.objects.filter(user=user).first()
    if profile is not None:
        return profile.full_name
    return user.get_full_name() or user.username


def _to_activity(*, actor: Actor, activity_id: int | None, user: Any, guest: Any = None) -> None:
    """A completion or an attendance becomes a participant of the linked assistance activity."""
    if activity_id is None:
        return
    if user is not None:
        profile = Registration.objects.filter(user=user).select_related("country").first()
        if profile is None:
            return
        activity_participant_record(
            actor=actor,
            activity_id=activity_id,
            full_name=profile.full_name,
            sex=profile.sex,
            country=profile.country,
            position=profile.function,
        )


def course_completion_record(
    *,
    actor: Actor,
    user: User,
    course: Course,
    language: str,
    completed_at: dt.datetime,
    score_scaled: float | None = None,
    success: bool | None = None,
    source: str = LearningEvent.Source.PLATFORM,
) -> Certificate:
    """The one path to a completed course: enrol the user if needed, mark the course completed,
    issue the certificate in `language`, write the events (`completed`, `earned`) and, if the
    course is an assistance activity, record the user as its participant. A second report of
    the same completion changes nothing and returns the certificate already issued."""
    if source not in LearningEvent.Source.values:
        raise InvalidInput(_("Unknown source."), problems=[FieldProblem("source", source)])
    if score_scaled is not None and not 0 <= score_scaled <= 1:
        raise InvalidInput(
            _("A scaled score lies between 0 and 1."),
            problems=[FieldProblem("score_scaled", str(score_scaled))],
        )
    version = course.versions.filter(language=language).first()
    if version is None:
        raise BrokenRule(
            _("The course has no version in this language."),
            problems=[FieldProblem("language", language)],
        )
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course).first()
        if enrolment is None:
            enrolment = record_create(
                actor=actor,
                instance=Enrolment(
                    user=user, course=course, language=language, enrolled_at=completed_at
                ),
            )
            event_record(
                verb=LearningEvent.Verb.REGISTERED,
                occurred=completed_at,
                user=user,
                course=course,
                language=language,
                source=source,
            )
        if enrolment.completed_at is not None:
            return Certificate.objects.get(enrolment=enrolment)
        enrolment.completed_at = completed_at
        enrolment.score_scaled = score_scaled
        enrolment.save(update_fields=["completed_at", "score_scaled"])
        event_record(
            verb=LearningEvent.Verb.COMPLETED,
            occurred=completed_at,
            user=user,
            course=course,
            language=language,
            score_scaled=score_scaled,
            success=success,
            completion=True,
            source=source,
        )
        certificate = record_create(
            actor=actor,
            instance=Certificate(
                enrolment=enrolment,
                code=secrets.token_urlsafe(18),
                full_name=_full_name(user),
                course_title=version.title,
                language=language,
                issued_on=completed_at.date(),
            ),
        )
        event_record(
            verb=LearningEvent.Verb.EARNED,
            occurred=completed_at,
            user=user,
            course=course,
            language=language,
            certificate=certificate,
            source=source,
        )
        _to_activity(actor=actor, activity_id=course.activity_id, user=user)
    return certificate


def certificate_revoke(*, actor: Actor, certificate: Certificate, reason: str) -> Certificate:
    require_manager(actor)
    if not reason.strip():
        raise InvalidInput(_("Give the reason."), problems=[FieldProblem("reason", "required")])
    with transaction.atomic():
        before = record_snapshot(certificate)
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason.strip()[:500]
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=certificate,
            before=before,
            after=record_snapshot(certificate),
        )
    return certificate


# --- webinars --------------------------------------------------------------------------------


def webinar_register(*, actor: Actor, webinar: Webinar) -> WebinarRegistration:
    user = _learner(actor)
    if webinar.start <= timezone.now():
        raise BrokenRule(
            _("This webinar has already started."), problems=[FieldProblem("webinar", "started")]
        )
    with transaction.atomic():
        registration, made = WebinarRegistration.objects.get_or_create(
            webinar=webinar, user=user, defaults={"registered_at": timezone.now()}
        )
        if made:
            event_record(
                verb=LearningEvent.Verb.REGISTERED,
                user=user,
                webinar=webinar,
                language=webinar.language,
            )
    return registration


def guest_for(*, full_name: str, email: str) -> Guest:
    """The guest with this email (made if new); without an email, a new guest."""
    email = email.strip().lower()
    if email:
        guest = Guest.objects.filter(email=email).first()
        if guest is not None:
            return guest
    return Guest.objects.create(full_name=" ".join(full_name.split())[:200], email=email)


def webinar_guest_register(*, webinar: Webinar, full_name: str, email: str) -> WebinarRegistration:
    """A guest registers for an open webinar, without an account."""
    problems = []
    if not webinar.open_to_guests:
        problems.append(FieldProblem("webinar", _("open to registered learners only")))
    if webinar.start <= timezone.now():
        problems.append(FieldProblem("webinar", _("already started")))
    if not full_name.strip():
        problems.append(FieldProblem("full_name", _("required")))
    if not email.strip():
        problems.append(FieldProblem("email", _("required")))
    if problems:
        raise BrokenRule(_("You cannot register for this webinar."), problems=problems)
    with transaction.atomic():
        guest = guest_for(full_name=full_name, email=email)
        registration, made = WebinarRegistration.objects.get_or_create(
            webinar=webinar, guest=guest, defaults={"registered_at": timezone.now()}
        )
        if made:
            event_record(
                verb=LearningEvent.Verb.REGISTERED,
                guest=guest,
                webinar=webinar,
                language=webinar.language,
            )
    return registration


def webinar_recording_link(
    *, actor: Actor, webinar: Webinar, expected_version: int, recording_url: str
) -> Webinar:
    require_manager(actor)
    if not recording_url.startswith("https://"):
        raise InvalidInput(
            _("The address must start with https://."),
            problems=[FieldProblem("recording_url", "https only")],
        )
    return record_update(
        actor=actor,
        instance=webinar,
        expected_version=expected_version,
        changes={"recording_url": recording_url},
    )


def attendance_write(
    *,
    actor: Actor,
    webinar: Webinar,
    person: User | Guest,
    minutes: int,
) -> WebinarAttendance:
    """One person's time present at a webinar (inside the import's transaction): attended at
    or above the threshold, with its event, and the linked activity's participant."""
    attended = minutes * 100 >= webinar.duration_minutes * webinar.attendance_threshold
    user = person if isinstance(person, User) else None
    guest = person if isinstance(person, Guest) else None
    row = WebinarAttendance.objects.create(
        webinar=webinar,
        user=user,
        guest=guest,
        minutes_present=minutes,
        attended=attended,
    )
    if attended:
        event_record(
            verb=LearningEvent.Verb.ATTENDED,
            occurred=webinar.start + dt.timedelta(minutes=webinar.duration_minutes),
            user=user,
            guest=guest,
            webinar=webinar,
            language=webinar.language,
            duration=dt.timedelta(minutes=minutes),
            completion=True,
        )
        if user is not None:
            _to_activity(actor=actor, activity_id=webinar.activity_id, user=user)
    return row


# --- catalogue and material ------------------------------------------------------------------


def _upload_named(upload: Any) -> str:
    return Path(str(getattr(upload, "name", "") or "file")).name[:120] or "file"


def room_document_add(*, actor: Actor, course: Course, title: str, upload: Any) -> RoomDocument:
    """Restricted material for a course's secure room (bounded; stored with the row, hashed)."""
    require_manager(actor)
    upload_size_check("learning material", getattr(upload, "size", None))
    if not title.strip():
        raise InvalidInput(_("Give the title."), problems=[FieldProblem("title", "required")])
    with transaction.atomic():
        document = RoomDocument(course=course, title=title.strip()[:300], sha256=sha256_of(upload))
        file_store(document.file, _upload_named(upload), upload)
        return record_create(actor=actor, instance=document)


def lesson_file_set(*, actor: Actor, lesson: Lesson, part: str, upload: Any) -> Lesson:
    """A lesson's media file or downloadable material (bounded; stored with the row)."""
    require_manager(actor)
    if part not in ("media", "material"):
        raise InvalidInput(_("Unknown part."), problems=[FieldProblem("part", part)])
    upload_size_check("learning material", getattr(upload, "size", None))
    with transaction.atomic():
        before = record_snapshot(lesson)
        file_store(getattr(lesson, part), _upload_named(upload), upload)
        lesson.save(update_fields=[part])
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=lesson,
            before=before,
            after=record_snapshot(lesson),
        )
    return lesson


def course_load(*, actor: Actor, definition: dict[str, Any]) -> Course:
    """A whole course from its definition (docs/learning.md: code, delivery, dates, pass mark,
    prerequisites, and per language a title, description, modules of lessons and a quiz), in
    one transaction. A course already loaded is refused."""
    require_manager(actor)
    problems: list[FieldProblem] = []
    code = str(definition.get("code", ""))
    if Course.objects.filter(code=code).exists():
        problems.append(FieldProblem("code", _("already loaded")))
    prerequisites = list(Course.objects.filter(code__in=definition.get("prerequisites", [])))
    unknown = set(definition.get("prerequisites", [])) - {c.code for c in prerequisites}
    problems += [FieldProblem("prerequisites", str(c)) for c in sorted(unknown)]
    versions = definition.get("versions") or {}
    if not versions:
        problems.append(FieldProblem("versions", _("required")))
    if problems:
        raise BrokenRule(_("The course cannot be loaded."), problems=problems)

    def day(name: str) -> dt.date | None:
        value = definition.get(name)
        return dt.date.fromisoformat(value) if value else None

    with transaction.atomic():
        course = record_create(
            actor=actor,
            instance=Course(
                code=code,
                delivery=definition.get("delivery", Course.Delivery.SELF_PACED),
                enrolment_opens=day("enrolment_opens"),
                enrolment_closes=day("enrolment_closes"),
                starts=day("starts"),
                ends=day("ends"),
                published_on=day("published_on"),
                pass_mark=int(definition.get("pass_mark", 70)),
                illustrative=bool(definition.get("illustrative", False)),
            ),
        )
        course.prerequisites.set(prerequisites)
        for language, content in versions.items():
            version = record_create(
                actor=actor,
                instance=CourseVersion(
                    course=course,
                    language=language,
                    title=content["title"],
                    description=content.get("description", ""),
                ),
            )
            for m, module_content in enumerate(content.get("modules", []), start=1):
                module = Module.objects.create(
                    version=version, position=m, title=module_content["title"]
                )
                for n, lesson in enumerate(module_content.get("lessons", []), start=1):
                    Lesson.objects.create(
                        module=module,
                        position=n,
                        title=lesson["title"],
                        body=lesson.get("body", ""),
                    )
            if quiz_content := content.get("quiz"):
                quiz = Quiz.objects.create(version=version, title=quiz_content["title"])
                for q, question_content in enumerate(quiz_content["questions"], start=1):
                    question = Question.objects.create(
                        quiz=quiz,
                        position=q,
                        text=question_content["text"],
                        points=int(question_content.get("points", 1)),
                    )
                    for choice_text, correct in question_content["choices"]:
                        Choice.objects.create(question=question, text=choice_text, correct=correct)
    return course


def webinar_schedule(
    *,
    actor: Actor,
    code: str,
    titles: dict[str, str],
    language: str,
    start: dt.datetime,
    duration_minutes: int,
    join_url: str,
    attendance_threshold: int = 50,
    open_to_guests: bool = True,
    illustrative: bool = False,
) -> Webinar:
    require_manager(actor)
    problems = []
    if not join_url.startswith("https://"):
        problems.append(FieldProblem("join_url", _("The address must start with https://.")))
    languages = {code for code, _name in settings.LANGUAGES}
    if not titles or any(k not in languages or not str(v).strip() for k, v in titles.items()):
        problems.append(FieldProblem("titles", _("a title for each language code")))
    if problems:
        raise InvalidInput(_("The webinar cannot be scheduled."), problems=problems)
    return record_create(
        actor=actor,
        instance=Webinar(
            code=code,
            titles=titles,
            language=language,
            start=start,
            duration_minutes=duration_minutes,
            join_url=join_url,
            attendance_threshold=attendance_threshold,
            open_to_guests=open_to_guests,
            illustrative=illustrative,
        ),
    )


def community_member_set(*, actor: Actor, community: Community, user: User, member: bool) -> None:
    """Join or leave a community: a learner for themselves, a learning manager for anyone."""
    if (
        actor is not None
        and getattr(actor, "pk", None) != user.pk
        and not is_learning_manager(actor)
    ):
        raise PermissionDenied(_("Only learning managers may do this."))
    with transaction.atomic():
        if member:
            community.members.add(user)
        else:
            community.members.remove(user)
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=community,
            note=f"member {'added' if member else 'removed'}: user {user.pk}",
        )
