"""Legal time limits for detention: the registry of rules per country and stage (closest match
wins) and what they mean for one detainee on a day — the limit date, the next review and whether
the person is held past the limit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ctassist.cases.models import DetentionRule, Person


@dataclass(frozen=True)
class RuleView:
    country: str | None
    stage: str
    juvenile: bool
    max_days: int
    review_every_days: int | None
    source: str
    illustrative: bool


def rule_for(
    rules: Iterable[RuleView], *, country: str, stage: str, child: bool = False
) -> RuleView | None:
    """The closest registered rule: (country, stage), then (country, any stage), then
    (default, stage), then (default, any stage). For a child, the children's rules of the
    country come before its general ones (the juvenile-justice law is the special law), and the
    default children's rules before the general defaults. An adult is never held to a children's
    rule. None when nothing is registered."""
    order: list[tuple[str | None, str, bool]] = []
    for where in (country, None):
        if child:
            order += [(where, stage, True), (where, "", True)]
        order += [(where, stage, False), (where, "", False)]
    ranked = {key: rank for rank, key in enumerate(order)}
    best: tuple[int, RuleView] | None = None
    for rule in rules:
        rank = ranked.get((rule.country, rule.stage, rule.juvenile))
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, rule)
    return best[1] if best else None


def rules_loaded() -> list[RuleView]:
    return [
        RuleView(
            r.country.code if r.country else None,
            r.stage,
            r.juvenile,
            r.max_days,
            r.review_every_days,
            r.source,
            r.illustrative,
        )
        for r in DetentionRule.objects.select_related("country")
    ]


@dataclass(frozen=True)
class CustodyStatus:
    person: Person
    rule: RuleView | None
    days_held: int
    limit_date: dt.date | None
    next_review: dt.date | None
    overdue: bool
    review_due: bool
    days_past_limit: int
    review_overdue: bool = False  # the review date has passed without a review recorded


def custody_status(person: Person, *, rules: list[RuleView], today: dt.date) -> CustodyStatus:
    """Where a detainee stands on `today` against the rule for the case's country and stage.
    Without a registered rule nothing is claimed: no limit date, never overdue."""
    start = person.custody_start or today
    rule = rule_for(
        rules,
        country=person.case.unit.country.code,
        stage=person.case.stage,
        child=person.is_child,
    )
    days_held = (today - start).days
    limit_date = start + dt.timedelta(days=rule.max_days) if rule else None
    next_review = None
    if rule and rule.review_every_days:
        since = person.last_review or start
        next_review = since + dt.timedelta(days=rule.review_every_days)
    return CustodyStatus(
        person=person,
        rule=rule,
        days_held=days_held,
        limit_date=limit_date,
        next_review=next_review,
        overdue=limit_date is not None and today > limit_date,
        review_due=next_review is not None and today >= next_review,
        days_past_limit=max(0, (today - limit_date).days) if limit_date else 0,
        review_overdue=next_review is not None and today > next_review,
    )
