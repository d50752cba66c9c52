"""Reads of case records. Every function takes the acting user, applies
`core.access.restrict_to_units` (unit membership, country scope, juvenile access) and logs the
read of the personal records it returns. A case outside the user's scope is "not found"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from ctassist.cases.detention import CustodyStatus, custody_status, rules_loaded
from ctassist.cases.models import CaseFile, Charge, Evidence, Membership, Person, Unit
from ctassist.core.access import restrict_to_units, user_role
from ctassist.core.audit import audit_reads
from ctassist.core.errors import NotFound


def case_queryset_for(*, user: Any) -> QuerySet[CaseFile]:
    """The cases the user may see, not yet read (no audit entry): for lists and counts."""
    cases = CaseFile.objects.select_related("unit__country", "lead_prosecutor")
    return restrict_to_units(cases, user=user, unit_path="unit", juvenile_path="juvenile")


def case_list_for(
    *, user: Any, status: str | None = None, stage: str | None = None, query: str = ""
) -> list[CaseFile]:
    """The cases the user may see, filtered; the read of each is logged."""
    cases = case_queryset_for(user=user)
    if status:
        cases = cases.filter(status=status)
    if stage:
        cases = cases.filter(stage=stage)
    if query:
        cases = cases.filter(
            Q(title__icontains=query)
            | Q(police_ref__icontains=query)
            | Q(prosecution_ref__icontains=query)
            | Q(court_ref__icontains=query)
            | Q(persons__full_name__icontains=query)
        ).distinct()
    found: list[CaseFile] = list(cases.annotate(people=Count("persons", distinct=True)))
    audit_reads(actor=user, instances=found, note="case list")
    return found


def case_get_for(*, user: Any, case_id: int) -> CaseFile:
    """One case with everything in it, or NotFound (never "forbidden")."""
    case = (
        case_queryset_for(user=user)
        .prefetch_related(
            Prefetch(
                "persons",
                queryset=Person.objects.select_related("nationality").prefetch_related(
                    Prefetch("charges", queryset=Charge.objects.select_related("instrument"))
                ),
            ),
            "hearings",
            Prefetch("evidence", queryset=Evidence.objects.prefetch_related("transfers")),
            "instruments",
            "prosecutors",
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound(f"No case {case_id}")
    persons = list(case.persons.all())
    charges = [c for p in persons for c in p.charges.all()]
    audit_reads(
        actor=user,
        instances=[case, *persons, *charges, *case.hearings.all(), *case.evidence.all()],
        note="case page",
    )
    return case


def evidence_get_for(*, user: Any, case_id: int, evidence_id: int) -> Evidence:
    case = case_queryset_for(user=user).filter(pk=case_id).first()
    found = Evidence.objects.filter(case=case, pk=evidence_id).first() if case else None
    if found is None:
        raise NotFound(f"No evidence {evidence_id} in case {case_id}")
    audit_reads(actor=user, instances=[found], note="evidence download")
    return found


def units_for(*, user: Any) -> list[Unit]:
    """The units the user works in (admins: all)."""
    units = Unit.objects.select_related("country")
    if user_role(user).value == "admin":
        return list(units)
    return list(units.filter(memberships__user=user))


def membership_of(*, user: Any, unit: Unit) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, unit=unit).first()


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    open_cases: int
    by_stage: dict[str, int]
    in_custody: int
    overdue: list[CustodyStatus]
    reviews_due: list[CustodyStatus]
    no_rule: int
    hearings_next_14_days: int
    outcomes: dict[str, int]


def dashboard_for(*, user: Any, today: dt.date | None = None) -> Dashboard:
    """The unit head's first view: detainees held past the legal limit first, then reviews due,
    caseload and outcomes — all within the user's scope."""
    day = today or timezone.localdate()
    cases = case_queryset_for(user=user)
    open_cases = cases.filter(status=CaseFile.Status.OPEN)
    detainees = list(
        Person.objects.filter(case__in=open_cases, detention=Person.Detention.IN_CUSTODY)
        .select_related("case__unit__country")
        .order_by("custody_start")
    )
    rules = rules_loaded()
    statuses = [custody_status(p, rules=rules, today=day) for p in detainees]
    audit_reads(actor=user, instances=detainees, note="custody dashboard")
    overdue = sorted((s for s in statuses if s.overdue), key=lambda s: -s.days_past_limit)
    outcomes = dict(
        Charge.objects.filter(person__case__in=cases)
        .values_list("disposition")
        .annotate(n=Count("id"))
        .values_list("disposition", "n")
    )
    horizon = timezone.now() + dt.timedelta(days=14)
    return Dashboard(
        today=day,
        open_cases=open_cases.count(),
        by_stage=dict(
            open_cases.values_list("stage").annotate(n=Count("id")).values_list("stage", "n")
        ),
        in_custody=len(detainees),
        overdue=overdue,
        reviews_due=[s for s in statuses if s.review_due and not s.overdue],
        no_rule=sum(1 for s in statuses if s.rule is None),
        hearings_next_14_days=cases.filter(
            hearings__starts_at__gte=timezone.now(), hearings__starts_at__lte=horizon
        ).count(),
        outcomes=outcomes,
    )
