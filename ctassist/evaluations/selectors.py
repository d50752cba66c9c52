"""Reads for evaluations (office staff only): the follow-up rules — the plan is due within one
month of the final report; actions past their deadline are overdue — and the implementation rate.

Implementation rate (per evaluation, unit or year): implemented actions ÷ actions that still
apply (all actions except those "no longer applicable"), for recommendations accepted or
partially accepted."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ctassist.core.access import Role, has_role_at_least
from ctassist.core.errors import NotFound
from ctassist.core.grouping import group_totals
from ctassist.evaluations.models import Action, Evaluation


def evaluations_for(*, user: Any) -> QuerySet[Evaluation]:
    if not has_role_at_least(user, Role.ANALYST):
        return Evaluation.objects.none()
    return Evaluation.objects.all()


def follow_up_plan_due(evaluation: Evaluation) -> dt.date | None:
    """One month after the final report."""
    if evaluation.final_report_on is None:
        return None
    return one_month_after(evaluation.final_report_on)


def one_month_after(day: dt.date) -> dt.date:
    """The same day of the next month, or that month's last day (31 January → 28/29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class FollowUp:
    evaluation: Evaluation
    plan_due: dt.date | None
    plan_overdue: bool
    overdue_actions: list[Action]
    implemented: int
    applicable: int

    @property
    def rate(self) -> int | None:
        return round(100 * self.implemented / self.applicable) if self.applicable else None


def _counts(actions: list[Action]) -> tuple[int, int]:
    live = [
        a
        for a in actions
        if a.status != Action.Status.NOT_APPLICABLE
        and a.recommendation.response in ("accepted", "partial")
    ]
    return sum(1 for a in live if a.status == Action.Status.IMPLEMENTED), len(live)


def follow_up_for(
    *, user: Any, evaluation_id: int, today: dt.date | None = None, staff_check: bool = True
) -> FollowUp:
    """The follow-up state of an evaluation for office staff (`staff_check=False` only for the
    reminder job, which acts for no user)."""
    day = today or timezone.localdate()
    visible = evaluations_for(user=user) if staff_check else Evaluation.objects.all()
    evaluation = (
        visible.prefetch_related("recommendations__actions", "events", "documents")
        .filter(pk=evaluation_id)
        .first()
    )
    if evaluation is None:
        raise NotFound(f"No evaluation {evaluation_id}")
    actions = [a for r in evaluation.recommendations.all() for a in r.actions.all()]
    implemented, applicable = _counts(actions)
    due = follow_up_plan_due(evaluation)
    return FollowUp(
        evaluation=evaluation,
        plan_due=due,
        plan_overdue=bool(due and evaluation.follow_up_plan_on is None and day > due),
        overdue_actions=[
            a
            for a in actions
            if a.deadline < day
            and a.status in (Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS)
        ],
        implemented=implemented,
        applicable=applicable,
    )


def implementation_rates(*, user: Any, by: str) -> list[tuple[str, int | None, int, int]]:
    """(unit or year, rate %, implemented, applicable), by "unit" or "year"."""
    groups: dict[str, list[Action]] = {}
    for action in Action.objects.filter(
        recommendation__evaluation__in=evaluations_for(user=user)
    ).select_related("recommendation__evaluation"):
        evaluation = action.recommendation.evaluation
        key = evaluation.unit if by == "unit" else str(evaluation.year)
        groups.setdefault(key, []).append(action)
    rows = []
    for key in sorted(groups):
        implemented, applicable = _counts(groups[key])
        rows.append(
            (
                key,
                round(100 * implemented / applicable) if applicable else None,
                implemented,
                applicable,
            )
        )
    return rows


def recommendations_by_status(*, user: Any) -> dict[str, list[tuple[str, int]]]:
    """Recommendations by management response and follow-up actions by status (the charts of
    the evaluations page)."""
    from ctassist.evaluations.models import Recommendation

    visible = evaluations_for(user=user)
    responses = dict(Recommendation.Response.choices)
    statuses = dict(Action.Status.choices)
    by_response = group_totals(Recommendation.objects.filter(evaluation__in=visible), "response")
    by_status = group_totals(
        Action.objects.filter(recommendation__evaluation__in=visible), "status"
    )
    return {
        "responses": [(str(responses.get(k, k)), n) for k, n in sorted(by_response.items())],
        "actions": [(str(statuses.get(k, k)), n) for k, n in sorted(by_status.items())],
    }


@dataclass(frozen=True)
class EvaluationFigures:
    """Evaluations completed in a period and the follow-up of all recommendations, for the
    periodic report (¶86–¶87)."""

    completed: int  # final report dated in the period
    recommendations: int  # of those evaluations
    implemented: int  # actions implemented, of all evaluations (the rule above)
    applicable: int  # actions that still apply, of all evaluations


def evaluation_figures(*, start: dt.date, end: dt.date) -> EvaluationFigures:
    from ctassist.evaluations.models import Recommendation

    done = Evaluation.objects.filter(final_report_on__gte=start, final_report_on__lte=end)
    actions = list(
        Action.objects.filter(recommendation__evaluation__final_report_on__lte=end).select_related(
            "recommendation"
        )
    )
    implemented, applicable = _counts(actions)
    return EvaluationFigures(
        completed=done.count(),
        recommendations=Recommendation.objects.filter(evaluation__in=done).count(),
        implemented=implemented,
        applicable=applicable,
    )
