"""Prisons in `ctassist demo`: two illustrative prisons (Kenya, Burkina Faso) with housing
units and capacities, generated prisoners (names drawn from common names; none is a real
person's record), assessments over two years with an illustrative instrument written for this
demo — its wording is ours, not that of any licensed tool — reviews, incidents and
interventions. Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from ctassist.accounts.models import User
from ctassist.core.setup import Progress
from ctassist.geo.models import State
from ctassist.prisons.models import Instrument, Intervention, InterventionKind, Item, Prison
from ctassist.prisons.rules import level_suggest
from ctassist.prisons.services import (
    RatingGiven,
    assessment_review,
    assessment_submit,
    enrolment_create,
    enrolment_end,
    incident_record,
    instrument_load,
    intervention_save,
    member_set,
    prison_save,
    prisoner_admit,
    prisoner_house,
    unit_save,
)

OFFICER = "demo-prison-officer-ken"
HEAD = "demo-prison-head-ken"
OFFICER_BFA = "demo-prison-officer-bfa"
HEAD_BFA = "demo-prison-head-bfa"

ILLUSTRATIVE_INSTRUMENT = {
    "code": "demo-illustrative",
    "number": 1,
    "name": "Illustrative risk and needs guide (demo)",
    "description": (
        "Written for the demo to show how an instrument is configured: domains, items, a "
        "rating scale, protective items and the rule that suggests a level. It is not a "
        "validated tool and copies no licensed instrument."
    ),
    "illustrative": True,
    "rule": {
        "high_from": 7,
        "medium_from": 3,
        "key_item_level": "medium",
        "review_days": {"high": 90, "medium": 180, "low": 365},
    },
    "scales": {"presence": [[0, "not seen"], [1, "some signs"], [2, "clearly seen"]]},
    "domains": [
        {
            "code": "outlook",
            "name": "Outlook on violence",
            "need": "religious",
            "items": [
                {
                    "code": "justifies",
                    "text": "Speaks of violence as a rightful means",
                    "scale": "presence",
                },
                {
                    "code": "distrust",
                    "text": "Denies the authority of courts and law",
                    "scale": "presence",
                },
            ],
        },
        {
            "code": "ties",
            "name": "Ties and intentions",
            "need": "family",
            "items": [
                {
                    "code": "group",
                    "text": "Stays in touch with an armed group",
                    "scale": "presence",
                },
                {
                    "code": "intent",
                    "text": "Has said they mean to harm others",
                    "scale": "presence",
                    "key": True,
                },
            ],
        },
        {
            "code": "record",
            "name": "Past acts and means",
            "need": "psychosocial",
            "items": [
                {
                    "code": "acts",
                    "text": "Took part in planning or violent acts",
                    "scale": "presence",
                    "key": True,
                },
                {
                    "code": "means",
                    "text": "Has skills that could serve an attack",
                    "scale": "presence",
                },
            ],
        },
        {
            "code": "strengths",
            "name": "Strengths (protective)",
            "protective": True,
            "need": "education",
            "items": [
                {
                    "code": "family",
                    "text": "Keeps close, supportive family ties",
                    "scale": "presence",
                },
                {"code": "learning", "text": "Studies or works in prison", "scale": "presence"},
                {"code": "doubt", "text": "Voices doubt about using violence", "scale": "presence"},
            ],
        },
    ],
}

# (code, name, security level, holds, allows high risk, cells, capacity of each)
PRISONS = {
    "KEN": (
        "demo-ken-prison",
        "Illustrative high-security prison (Kenya)",
        [
            ("A", "Block A (high security)", "high", "adult_men", True, 8, 2),
            ("B", "Block B (medium security)", "medium", "adult_men", False, 8, 4),
            ("C", "Block C (low security)", "low", "adult_men", False, 4, 6),
            ("W", "Women's wing", "medium", "women", False, 4, 3),
            ("J", "Juvenile wing", "low", "children", False, 3, 2),
        ],
    ),
    "BFA": (
        "demo-bfa-prison",
        "Illustrative prison (Burkina Faso)",
        [
            ("A", "Quartier A (high security)", "high", "adult_men", True, 6, 2),
            ("B", "Quartier B (low security)", "low", "adult_men", False, 6, 4),
            ("F", "Quartier des femmes", "medium", "women", False, 2, 3),
        ],
    ),
}
PROGRAMMES = (
    ("education", "Literacy and secondary classes"),
    ("vocational", "Carpentry and tailoring workshop"),
    ("psychosocial", "Group counselling"),
    ("religious", "Dialogue with religious scholars"),
    ("family", "Family visits and calls"),
)
FAMILY = {
    "KEN": [
        "OTIENO",
        "WANJIKU",
        "MUTUA",
        "KAMAU",
        "NJOROGE",
        "ACHIENG",
        "ODHIAMBO",
        "KIPRONO",
        "CHEBET",
        "MWANGI",
    ],
    "BFA": ["OUEDRAOGO", "SAWADOGO", "KABORE", "TRAORE", "ZONGO", "COMPAORE", "DIALLO", "SANOU"],
}
GIVEN = {
    "male": [
        "BRIAN",
        "DANIEL",
        "HENRY",
        "JAMES",
        "KEVIN",
        "ISSA",
        "MOUSSA",
        "SALIF",
        "ADAMA",
        "YACOUBA",
    ],
    "female": ["AMINA", "CAROL", "ESTHER", "GRACE", "LUCY", "AWA", "MARIAM", "FATI"],
}
PRISONERS = {"KEN": 28, "BFA": 14}


@dataclass
class PrisonsDemoReport:
    prisoners: int
    assessments: int


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _ratings(rng: random.Random, items: list[Item], risk: int) -> list[RatingGiven]:
    """Ratings drawn around a risk tendency (0 low, 1 medium, 2 high)."""
    given = []
    for item in items:
        protective = item.domain.protective
        base = (2 - risk) if protective else risk
        value = max(0, min(2, base + rng.choice((-1, 0, 0, 1))))
        given.append(
            RatingGiven(
                item=f"{item.domain.code}.{item.code}",
                value=value,
                evidence="Demo: observation in the wing and file notes" if value else "",
                source="Demo: case file and interview" if value else "",
            )
        )
    return given


def prisons_demo_load(*, progress: Progress | None = None) -> PrisonsDemoReport:
    instrument = instrument_load(actor=None, definition=ILLUSTRATIVE_INSTRUMENT)
    items = list(
        Item.objects.filter(domain__instrument=instrument).select_related("domain", "scale")
    )
    rng = random.Random(20)  # noqa: S311 (generated demo names, not secrets)
    today = timezone.localdate()
    report = PrisonsDemoReport(0, 0)
    for country, (code, name, units) in PRISONS.items():
        if Prison.objects.filter(code=code, prisoners__isnull=False).exists():
            continue
        prison = prison_save(
            actor=None,
            code=code,
            name=name,
            country=State.objects.get(code=country),
            illustrative=True,
        )
        officer, head = (OFFICER, HEAD) if country == "KEN" else (OFFICER_BFA, HEAD_BFA)
        member_set(actor=None, prison=prison, username=officer)
        member_set(actor=None, prison=prison, username=head, head=True, supervisor=True)
        for unit_code, unit_name, security, holds, high, cells, capacity in units:
            unit_save(
                actor=None,
                prison=prison,
                code=unit_code,
                name=unit_name,
                security_level=security,
                holds=holds,
                allows_high_risk=high,
                cells=[(f"{unit_code}{n:02d}", capacity) for n in range(1, cells + 1)],
            )
        programmes = {
            kind: intervention_save(actor=None, prison=prison, kind=kind, name=title)
            for kind, title in PROGRAMMES
        }
        _prisoners(rng, prison, country, items, instrument, programmes, today, report)
        if progress:
            progress(1, len(PRISONS))
    return report


def _prisoners(
    rng: random.Random,
    prison: Prison,
    country: str,
    items: list[Item],
    instrument: Instrument,
    programmes: dict[str, Intervention],
    today: dt.date,
    report: PrisonsDemoReport,
) -> None:
    officer_name, head_name = (OFFICER, HEAD) if country == "KEN" else (OFFICER_BFA, HEAD_BFA)
    officer, head = _user(officer_name), _user(head_name)
    cells = {
        unit.code: list(unit.cells.order_by("code"))
        for unit in prison.units.prefetch_related("cells")
    }
    used: dict[int, int] = {}
    for n in range(PRISONERS[country]):
        sex = "female" if n % 7 == 3 else "male"
        child = n % 11 == 5 and country == "KEN"
        # A quarter of the adults have been held since 2019–2021 (long sentences): the
        # periodic report's demo period (June 2019 – May 2020) has assessments and places.
        older = 2000 if n % 4 == 2 and not child else 0
        admitted = today - dt.timedelta(days=rng.randint(60, 720) + older)
        born = admitted - dt.timedelta(days=365 * (16 if child else rng.randint(19, 50)))
        prisoner = prisoner_admit(
            actor=officer,
            prison=prison,
            number=f"DEMO-{country}-{n + 1:04d}",
            full_name=f"{rng.choice(GIVEN[sex])} {rng.choice(FAMILY[country])}",
            sex=sex,
            date_of_birth=born,
            nationality=prison.country,
            admitted_on=admitted,
            illustrative=True,
        )
        report.prisoners += 1
        risk = rng.choice((0, 1, 1, 2)) if not child and sex == "male" else 0
        day = admitted + dt.timedelta(days=rng.randint(3, 12))
        level = ""
        while day < today:
            ratings = _ratings(rng, items, risk)
            suggested = level_suggest(
                instrument.rule,
                [
                    (
                        r.value,
                        i.domain.protective,
                        i.key,
                        max(i.scale.point_values()),
                    )
                    for i, r in zip(items, ratings, strict=True)
                ],
            )
            chosen, reason = suggested, ""
            if rng.random() < 0.15 and suggested != "high":
                chosen = "high" if suggested == "medium" else "medium"
                reason = "Demo: intelligence report received after the interview"
            if (sex == "female" or child) and chosen == "high":
                chosen, reason = "medium", "Demo: no unit for high risk in this wing"
            assessment = assessment_submit(
                actor=officer,
                prisoner=prisoner,
                instrument=instrument,
                trigger="intake" if not level else "scheduled",
                assessed_on=day,
                ratings=ratings,
                level=chosen,
                override_reason=reason,
                needs=sorted({d for d in ("education", "vocational") if rng.random() < 0.5}),
            )
            report.assessments += 1
            review_day = min(day + dt.timedelta(days=3), today)
            assessment_review(
                actor=head,
                assessment=assessment,
                expected_version=assessment.version,
                decision="approve",
                reason="",
                on=review_day,
            )
            prisoner.refresh_from_db()
            if not level:
                unit = {"high": "A", "medium": "B", "low": "C" if country == "KEN" else "B"}[chosen]
                if sex == "female":
                    unit = "W" if country == "KEN" else "F"
                elif child:
                    unit = "J"
                for cell in cells[unit]:
                    if used.get(cell.pk, 0) < cell.capacity:
                        prisoner_house(
                            actor=officer,
                            prisoner=prisoner,
                            expected_version=prisoner.version,
                            cell=cell,
                            on=review_day,
                            reason="Demo: housed as classified at intake",
                        )
                        used[cell.pk] = used.get(cell.pk, 0) + 1
                        prisoner.refresh_from_db()
                        break
            level = chosen
            risk = max(0, risk - rng.choice((0, 0, 1)))
            day = assessment.next_review_on + dt.timedelta(days=rng.randint(-10, 40))
        if n % 5 == 0:
            enrolment = enrolment_create(
                actor=officer,
                prisoner=prisoner,
                intervention=programmes[InterventionKind.EDUCATION],
                enrolled_on=admitted + dt.timedelta(days=20),
            )
            if n % 10 == 0:
                enrolment_end(
                    actor=officer,
                    enrolment=enrolment,
                    expected_version=enrolment.version,
                    outcome="completed",
                    ended_on=admitted + dt.timedelta(days=50),
                    note="Demo: certificate obtained",
                )
        if n % 9 == 4:
            incident_record(
                actor=officer,
                prisoner=prisoner,
                occurred_on=today - dt.timedelta(days=rng.randint(1, 20)),
                kind="material",
                description="Demo: leaflets found during a search of the cell",
            )
