"""Writes of the results framework: results, indicators, and their targets and actual values per
period (in total and by sex), each with its source; approval of actual values by a second
person. Every write is atomic and audited; the importer (imports.py) calls these."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ctassist.assistance.models import (
    Indicator,
    IndicatorPeriod,
    IndicatorValue,
    Project,
    Result,
)
from ctassist.core.access import Role, has_role_at_least
from ctassist.core.audit import Actor
from ctassist.core.errors import FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.services import record_create, record_update


def require_office_staff(actor: Actor) -> None:
    if actor is not None and not has_role_at_least(actor, Role.ANALYST):
        raise PermissionDenied("Only office staff record results.")


def result_create(*, actor: Actor, project: Project, level: str, title: str) -> Result:
    require_office_staff(actor)
    return record_create(
        actor=actor, instance=Result(project=project, level=level, title=title.strip())
    )


def indicator_create(
    *,
    actor: Actor,
    result: Result,
    code: str,
    title: str,
    measure: str = Indicator.Measure.UNIT,
    ascending: bool = True,
    baseline_year: int | None = None,
    baseline_value: Decimal | None = None,
    means_of_verification: str = "",
) -> Indicator:
    require_office_staff(actor)
    if Indicator.objects.filter(project_id=result.project_id, code=code.strip()).exists():
        raise InvalidInput(
            f"Project {result.project} already has an indicator {code!r}.",
            problems=[FieldProblem("code", "already used in this project")],
        )
    return record_create(
        actor=actor,
        instance=Indicator(
            result=result,
            project_id=result.project_id,
            code=code.strip(),
            title=title.strip(),
            measure=measure,
            ascending=ascending,
            baseline_year=baseline_year,
            baseline_value=baseline_value,
            means_of_verification=means_of_verification,
        ),
    )


def _value_problems(
    indicator: Indicator,
    kind: str,
    sex: str,
    value: Decimal,
    others: dict[tuple[str, str], Decimal],
) -> list[FieldProblem]:
    """Rules a value must keep with the other values of its period (`others`, by kind and sex)."""
    problems = []
    if value < 0:
        problems.append(FieldProblem("value", "cannot be negative"))
    if indicator.measure == Indicator.Measure.PERCENTAGE and value > 100:
        problems.append(FieldProblem("value", "a percentage cannot exceed 100"))
    if indicator.measure == Indicator.Measure.UNIT:
        values = {**others, (kind, sex): value}
        total = values.get((kind, IndicatorValue.Sex.TOTAL))
        parts = [
            values.get((kind, s)) for s in (IndicatorValue.Sex.FEMALE, IndicatorValue.Sex.MALE)
        ]
        known = sum((p for p in parts if p is not None), Decimal(0))
        if total is not None and known > total:
            problems.append(
                FieldProblem(
                    "value",
                    f"women and men ({known:g}) cannot exceed the total ({total:g}) "
                    f"of the {kind} for the period",
                )
            )
    return problems


def indicator_value_record(
    *,
    actor: Actor,
    indicator: Indicator,
    start: dt.date,
    end: dt.date,
    kind: str,
    value: Decimal,
    source: str,
    sex: str = IndicatorValue.Sex.TOTAL,
    evidence_url: str = "",
    expected_version: int | None = None,
    illustrative: bool = False,
) -> IndicatorValue:
    """Set the target or actual value of a period (created on first use). Changing a stored
    value needs its `expected_version` (a stale one is a conflict); a changed actual goes back
    to unapproved."""
    require_office_staff(actor)
    if end < start:
        raise InvalidInput(
            "The period ends before it starts.", problems=[FieldProblem("end", "before start")]
        )
    if not source.strip():
        raise InvalidInput(
            "Every value needs its source (e.g. court records, training register).",
            problems=[FieldProblem("source", "required")],
        )
    with transaction.atomic():
        period = IndicatorPeriod.objects.filter(
            indicator=indicator, start=start, end=end
        ).first() or record_create(
            actor=actor, instance=IndicatorPeriod(indicator=indicator, start=start, end=end)
        )
        stored = {(v.kind, v.sex): v for v in period.values.select_for_update()}
        others = {key: v.value for key, v in stored.items()}
        problems = _value_problems(indicator, kind, sex, value, others)
        if problems:
            raise InvalidInput("; ".join(p.message for p in problems), problems=problems)
        existing = stored.get((kind, sex))
        user: Any = actor if getattr(actor, "pk", None) else None
        if existing is None:
            return record_create(
                actor=actor,
                instance=IndicatorValue(
                    period=period,
                    kind=kind,
                    sex=sex,
                    value=value,
                    source=source.strip(),
                    evidence_url=evidence_url,
                    recorded_by=user,
                    illustrative=illustrative,
                ),
            )
        changes: dict[str, Any] = {
            "value": value,
            "source": source.strip(),
            "evidence_url": evidence_url,
        }
        if any(getattr(existing, name) != new for name, new in changes.items()):
            # Anything changed is a new statement: it is recorded by this person and, for an
            # actual, needs a fresh approval by someone else.
            changes.update(recorded_by=user, approved_by=None, approved_at=None)
        return record_update(
            actor=actor,
            instance=existing,
            expected_version=existing.version if expected_version is None else expected_version,
            changes=changes,
        )


def indicator_value_approve(
    *, actor: Actor, value: IndicatorValue, expected_version: int
) -> IndicatorValue:
    """Approve an actual value (four eyes: not by the person who recorded it)."""
    require_office_staff(actor)
    if value.kind != IndicatorValue.Kind.ACTUAL:
        raise InvalidInput("Only actual values are approved; targets count as set.")
    if actor is not None and value.recorded_by_id == getattr(actor, "pk", None):
        raise PermissionDenied(
            "A value is approved by someone other than the person who recorded it."
        )
    return record_update(
        actor=actor,
        instance=value,
        expected_version=expected_version,
        changes={
            "approved_by": actor if getattr(actor, "pk", None) else None,
            "approved_at": timezone.now(),
        },
        note="approved",
    )
