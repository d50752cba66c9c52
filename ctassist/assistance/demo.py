"""A seeded, illustrative programme (the same data every run): projects with the report's
partners, activities across the thematic areas and the countries of the field presence (¶4),
participants with their attendance, and outcome records. `programme_generate` makes any size for
benchmarks; `assistance_demo_load` makes 2019–2020 for `ctassist demo`."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from ctassist.assistance.models import (
    Activity,
    Attendance,
    FieldOffice,
    Indicator,
    IndicatorPeriod,
    IndicatorValue,
    Organisation,
    OutcomeRecord,
    Participant,
    Project,
    Result,
    ThematicArea,
)
from ctassist.core.setup import Progress
from ctassist.geo.models import State

# Real organisations named in the report (¶4, ¶16, ¶54–¶61), with IATI organisation types.
ORGANISATIONS = (
    ("European Union", "EU", "40"),
    ("United Nations Office of Counter-Terrorism", "UNOCT", "40"),
    ("Counter-Terrorism Committee Executive Directorate", "CTED", "40"),
    ("International Criminal Police Organization", "INTERPOL", "40"),
    ("World Customs Organization", "WCO", "40"),
    ("International Organization for Migration", "IOM", "40"),
    ("United Nations Children's Fund", "UNICEF", "40"),
    ("UN-Women", "UN-Women", "40"),
)
# The field presence named in ¶4 and other countries the report mentions.
COUNTRIES = (
    "DZA", "BGD", "IDN", "IRQ", "JOR", "KGZ", "LBN", "MDV", "MRT", "MOZ", "NGA", "PAK", "PHL",
    "SEN", "SOM", "LKA", "THA", "TUN", "NER", "TCD", "BFA", "MLI", "KEN", "UGA", "AFG", "COL",
    "PAN", "KAZ",
)  # fmt: skip
GIVEN = ("Amina", "Ibrahim", "Fatou", "Moussa", "Nurul", "Rahim", "Siti", "Arjun", "Layla",
         "Omar", "Maria", "Juan", "Aigerim", "Daniyar", "Grace", "Peter", "Hassan")  # fmt: skip
FAMILY = ("Diallo", "Abubakar", "Traoré", "Rahman", "Hussain", "Santos", "Haddad", "Nasser",
          "Mensah", "Ochieng", "Karimov", "Gómez", "Sari", "Perera", "Ali", "Ndiaye")  # fmt: skip
AGENCY_MIX = (
    ("police", 34), ("prosecution", 20), ("judiciary", 12), ("prisons", 9), ("fiu", 6),
    ("customs", 7), ("military", 5), ("civil_society", 4), ("other", 3),
)  # fmt: skip
KIND_BY_AREA = {
    ThematicArea.LEGISLATIVE: ("legislative_advice", "workshop", "expert_group", "high_level"),
    ThematicArea.POLICY: ("workshop", "expert_group", "assessment", "high_level"),
    ThematicArea.CAPACITY: (
        "training",
        "training",
        "mentoring",
        "workshop",
        "webinar",
        "elearning",
    ),
    ThematicArea.COOPERATION: ("workshop", "training", "study_visit", "webinar"),
    ThematicArea.PRISONS: ("training", "assessment", "equipment", "mentoring"),
}

# What the activities were about, as an office names them (¶10–¶77); the title of an
# activity is its subject, so the report can say "three workshops on <subject> in …".
TOPICS = {
    ThematicArea.LEGISLATIVE: (
        "Drafting legislation against the financing of terrorism",
        "The international legal framework against nuclear terrorism",
        "Criminalizing travel by foreign terrorist fighters",
    ),
    ThematicArea.POLICY: (
        "A national action plan on criminal justice responses to terrorism",
        "Gender dimensions of criminal justice responses to terrorism",
        "The treatment of children associated with terrorist groups",
        "Strategies for the prosecution, rehabilitation and reintegration of returnees",
    ),
    ThematicArea.CAPACITY: (
        "Special investigative techniques in terrorism cases",
        "Digital evidence and open-source intelligence",
        "The use of information collected by the military as evidence",
        "Border security and the detection of foreign terrorist fighters",
        "Protecting victims and witnesses in terrorism trials",
        "Human rights-compliant interviewing of terrorism suspects",
    ),
    ThematicArea.COOPERATION: (
        "Drafting requests for mutual legal assistance",
        "Requesting electronic evidence across borders",
        "Cooperation between central authorities of the region",
    ),
    ThematicArea.PRISONS: (
        "Risk and needs assessment of violent extremist prisoners",
        "Dynamic security in high-security prisons",
        "Rehabilitation and reintegration of violent extremist prisoners",
    ),
}


@dataclass
class ProgrammeReport:
    activities: int
    participants: int
    attendance: int


def _organisations() -> list[Organisation]:
    found = []
    for name, short, kind in ORGANISATIONS:
        org, _ = Organisation.objects.get_or_create(
            name=name, defaults={"short_name": short, "iati_type": kind}
        )
        found.append(org)
    return found


def programme_generate(
    *,
    seed: int,
    activities: int,
    participants: int,
    start: dt.date = dt.date(2019, 1, 1),
    end: dt.date = dt.date(2020, 12, 31),
    prefix: str = "DEMO",
) -> ProgrammeReport:
    """A programme of the given size, in bulk (a few statements per table), labelled
    illustrative."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not security
    orgs = _organisations()
    states = {s.code: s for s in State.objects.filter(code__in=COUNTRIES)}
    codes = sorted(states)
    projects = []
    for index, area in enumerate(ThematicArea):
        project, _ = Project.objects.get_or_create(
            code=f"{prefix}-{index + 1:02d}",
            defaults={
                "title": f"{area.label} (illustrative project)",
                "thematic_area": area.value,
                "start": start,
                "end": end,
                "budget_usd": Decimal(rng.randrange(1_000_000, 9_000_000, 50_000)),
                "illustrative": True,
            },
        )
        project.donors.set(orgs[:2] if index % 2 else orgs[:1])
        project.countries.set([states[c] for c in rng.sample(codes, 6)])
        projects.append(project)
    span = (end - start).days
    made_activities = []
    for n in range(activities):
        project = rng.choice(projects)
        area = ThematicArea(project.thematic_area)
        kind = rng.choice(KIND_BY_AREA[area])
        first = start + dt.timedelta(days=rng.randrange(span))
        covid = first >= dt.date(2020, 3, 15)
        modality = (
            "online" if covid and rng.random() < 0.8 else rng.choice(["in_person"] * 5 + ["hybrid"])
        )
        if kind in ("webinar", "elearning"):
            modality = "online"
        country = states[rng.choice(codes)]
        made_activities.append(
            Activity(
                project=project,
                title=TOPICS[area][(n * 7 + len(country.code)) % len(TOPICS[area])],
                kind=kind,
                modality=modality,
                start=first,
                end=first + dt.timedelta(days=rng.randint(0, 4)),
                country=country,
                thematic_area=area.value,
                gender_marker=rng.choice([0, 1, 1, 2]),
                illustrative=True,
            )
        )
    Activity.objects.bulk_create(made_activities, batch_size=1000)
    through = Activity.partners.through
    through.objects.bulk_create(
        [
            through(activity_id=a.pk, organisation_id=o.pk)
            for a in made_activities
            for o in rng.sample(orgs, rng.randint(0, 2))
        ],
        batch_size=2000,
    )
    agencies = [a for a, weight in AGENCY_MIX for _ in range(weight)]
    made_people = [
        Participant(
            full_name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
            sex="female" if rng.random() < 0.27 else "male",
            agency=rng.choice(agencies),
            country=states[rng.choice(codes)],
            position="officer (demo)",
            illustrative=True,
        )
        for _ in range(participants)
    ]
    Participant.objects.bulk_create(made_people, batch_size=2000)
    by_country: dict[int, list[Participant]] = {}
    for person in made_people:
        by_country.setdefault(person.country_id, []).append(person)
    rows = []
    seen: set[tuple[int, int]] = set()
    for index, activity in enumerate(made_activities):
        pool = by_country.get(activity.country_id or 0) or made_people
        # Every participant attends at least one activity; some attend several.
        share = made_people[index :: max(1, len(made_activities))]
        chosen = share + rng.sample(pool, min(len(pool), rng.randint(8, 20)))
        for person in chosen:
            key = (activity.pk, person.pk)
            if key not in seen:
                seen.add(key)
                rows.append(Attendance(activity_id=activity.pk, participant_id=person.pk))
    Attendance.objects.bulk_create(rows, batch_size=5000)
    return ProgrammeReport(len(made_activities), len(made_people), len(rows))


def _outcomes(rng: random.Random, start: dt.date, end: dt.date) -> None:
    states = {s.code: s for s in State.objects.filter(code__in=COUNTRIES)}
    plan = (
        ("conviction", "NGA", 30, "court records of the Federal High Court"),
        ("discharge", "NGA", 70, "court records of the Federal High Court"),
        ("prison_visit", "NER", 12, "reports of the specialized judicial unit"),
        ("detainee_met", "NER", 28, "reports of the specialized judicial unit"),
        ("sit_investigation", "IRQ", 8, "reports of investigation units"),
        ("case_reviewed", "NGA", 120, "case review records"),
        ("seizure", "AFG", 15, "border unit seizure reports"),
        ("law_drafted", "MOZ", 1, "draft law submitted to parliament"),
    )
    records = []
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        for kind, code, scale, source in plan:
            if rng.random() < 0.75:
                records.append(
                    OutcomeRecord(
                        kind=kind,
                        on=month + dt.timedelta(days=rng.randint(0, 27)),
                        country=states[code],
                        count=max(1, int(rng.gauss(scale, scale / 3))),
                        source=source,
                        illustrative=True,
                    )
                )
        month = (month + dt.timedelta(days=32)).replace(day=1)
    OutcomeRecord.objects.bulk_create(records)


FIELD_PRESENCE = COUNTRIES[:18]
PERIOD = (dt.date(2019, 6, 1), dt.date(2020, 5, 31))


def _field_offices() -> dict[int, FieldOffice]:
    """Offices in the 18 countries of the field presence (¶4); names and dates illustrative."""
    offices = {}
    for index, state in enumerate(State.objects.filter(code__in=FIELD_PRESENCE).order_by("code")):
        office, _ = FieldOffice.objects.get_or_create(
            name=f"UNODC office in {state.name_en} (demo)",
            defaults={
                "country": state,
                "opened": dt.date(2010 + index % 8, 1 + index % 12, 1),
                "illustrative": True,
            },
        )
        offices[state.pk] = office
    for state_id, office in offices.items():
        Activity.objects.filter(illustrative=True, country_id=state_id).update(field_office=office)
    return offices


def _value(period: IndicatorPeriod, kind: str, sex: str, value: int, source: str) -> IndicatorValue:
    return IndicatorValue(
        period=period,
        kind=kind,
        sex=sex,
        value=Decimal(value),
        source=source,
        approved_at=None if kind == "target" else dt.datetime(2020, 6, 30, tzinfo=dt.UTC),
        illustrative=True,
    )


def _results_framework(rng: random.Random) -> None:
    """Per project: an outcome with a convictions-or-laws indicator and an output counting the
    officials trained, whose actual values are computed from the attendance held."""
    start, end = PERIOD
    values = []
    for project in Project.objects.filter(illustrative=True).order_by("code"):
        outcome = Result.objects.create(
            project=project,
            level=Result.Level.OUTCOME,
            title="Criminal justice officials apply the legal framework against terrorism",
        )
        output = Result.objects.create(
            project=project,
            level=Result.Level.OUTPUT,
            title="Officials trained in counter-terrorism criminal justice",
        )
        legislative = project.thematic_area in ("legislative", "policy")
        oc = Indicator.objects.create(
            result=outcome,
            project=project,
            code="OC1.1",
            title=(
                "Laws drafted or amended with UNODC assistance"
                if legislative
                else "Terrorism cases brought to trial with assisted prosecutors"
            ),
            baseline_year=2018,
            baseline_value=Decimal(1 if legislative else 20),
            means_of_verification="draft laws submitted (demo)"
            if legislative
            else "court records (demo)",
        )
        op = Indicator.objects.create(
            result=output,
            project=project,
            code="OP1.1",
            title="Officials trained (distinct persons)",
            baseline_year=2018,
            baseline_value=Decimal(0),
            means_of_verification="training attendance register",
        )
        share = Indicator.objects.create(
            result=output,
            project=project,
            code="OP1.2",
            title="Share of women among officials trained",
            measure=Indicator.Measure.PERCENTAGE,
            baseline_year=2018,
            baseline_value=Decimal(18),
            means_of_verification="training attendance register",
        )
        for indicator in (oc, op, share):
            indicator.periods.create(start=start, end=end)
        trained = Participant.objects.filter(
            attendance__activity__project=project,
            attendance__activity__start__gte=start,
            attendance__activity__start__lte=end,
        ).distinct()
        women = trained.filter(sex="female").count()
        men = trained.filter(sex="male").count()
        total = trained.count()
        op_period = op.periods.get()
        target = int(total * rng.uniform(0.85, 1.2)) // 10 * 10
        register = "training attendance register (computed)"
        values += [
            _value(op_period, "target", "total", target, "project document (demo)"),
            _value(op_period, "target", "female", target * 3 // 10, "project document (demo)"),
            _value(op_period, "actual", "total", total, register),
            _value(op_period, "actual", "female", women, register),
            _value(op_period, "actual", "male", men, register),
        ]
        share_period = share.periods.get()
        values += [
            _value(share_period, "target", "total", 30, "project document (demo)"),
            _value(
                share_period,
                "actual",
                "total",
                round(100 * women / total) if total else 0,
                register,
            ),
        ]
        oc_period = oc.periods.get()
        goal = 2 if legislative else 40
        values += [
            _value(oc_period, "target", "total", goal, "project document (demo)"),
            _value(
                oc_period,
                "actual",
                "total",
                max(0, goal + rng.randint(-goal // 2, goal // 2)),
                oc.means_of_verification,
            ),
        ]
    IndicatorValue.objects.bulk_create(values)


@transaction.atomic
def assistance_demo_load(*, progress: Progress | None = None) -> ProgrammeReport:
    """The illustrative 2019–2020 programme for `ctassist demo` (idempotent: each part is made
    once, so a database from an earlier version gains the parts added since)."""
    report = ProgrammeReport(0, 0, 0)
    if not Activity.objects.filter(illustrative=True).exists():
        report = programme_generate(seed=2020, activities=330, participants=6400)
        _outcomes(random.Random(2019), dt.date(2019, 1, 1), dt.date(2020, 12, 31))  # noqa: S311
    if not FieldOffice.objects.filter(illustrative=True).exists():
        _field_offices()
    if not Result.objects.filter(project__illustrative=True).exists():
        _results_framework(random.Random(2021))  # noqa: S311
    return report
