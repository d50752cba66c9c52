"""Evaluation follow-up: stages in order, a justified response to each recommendation, the
follow-up plan due within one month of the final report, overdue actions, implementation rate;
office staff only."""

from __future__ import annotations

import datetime as dt

import pytest

from ctassist.core.errors import InvalidInput, NotFound
from ctassist.evaluations import services
from ctassist.evaluations.models import Action, Evaluation, Recommendation
from ctassist.evaluations.selectors import follow_up_for, implementation_rates, one_month_after

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("final", "due"),
    [
        (dt.date(2020, 3, 2), dt.date(2020, 4, 2)),
        (dt.date(2020, 1, 31), dt.date(2020, 2, 29)),
        (dt.date(2019, 12, 15), dt.date(2020, 1, 15)),
    ],
)
def test_plan_due_one_month_after_final_report(final, due):
    assert one_month_after(final) == due


@pytest.fixture
def analyst(persona):
    return persona("analyst", role="analyst")


def test_stages_advance_one_at_a_time_and_plan_overdue(analyst):
    evaluation = Evaluation.objects.create(title="E", unit="U", year=2020, stage="draft")
    with pytest.raises(InvalidInput):
        services.evaluation_advance(
            actor=analyst,
            evaluation=evaluation,
            expected_version=1,
            to="follow_up",
            on=dt.date(2020, 3, 1),
        )
    evaluation = services.evaluation_advance(
        actor=analyst, evaluation=evaluation, expected_version=1, to="final", on=dt.date(2020, 3, 2)
    )
    plan = follow_up_for(user=analyst, evaluation_id=evaluation.pk, today=dt.date(2020, 4, 3))
    assert plan.plan_due == dt.date(2020, 4, 2) and plan.plan_overdue
    on_time = follow_up_for(user=analyst, evaluation_id=evaluation.pk, today=dt.date(2020, 4, 2))
    assert not on_time.plan_overdue


def test_responses_actions_and_rate(analyst):
    evaluation = Evaluation.objects.create(
        title="E", unit="Unit A", year=2019, stage="follow_up", final_report_on=dt.date(2019, 6, 1)
    )
    accepted = Recommendation.objects.create(
        evaluation=evaluation, number=1, text="a", addressee="x"
    )
    rejected = Recommendation.objects.create(
        evaluation=evaluation, number=2, text="b", addressee="x"
    )
    with pytest.raises(InvalidInput):
        services.recommendation_respond(
            actor=analyst, recommendation=rejected, expected_version=1, response="rejected"
        )
    services.recommendation_respond(
        actor=analyst,
        recommendation=rejected,
        expected_version=1,
        response="rejected",
        justification="Out of mandate",
    )
    accepted = services.recommendation_respond(
        actor=analyst, recommendation=accepted, expected_version=1, response="accepted"
    )
    with pytest.raises(InvalidInput):
        services.action_add(
            actor=analyst,
            recommendation=Recommendation.objects.get(pk=rejected.pk),
            description="x",
            owner="y",
            deadline=dt.date(2020, 1, 1),
        )
    done = services.action_add(
        actor=analyst,
        recommendation=accepted,
        description="Train",
        owner="PM",
        deadline=dt.date(2019, 9, 1),
    )
    late = services.action_add(
        actor=analyst,
        recommendation=accepted,
        description="Report",
        owner="PM",
        deadline=dt.date(2019, 10, 1),
    )
    with pytest.raises(InvalidInput):
        services.action_update(
            actor=analyst, action=done, expected_version=done.version, status="implemented"
        )
    services.action_update(
        actor=analyst,
        action=done,
        expected_version=done.version,
        status="implemented",
        evidence="Attendance list",
    )
    plan = follow_up_for(user=analyst, evaluation_id=evaluation.pk, today=dt.date(2019, 12, 1))
    assert (plan.implemented, plan.applicable, plan.rate) == (1, 2, 50)
    assert [a.pk for a in plan.overdue_actions] == [late.pk]
    assert ("Unit A", 50, 1, 2) in implementation_rates(user=analyst, by="unit")
    assert Action.objects.get(pk=done.pk).evidence == "Attendance list"


def test_practitioners_and_public_see_nothing(persona, client):
    evaluation = Evaluation.objects.filter(illustrative=True).first()
    with pytest.raises(NotFound):
        follow_up_for(user=persona("p", countries=("NGA",)), evaluation_id=evaluation.pk)
    client.force_login(persona("p2", countries=("NGA",)))
    assert client.get(f"/evaluations/{evaluation.pk}/").status_code == 404


def test_list_charts_recommendations_by_status_and_exports(client, analyst, persona):
    client.force_login(analyst)
    page = client.get("/evaluations/").content.decode()
    assert "Management responses" in page and "Follow-up actions" in page
    export = client.get("/evaluations/?format=csv&table=actions").content.decode("utf-8-sig")
    total = Action.objects.count()
    assert sum(int(line.rsplit(",", 1)[1]) for line in export.splitlines()[1:]) == total
    assert total > 0
    client.force_login(persona("p", countries=("NGA",)))
    outside = client.get("/evaluations/?format=csv&table=actions").content.decode("utf-8-sig")
    assert outside.splitlines() == ["actions,count"]  # practitioners see no evaluation data
