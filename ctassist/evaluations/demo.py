"""Illustrative evaluations (generated, labelled so) with recommendations and follow-up in
various states, for `ctassist demo`. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ctassist.core.setup import Progress
from ctassist.evaluations.models import (
    STAGE_ORDER,
    Action,
    Evaluation,
    Recommendation,
    Stage,
    StageEvent,
)

EVALUATIONS = (
    (
        "Independent project evaluation: criminal justice responses to terrorism, Sahel (demo)",
        "DEMO-03",
        "Terrorism Prevention Branch",
        2019,
        "follow_up",
        dt.date(2019, 11, 15),
    ),
    (
        "Independent project evaluation: countering the financing of terrorism (demo)",
        "DEMO-01",
        "Terrorism Prevention Branch",
        2020,
        "final",
        dt.date(2020, 3, 2),
    ),
    (
        "In-depth evaluation: prison reform and disengagement (demo)",
        "DEMO-05",
        "Justice Section",
        2018,
        "follow_up",
        dt.date(2018, 9, 28),
    ),
    (
        "Cluster evaluation: international cooperation networks (demo)",
        "DEMO-04",
        "Justice Section",
        2020,
        "draft",
        None,
    ),
)
RECOMMENDATIONS = (
    (
        "Develop a sustainability plan with national training institutions.",
        "accepted",
        "",
        "implemented",
        "Plan adopted by the national judicial training institute (demo).",
    ),
    (
        "Collect sex-disaggregated data on all participants and outcomes.",
        "accepted",
        "",
        "in_progress",
        "",
    ),
    (
        "Reduce the number of one-off workshops in favour of mentoring.",
        "partial",
        "Mentoring is used where funding allows; workshops remain needed for outreach.",
        "not_started",
        "",
    ),
    (
        "Move the project coordination to the regional office.",
        "rejected",
        "Headquarters coordination is required by the donor agreement.",
        "",
        "",
    ),
)


@transaction.atomic
def evaluations_demo_load(*, progress: Progress | None = None) -> int:
    if Evaluation.objects.filter(illustrative=True).exists():
        return 0
    for title, project, unit, year, stage, final_on in EVALUATIONS:
        evaluation = Evaluation.objects.create(
            title=title,
            project_code=project,
            unit=unit,
            year=year,
            stage=stage,
            final_report_on=final_on,
            follow_up_plan_on=final_on + dt.timedelta(days=25)
            if final_on and stage == "follow_up"
            else None,
            illustrative=True,
        )
        start = dt.date(year, 1, 15)
        for index, reached in enumerate(STAGE_ORDER[: STAGE_ORDER.index(stage) + 1]):
            on = (
                final_on
                if reached == "final" and final_on
                else start + dt.timedelta(days=40 * index)
            )
            StageEvent.objects.create(
                evaluation=evaluation,
                stage=reached,
                on=on,
                document=f"{Stage(reached).label} (demo)",
            )
        if stage not in ("final", "follow_up"):
            continue
        for number, (text, response, why, status, evidence) in enumerate(RECOMMENDATIONS, start=1):
            recommendation = Recommendation.objects.create(
                evaluation=evaluation,
                number=number,
                text=text,
                addressee=unit,
                response=response if stage == "follow_up" else "",
                justification=why if stage == "follow_up" else "",
            )
            if stage == "follow_up" and status:
                Action.objects.create(
                    recommendation=recommendation,
                    description=f"Follow-up on recommendation {number} (demo)",
                    owner="Project manager (demo)",
                    deadline=(final_on or start) + dt.timedelta(days=90 * number),
                    status=status,
                    evidence=evidence,
                )
    return len(EVALUATIONS)
