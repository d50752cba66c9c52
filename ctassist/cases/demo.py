"""Demo case files (generated, labelled illustrative): a prosecution unit in Nigeria and one in
Kenya, their prosecutors, realistic cases with accused (one a child), detainees (one held past
the illustrative limit), charges and outcomes, hearings and digital evidence. Seeded, so every
run makes the same data; idempotent."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ctassist.accounts.models import User
from ctassist.cases.models import (
    CaseFile,
    Charge,
    DetentionRule,
    Evidence,
    Membership,
    Person,
    ReviewItem,
    Stage,
    Unit,
)
from ctassist.cases.services import (
    case_open,
    charge_add,
    charge_dispose,
    evidence_add,
    hearing_schedule,
    person_add,
    prison_visit_record,
    review_campaign_start,
    review_record,
)
from ctassist.core.setup import Progress
from ctassist.geo.models import State

UNITS = (
    ("demo-nga-ctpu", "NGA", "Counter-Terrorism Prosecution Unit (demo)", "demo-prosecutor-nga"),
    (
        "demo-ken-ctpd",
        "KEN",
        "Counter-Terrorism Prosecution Division (demo)",
        "demo-prosecutor-ken",
    ),
)
NAMES = {
    "NGA": (
        ["Musa", "Ibrahim", "Aisha", "Fatima", "Usman", "Bello", "Hauwa", "Abubakar", "Zainab"],
        ["Abdullahi", "Mohammed", "Garba", "Yusuf", "Lawan", "Umar", "Shehu", "Kachalla"],
    ),
    "KEN": (
        ["Hassan", "Amina", "Omar", "Halima", "Ali", "Khadija", "Juma", "Mwanaisha", "Salim"],
        ["Abdi", "Mohamed", "Omondi", "Hussein", "Kariuki", "Said", "Mwangi", "Farah"],
    ),
}
COURTS = {"NGA": "Federal High Court, Abuja", "KEN": "High Court of Kenya at Nairobi"}
OFFENCES = (
    ("Provision of funds for terrorism", "FINANCING_1999"),
    ("Membership of a proscribed organisation", None),
    ("Recruitment for terrorism", None),
    ("Possession of explosives for a terrorist purpose", "BOMBINGS_1997"),
    ("Travel to join a terrorist group", None),
)


@dataclass
class CasesDemoReport:
    created: int


def _person_name(rng: random.Random, country: str) -> str:
    given, family = NAMES[country]
    return f"{rng.choice(given)} {rng.choice(family)}"


@transaction.atomic
def cases_demo_load(*, progress: Progress | None = None) -> CasesDemoReport:
    if CaseFile.objects.filter(illustrative=True).exists():
        return CasesDemoReport(created=0)
    rng = random.Random(2020)  # noqa: S311 - reproducible demo data, not security
    # Opening dates drawn apart, so that the cases' other values stay as they were.
    opened_rng = random.Random(2019)  # noqa: S311 - reproducible demo data, not security
    today = timezone.localdate()
    # Illustrative limits, labelled so: not the law of any country. Units register their own.
    DetentionRule.objects.get_or_create(
        country=None,
        stage="",
        defaults={
            "max_days": 90,
            "review_every_days": 30,
            "source": "illustrative default for the demo — register the national rule",
            "illustrative": True,
        },
    )
    DetentionRule.objects.get_or_create(
        country=None,
        stage=Stage.INVESTIGATION,
        defaults={
            "max_days": 60,
            "review_every_days": 14,
            "source": "illustrative default for the demo — register the national rule",
            "illustrative": True,
        },
    )
    created = 0
    for code, country, name, username in UNITS:
        state = State.objects.get(code=country)
        unit, _ = Unit.objects.get_or_create(
            code=code, defaults={"name": name, "country": state, "illustrative": True}
        )
        user = User.objects.get(username=username)
        Membership.objects.get_or_create(
            unit=unit, user=user, defaults={"is_head": True, "juvenile_access": True}
        )
        in_custody: list[Person] = []
        for n in range(12):
            # A quarter of the files are older (2019–2021), as a unit's register is: the
            # periodic report's demo period (June 2019 – May 2020) has cases of its own.
            older = 2000 if n % 4 == 2 else 0
            offence_date = today - dt.timedelta(days=rng.randint(120, 900) + older)
            stage = rng.choice([Stage.INVESTIGATION, Stage.PRE_TRIAL, Stage.TRIAL, Stage.APPEAL])
            if n == 1:
                stage = Stage.PRE_TRIAL  # its first accused is held past the limit
            accused_names = [_person_name(rng, country) for _ in range(rng.randint(1, 3))]
            title = f"State v. {accused_names[0]}" + (
                f" and {len(accused_names) - 1} other(s)" if len(accused_names) > 1 else ""
            )
            offence, instrument = rng.choice(OFFENCES)
            # Opened a few days to two months after the offence, never after today; the
            # prosecution number carries the year it was opened in.
            opened_on = min(today, offence_date + dt.timedelta(days=opened_rng.randint(3, 60)))
            case = case_open(
                actor=user,
                unit=unit,
                title=title,
                opened_on=opened_on,
                stage=stage,
                facts=f"Illustrative demo case: {offence.lower()} alleged on {offence_date}.",
                offence_date=offence_date,
                prosecution_ref=f"{country}/CT/{opened_on.year}/{100 + n}",
                police_ref=f"P-{rng.randint(1000, 9999)}",
                instruments=[instrument] if instrument else [],
                illustrative=True,
            )
            for index, full_name in enumerate(accused_names):
                child = n == 3 and index == 0  # one child among the accused in each unit
                age = rng.randint(15, 17) if child else rng.randint(19, 45)
                born = offence_date - dt.timedelta(days=age * 365 + rng.randint(0, 300))
                person = person_add(
                    actor=user,
                    case=case,
                    role=Person.Role.ACCUSED,
                    full_name=full_name,
                    date_of_birth=born,
                    sex=Person.Sex.FEMALE if rng.random() < 0.2 else Person.Sex.MALE,
                    nationality=country,
                )
                overdue = n == 1 and index == 0
                if overdue or (
                    stage in (Stage.INVESTIGATION, Stage.PRE_TRIAL) and rng.random() < 0.6
                ):
                    held_days = 140 if overdue else rng.randint(5, 50)
                    Person.objects.filter(pk=person.pk).update(
                        detention=Person.Detention.IN_CUSTODY,
                        detention_place=f"{COURTS[country].split(',')[0]} remand facility (demo)",
                        custody_start=today - dt.timedelta(days=held_days),
                    )
                    in_custody.append(person)
                charge = charge_add(
                    actor=user, person=person, offence=offence, instrument=instrument
                )
                if stage in (Stage.TRIAL, Stage.APPEAL) and rng.random() < 0.7:
                    convicted = rng.random() < 0.3
                    charge_dispose(
                        actor=user,
                        charge=charge,
                        expected_version=charge.version,
                        disposition=(
                            Charge.Disposition.CONVICTED
                            if convicted
                            else rng.choice(
                                [Charge.Disposition.ACQUITTED, Charge.Disposition.DISCHARGED]
                            )
                        ),
                        on=offence_date + dt.timedelta(days=rng.randint(90, 400)),
                        sentence=f"{rng.randint(5, 20)} years' imprisonment" if convicted else "",
                    )
            if rng.random() < 0.5:
                person_add(
                    actor=user,
                    case=case,
                    role=Person.Role.WITNESS,
                    full_name=_person_name(rng, country),
                    protection_measures=rng.random() < 0.5,
                    protection_note="identity withheld at trial (demo)",
                )
            hearing_schedule(
                actor=user,
                case=case,
                starts_at=timezone.now() + dt.timedelta(days=rng.randint(1, 40), hours=9),
                court=COURTS[country],
                purpose="mention" if stage == Stage.PRE_TRIAL else "trial",
            )
            evidence_add(
                actor=user,
                case=case,
                number="E1",
                description="Extraction report of a seized mobile phone (demo file)",
                kind=Evidence.Kind.DIGITAL,
                origin=rng.choice(list(Evidence.Origin)),
                holder="Exhibits officer (demo)",
                content=f"demo extraction report for case {case.pk}\n".encode(),
                filename=f"extraction-{case.pk}.txt",
            )
            created += 1
            if progress:
                progress(1, len(UNITS) * 12)
        campaign = review_campaign_start(
            actor=user,
            unit=unit,
            name="Review of terrorism case files (demo)",
            description="Illustrative review campaign: each file improved, dismissed or referred.",
            reviewers=[user],
        )
        for item in list(campaign.items.all())[:5]:
            review_record(
                actor=user,
                item=item,
                expected_version=item.version,
                outcome=rng.choice(list(ReviewItem.Outcome.values)),
                reasons="Evidence assessed against the charges (demo).",
            )
        prison_visit_record(
            actor=user,
            unit=unit,
            visited_on=today - dt.timedelta(days=10),
            place=f"{COURTS[country].split(',')[0]} remand facility (demo)",
            detainees=in_custody[:5],
            follow_up="Request review of the detention of detainees held past the limit (demo).",
        )
    return CasesDemoReport(created=created)
