"""Reads for the assistance dashboards: counts over a period with filters (no personal data),
and an activity's participants for those allowed to see them (read-logged)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from ctassist.assistance.models import Activity, Participant
from ctassist.core.access import Role, has_role_at_least, restrict_to_country_scope
from ctassist.core.audit import audit_reads
from ctassist.core.errors import NotFound


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    region: str | None = None  # M49 code
    country: str | None = None  # ISO3
    project: str | None = None  # project code


def activities_in(filters: Filters) -> QuerySet[Activity]:
    activities = Activity.objects.filter(start__gte=filters.start, start__lte=filters.end)
    if filters.region:
        activities = activities.filter(country__region__m49=filters.region)
    if filters.country:
        activities = activities.filter(country__code=filters.country)
    if filters.project:
        activities = activities.filter(project__code=filters.project)
    return activities


@dataclass(frozen=True)
class Dashboard:
    activities: int
    participants: int
    by_region: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    by_month: list[tuple[str, int]]
    by_sex: list[tuple[str, int]]
    by_agency: list[tuple[str, int]]
    recent: list[Activity]


def dashboard(filters: Filters) -> Dashboard:
    """Counts for the period and filters — aggregates only."""
    activities = activities_in(filters)
    people = Participant.objects.filter(attendance__activity__in=activities).distinct()
    kinds = dict(Activity.Kind.choices)
    sexes = dict(Participant.Sex.choices)
    agencies = dict(Participant.Agency.choices)

    def pairs(queryset: Any, labels: dict[str, Any] | None = None) -> list[tuple[str, int]]:
        rows = sorted(queryset, key=lambda r: -r[1])
        return [(str(labels.get(k, k)) if labels else str(k), n) for k, n in rows]

    months: dict[str, int] = {}
    for start in activities.values_list("start", flat=True):
        key = f"{start:%Y-%m}"
        months[key] = months.get(key, 0) + 1
    return Dashboard(
        activities=activities.count(),
        participants=people.count(),
        by_region=pairs(activities.values_list("country__region__name_en").annotate(n=Count("id"))),
        by_kind=pairs(activities.values_list("kind").annotate(n=Count("id")), kinds),
        by_month=sorted(months.items()),
        by_sex=pairs(people.values_list("sex").annotate(n=Count("id", distinct=True)), sexes),
        by_agency=pairs(
            people.values_list("agency").annotate(n=Count("id", distinct=True)), agencies
        ),
        recent=list(activities.select_related("country", "project").order_by("-start")[:20]),
    )


def activity_get(*, activity_id: int) -> Activity:
    found = (
        Activity.objects.select_related("country", "project")
        .prefetch_related("partners")
        .filter(pk=activity_id)
        .first()
    )
    if found is None:
        raise NotFound(f"No activity {activity_id}")
    return found


def participants_for(*, user: Any, activity: Activity) -> list[Participant] | None:
    """The named participants, for office staff (analyst and above) whose scope covers the
    activity's country; None for everyone else (they see counts only). Reads are logged."""
    if not has_role_at_least(user, Role.ANALYST):
        return None
    people = restrict_to_country_scope(
        Participant.objects.filter(attendance__activity=activity).select_related("country"),
        user=user,
        country_field="attendance__activity__country",
    )
    found = list(people.order_by("full_name"))
    audit_reads(actor=user, instances=found, note="activity participants")
    return found
