"""Learning in `ctassist demo` (illustrative, generated, deterministic): courses in several
languages — digital evidence across borders and the Nuclear Terrorism Convention in the six —,
practitioners from many countries registered over two years (names drawn from common names;
none is a real person), enrolments and completions with their certificates, webinars with their
attendance, so that the figures of ¶56 have illustrative counterparts. A learning manager
(`demo-learning-manager`) and a learner (`demo-learner`, enrolled, one lesson done).
Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from ctassist.accounts.models import User
from ctassist.core.setup import Progress
from ctassist.geo.models import State
from ctassist.learning.models import (
    Community,
    Course,
    Enrolment,
    Lesson,
    Registration,
    Webinar,
)
from ctassist.learning.services import (
    attendance_write,
    course_completion_record,
    course_load,
    enrolment_create,
    guest_for,
    lesson_complete,
    registration_decide,
    registration_submit,
    webinar_schedule,
)

MANAGER = "demo-learning-manager"
LEARNER = "demo-learner"
SIX = ("ar", "zh-hans", "en", "fr", "ru", "es")

# code, delivery, languages, title per language (English where a language has none), lessons
COURSES: tuple[tuple[str, str, tuple[str, ...], dict[str, str]], ...] = (
    (
        "digital-evidence",
        "self_paced",
        SIX,
        {
            "en": "Digital evidence across borders",
            "fr": "La preuve numérique au-delà des frontières",
            "es": "La prueba digital más allá de las fronteras",
            "ru": "Цифровые доказательства за пределами границ",
            "ar": "الأدلة الرقمية عبر الحدود",
            "zh-hans": "跨境数字证据",
        },
    ),
    (
        "nuclear-terrorism-convention",
        "self_paced",
        SIX,
        {
            "en": "The International Convention for the Suppression of Acts of Nuclear Terrorism",
            "fr": "La Convention internationale pour la répression des actes de terrorisme "
            "nucléaire",
            "es": "El Convenio Internacional para la represión de los actos de terrorismo nuclear",
            "ru": "Международная конвенция о борьбе с актами ядерного терроризма",
            "ar": "الاتفاقية الدولية لقمع أعمال الإرهاب النووي",
            "zh-hans": "《制止核恐怖主义行为国际公约》",
        },
    ),
    (
        "foreign-terrorist-fighters",
        "facilitated",
        ("en", "fr", "ar"),
        {
            "en": "Prosecuting foreign terrorist fighters",
            "fr": "Poursuivre les combattants terroristes étrangers",
            "ar": "ملاحقة المقاتلين الإرهابيين الأجانب قضائياً",
        },
    ),
    (
        "terrorism-financing",
        "self_paced",
        ("en", "es", "ru"),
        {
            "en": "Investigating the financing of terrorism",
            "es": "Investigar la financiación del terrorismo",
            "ru": "Расследование финансирования терроризма",
        },
    ),
    (
        "victims-rights",
        "self_paced",
        ("en", "fr"),
        {
            "en": "The rights of victims of terrorism in criminal proceedings",
            "fr": "Les droits des victimes du terrorisme dans la procédure pénale",
        },
    ),
    (
        "mla-practice",
        "external",
        ("en", "fr", "es"),
        {
            "en": "Mutual legal assistance in practice (on a partner's platform)",
            "fr": "L'entraide judiciaire en pratique (sur la plateforme d'un partenaire)",
            "es": "La asistencia judicial recíproca en la práctica (en una plataforma asociada)",
        },
    ),
)

LESSON_TEXT = (
    "Illustrative lesson text written for the demonstration. It outlines the questions a "
    "practitioner asks at this step, with the instruments and practical guides that answer "
    "them.\n\nEach lesson is short and light, so that it opens on a slow connection; media "
    "load only on request."
)

GIVEN = (
    "Amina",
    "Ibrahim",
    "Fatima",
    "Omar",
    "Grace",
    "Peter",
    "Maria",
    "José",
    "Anna",
    "Ivan",
    "Li",
    "Wei",
    "Aisha",
    "Yusuf",
    "Sofía",
    "Carlos",
    "Nadia",
    "Samuel",
    "Leila",
    "Tariq",
    "Chloé",
    "Pierre",
    "Olga",
    "Dmitri",
    "Mei",
    "Juan",
    "Zainab",
    "Moussa",
    "Ngozi",
    "Hassan",
)
FAMILY = (
    "Abubakar",
    "Okafor",
    "Mensah",
    "Diallo",
    "Haddad",
    "Khan",
    "Rahman",
    "García",
    "López",
    "Dubois",
    "Martin",
    "Ivanova",
    "Petrov",
    "Zhang",
    "Chen",
    "Wang",
    "Mwangi",
    "Otieno",
    "Traoré",
    "Benali",
    "Nasser",
    "Silva",
    "Pereira",
    "Kuznetsov",
    "Said",
    "Ali",
    "Bello",
)
FUNCTIONS = ("prosecutor", "judge", "investigator", "central authority officer", "analyst")


@dataclass
class LearningDemoReport:
    courses: int
    learners: int
    webinars: int


# The illustrative platform has run since mid-2018 (the report's ¶56 counts since 2008), so the
# periodic report's demo period (June 2019 – May 2020) has learners, courses and webinars.
SINCE = dt.date(2018, 6, 1)
PUBLISHED = dt.date(2018, 3, 1)


def _course(
    manager: User,
    code: str,
    delivery: str,
    languages: tuple[str, ...],
    titles: dict[str, str],
    today: dt.date,
) -> Course:
    """Through `course_load`, the path a real course takes."""
    facilitated = delivery == "facilitated"
    versions: dict[str, Any] = {}
    for language in languages:
        title = titles.get(language, titles["en"])
        content: dict[str, Any] = {"title": title, "description": title}
        if delivery != "external":
            content["modules"] = [
                {
                    "title": f"{m}",
                    "lessons": [{"title": f"{m}.{n}", "body": LESSON_TEXT} for n in (1, 2)],
                }
                for m in (1, 2)
            ]
            content["quiz"] = {
                "title": title,
                "questions": [
                    {
                        "text": f"{q}. Which answer is right? (illustrative)",
                        "choices": [[c, c == "B"] for c in ("A", "B", "C")],
                    }
                    for q in (1, 2, 3)
                ],
            }
        versions[language] = content
    return course_load(
        actor=manager,
        definition={
            "code": code,
            "delivery": delivery,
            "published_on": PUBLISHED.isoformat(),
            "starts": (today - dt.timedelta(days=200)).isoformat() if facilitated else None,
            "ends": (today + dt.timedelta(days=160)).isoformat() if facilitated else None,
            "illustrative": True,
            "versions": versions,
        },
    )


def _manager_and_learner() -> tuple[User, User]:
    manager = User.objects.get(username=MANAGER)
    for codename in ("approve_registration", "manage_learning"):
        manager.user_permissions.add(Permission.objects.get(codename=codename))
    return manager, User.objects.get(username=LEARNER)


@transaction.atomic
def learning_demo_load(*, progress: Progress | None = None) -> LearningDemoReport:
    if Course.objects.filter(code="digital-evidence").exists():
        return LearningDemoReport(0, 0, 0)
    rng = random.Random(21)  # noqa: S311 (generated demo names, not secrets)
    today = timezone.localdate()
    now = timezone.now()
    manager, learner = _manager_and_learner()
    courses = [_course(manager, *spec, today=today) for spec in COURSES]
    Course.objects.get(code="foreign-terrorist-fighters").prerequisites.add(courses[0])
    states = list(State.objects.filter(kind="member").order_by("code"))
    countries = rng.sample(states, min(60, len(states)))
    communities = [
        Community.objects.create(name=name, kind=kind, illustrative=True)
        for name, kind in (
            ("Digital evidence practitioners (demo)", "theme"),
            ("Sahel prosecutors (demo)", "region"),
            ("Central authorities network (demo)", "theme"),
        )
    ]
    learners: list[tuple[User, Registration]] = []
    total = 150
    for n in range(total):
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        registration = registration_submit(
            full_name=name,
            email=f"demo-learner-{n:03d}@example.org",
            country=rng.choice(countries),
            institution="DEMO DATA — generated, not real",
            function=rng.choice(FUNCTIONS),
            sex=rng.choice(("female", "male", "female", "male", "not_stated")),
            language=rng.choice(SIX),
            illustrative=True,
        )
        if n >= total - 6:  # a few wait for the manager
            continue
        decided = registration_decide(
            actor=manager,
            registration=registration,
            expected_version=registration.version,
            approve=True,
            notify=False,
        )
        when = now - dt.timedelta(days=rng.randint(30, (today - SINCE).days))
        Registration.objects.filter(pk=decided.pk).update(decided_at=when)
        decided.decided_at = when
        assert decided.user is not None
        learners.append((decided.user, decided))
        rng.choice(communities).members.add(decided.user)
        if progress:
            progress(n + 1, total)
    for user, registration in learners:
        for course in rng.sample(courses, rng.randint(1, 2)):
            languages = list(course.versions.values_list("language", flat=True))
            language = registration.language if registration.language in languages else "en"
            joined = registration.decided_at or now
            started = joined + (now - joined) * rng.uniform(0.05, 0.95)
            if rng.random() < 0.65 and not course.prerequisites.exists():
                course_completion_record(
                    actor=None,
                    user=user,
                    course=course,
                    language=language,
                    completed_at=started,
                    score_scaled=round(rng.uniform(0.7, 1.0), 2),
                    success=True,
                    source="external" if course.delivery == "external" else "platform",
                )
            elif course.delivery != "external":
                Enrolment.objects.create(
                    user=user, course=course, language=language, enrolled_at=started
                )
    webinars = 0
    for w in range(14):
        start = now - dt.timedelta(days=20 + ((today - SINCE).days // 14) * w)
        webinar = webinar_schedule(
            actor=manager,
            code=f"demo-webinar-{w + 1:02d}",
            titles={
                "en": f"Practitioners' webinar {w + 1} (demo)",
                "fr": f"Webinaire des praticiens {w + 1} (démo)",
                "es": f"Seminario web de profesionales {w + 1} (demostración)",
            },
            language=rng.choice(("en", "fr", "es")),
            start=start,
            duration_minutes=90,
            join_url="https://meet.example.org/demo",
            illustrative=True,
        )
        Webinar.objects.filter(pk=webinar.pk).update(
            recording_url="https://media.example.org/demo-recording" if w % 2 else "",
            attendance_imported_at=start + dt.timedelta(hours=3),
        )
        for user, _registration in rng.sample(learners, 12):
            attendance_write(actor=None, webinar=webinar, person=user, minutes=rng.randint(10, 90))
        for g in range(rng.randint(2, 6)):
            guest = guest_for(
                full_name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                email=f"demo-guest-{w:02d}-{g}@example.org",
            )
            guest.illustrative = True
            guest.save(update_fields=["illustrative"])
            attendance_write(actor=None, webinar=webinar, person=guest, minutes=rng.randint(30, 90))
        webinars += 1
    for w, days in enumerate((10, 40)):
        webinar_schedule(
            actor=manager,
            code=f"demo-webinar-next-{w + 1}",
            titles={"en": f"Coming webinar {w + 1} (demo)", "fr": f"Webinaire à venir {w + 1}"},
            language="en",
            start=now + dt.timedelta(days=days),
            duration_minutes=60,
            join_url="https://meet.example.org/demo-next",
            illustrative=True,
        )
    # The demo learner: a profile, one course begun.
    profile = Registration.objects.create(
        full_name="Demo Learner",
        email="demo-learner@example.org",
        country=State.objects.get(code="KEN"),
        institution="DEMO DATA — generated, not real",
        function="prosecutor",
        sex="not_stated",
        language="en",
        status=Registration.Status.APPROVED,
        decided_by=manager,
        decided_at=now,
        user=learner,
        illustrative=True,
    )
    enrolment = enrolment_create(actor=learner, course=courses[0], language="en")
    first = Lesson.objects.filter(
        module__version__course=courses[0], module__version__language="en"
    ).first()
    assert first is not None and profile.pk
    lesson_complete(actor=learner, enrolment=enrolment, lesson=first)
    return LearningDemoReport(courses=len(courses), learners=len(learners), webinars=webinars)
