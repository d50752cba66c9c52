"""Reads for the assistance dashboards: counts over a period with filters (no personal data),
and an activity's participants for those allowed to see them (read-logged)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

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
)
from ctassist.assistance.models import ThematicArea as ThematicArea
from ctassist.core.access import Role, has_role_at_least, restrict_to_country_scope
from ctassist.core.audit import audit_reads
from ctassist.core.errors import NotFound
from ctassist.core.grouping import group_totals
from ctassist.geo.models import Region, State


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


def participants_of(activities: QuerySet[Activity]) -> QuerySet[Participant]:
    """The people who attended any of `activities`, each once (a subquery, not a join: no
    repeated rows to count)."""
    attended = Attendance.objects.filter(activity__in=activities).values("participant")
    return Participant.objects.filter(pk__in=attended)


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
    """Counts for the period and filters — aggregates only, one row per group."""
    activities = activities_in(filters)
    people = participants_of(activities)
    kinds = dict(Activity.Kind.choices)
    sexes = dict(Participant.Sex.choices)
    agencies = dict(Participant.Agency.choices)

    def pairs(totals: dict[Any, int], labels: dict[Any, Any]) -> list[tuple[str, int]]:
        rows = sorted(totals.items(), key=lambda r: -r[1])
        return [(str(labels.get(k, k)), n) for k, n in rows]

    months: dict[str, int] = {}
    for start in activities.values_list("start", flat=True):
        key = f"{start:%Y-%m}"
        months[key] = months.get(key, 0) + 1
    return Dashboard(
        activities=activities.count(),
        participants=people.count(),
        by_region=pairs(
            group_totals(activities, "country__region__m49"),
            {r.m49: r.name for r in Region.objects.filter(level=Region.Level.REGION)},
        ),
        by_kind=pairs(group_totals(activities, "kind"), kinds),
        by_month=sorted(months.items()),
        by_sex=pairs(group_totals(people, "sex"), sexes),
        by_agency=pairs(group_totals(people, "agency"), agencies),
        recent=list(activities.select_related("country", "project").order_by("-start")[:20]),
    )


OutcomeKind = OutcomeRecord.Kind


@dataclass(frozen=True)
class PeriodCounts:
    """What the periodic report counts of the programme over a period (activities starting in
    it; outcome records dated in it), by the codes it names figures after."""

    activities: int
    participants: int  # distinct people attending those activities
    countries: int  # distinct countries of those activities
    participants_by_sex: dict[str, int]
    online_activities: int  # online or hybrid
    by_thematic_area: dict[str, int]
    by_region: dict[tuple[str, str], int]  # (English name, M49 code) of the UN region
    by_partner: dict[str, int]  # by the partner's short name (its name when it has none)
    outcomes: dict[str, int]  # outcome kind: sum of the records' counts


def period_counts(*, start: dt.date, end: dt.date) -> PeriodCounts:
    activities = activities_in(Filters(start=start, end=end))
    people = participants_of(activities)
    by_partner_id = group_totals(activities.exclude(partners=None), "partners")
    partners = Organisation.objects.filter(pk__in=by_partner_id)
    return PeriodCounts(
        activities=activities.count(),
        participants=people.count(),
        countries=len(group_totals(activities.exclude(country=None), "country")),
        participants_by_sex=group_totals(people, "sex"),
        online_activities=activities.filter(
            modality__in=[Activity.Modality.ONLINE, Activity.Modality.HYBRID]
        ).count(),
        by_thematic_area=group_totals(activities, "thematic_area"),
        by_region=group_totals(
            activities.exclude(country__region=None),
            "country__region__name_en",
            "country__region__m49",
        ),
        by_partner={str(p): by_partner_id[p.pk] for p in partners},
        outcomes=group_totals(
            OutcomeRecord.objects.filter(on__gte=start, on__lte=end), "kind", total=Sum("count")
        ),
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


@dataclass(frozen=True)
class IndicatorProgress:
    """One indicator in one period: baseline, target and approved actual (total, women, men)."""

    indicator: Indicator
    start: dt.date
    end: dt.date
    target: Decimal | None
    actual: Decimal | None
    actual_female: Decimal | None
    actual_male: Decimal | None
    pending: int  # actual values recorded but not yet approved
    source: str

    @property
    def achieved_pct(self) -> int | None:
        """Actual as a share of the target (for a descending indicator, target over actual)."""
        if self.target is None or self.actual is None:
            return None
        ratio = (
            (self.actual / self.target if self.target else None)
            if self.indicator.ascending
            else (self.target / self.actual if self.actual else Decimal(1))
        )
        return None if ratio is None else int((100 * ratio).quantize(Decimal(1), ROUND_HALF_UP))

    @property
    def met(self) -> bool | None:
        if self.target is None or self.actual is None:
            return None
        if self.indicator.ascending:
            return self.actual >= self.target
        return self.actual <= self.target


def indicator_progress(
    *, start: dt.date, end: dt.date, project: str | None = None
) -> list[IndicatorProgress]:
    """Every indicator period overlapping [start, end], with only approved actual values
    counted (targets count as set). Aggregates of programme data: no personal records."""
    periods = (
        IndicatorPeriod.objects.filter(start__lte=end, end__gte=start)
        .select_related("indicator__result", "indicator__project")
        .prefetch_related("values")
        .order_by("indicator__project__code", "indicator__code", "start")
    )
    if project:
        periods = periods.filter(indicator__project__code=project)
    rows = []
    for period in periods:
        values = {(v.kind, v.sex): v for v in period.values.all()}

        def approved(sex: str, values: dict[tuple[str, str], IndicatorValue] = values) -> Any:
            found = values.get((IndicatorValue.Kind.ACTUAL, sex))
            return found.value if found is not None and found.approved else None

        target = values.get((IndicatorValue.Kind.TARGET, IndicatorValue.Sex.TOTAL))
        actual = values.get((IndicatorValue.Kind.ACTUAL, IndicatorValue.Sex.TOTAL))
        rows.append(
            IndicatorProgress(
                indicator=period.indicator,
                start=period.start,
                end=period.end,
                target=target.value if target else None,
                actual=approved(IndicatorValue.Sex.TOTAL),
                actual_female=approved(IndicatorValue.Sex.FEMALE),
                actual_male=approved(IndicatorValue.Sex.MALE),
                pending=sum(
                    1
                    for (kind, _sex), v in values.items()
                    if kind == IndicatorValue.Kind.ACTUAL and not v.approved
                ),
                source=actual.source if actual else "",
            )
        )
    return rows


def field_offices_open(*, start: dt.date, end: dt.date) -> list[FieldOffice]:
    """Field offices open at some point of the period."""
    return list(
        FieldOffice.objects.filter(opened__lte=end)
        .filter(Q(closed__isnull=True) | Q(closed__gte=start))
        .select_related("country")
    )


def values_awaiting_approval(
    *, user: Any, start: dt.date, end: dt.date, project: str | None = None
) -> list[IndicatorValue]:
    """Actual values recorded in periods overlapping [start, end] and not yet approved — for
    office staff, who approve them (never their own)."""
    if not has_role_at_least(user, Role.ANALYST):
        return []
    values = IndicatorValue.objects.filter(
        kind=IndicatorValue.Kind.ACTUAL,
        approved_at__isnull=True,
        period__start__lte=end,
        period__end__gte=start,
    ).select_related("period__indicator__project", "recorded_by")
    if project:
        values = values.filter(period__indicator__project__code=project)
    return list(values.order_by("period__indicator__project__code", "period__indicator__code"))


def indicator_value_get(*, user: Any, value_id: int) -> IndicatorValue:
    found = (
        IndicatorValue.objects.select_related("period__indicator").filter(pk=value_id).first()
        if has_role_at_least(user, Role.ANALYST)
        else None
    )
    if found is None:
        raise NotFound(f"No indicator value {value_id}")
    return found


def activity_countries() -> list[State]:
    """Countries where at least one activity took place (the dashboard's country filter)."""
    return list(State.objects.filter(pk__in=Activity.objects.values("country")).order_by("name_en"))


# --- the periodic report's narrative ------------------------------------------------------


@dataclass(frozen=True)
class ActivityFacts:
    """One activity as the periodic report's narrative needs it: no personal data, only
    counts of the people who attended."""

    pk: int
    title: str
    kind: str
    modality: str
    start: dt.date
    country_id: int | None
    thematic_area: str
    gender_marker: int
    partners: tuple[str, ...]  # the partners' names, sorted
    participants: int  # distinct people who attended
    women: int
    first_of_kind: bool  # no activity of this kind in this country started before it


def activity_facts(*, start: dt.date, end: dt.date) -> list[ActivityFacts]:
    """The activities starting in the period, in date order, in four queries whatever their
    number (the benchmark reads 10,000)."""
    from django.db.models import Count

    activities = list(
        activities_in(Filters(start=start, end=end))
        .annotate(
            people=Count("attendance", distinct=True),
            women=Count(
                "attendance", distinct=True, filter=Q(attendance__participant__sex="female")
            ),
        )
        .values_list(
            "pk",
            "title",
            "kind",
            "modality",
            "start",
            "country_id",
            "thematic_area",
            "gender_marker",
            "people",
            "women",
        )
        .order_by("start", "pk")
    )
    partners: dict[int, list[str]] = {}
    through = Activity.partners.through.objects.filter(
        activity__start__gte=start, activity__start__lte=end
    ).values_list("activity_id", "organisation__name")
    for activity_id, name in through:
        partners.setdefault(activity_id, []).append(name)
    # The first activity of each kind in each country, up to the period's end (the earliest
    # start of each pair, read in date order: no grouped query outside core.grouping).
    first: dict[tuple[int, str], dt.date] = {}
    earlier = (
        Activity.objects.filter(start__lte=end)
        .exclude(country=None)
        .values_list("country_id", "kind", "start")
        .order_by("start")
    )
    for country, kind, day in earlier.iterator(chunk_size=5000):
        first.setdefault((country, kind), day)
    return [
        ActivityFacts(
            pk=pk,
            title=title,
            kind=kind,
            modality=modality,
            start=day,
            country_id=country,
            thematic_area=area,
            gender_marker=marker,
            partners=tuple(sorted(partners.get(pk, []))),
            participants=people,
            women=women,
            first_of_kind=country is not None and first.get((country, kind)) == day,
        )
        for pk, title, kind, modality, day, country, area, marker, people, women in activities
    ]


@dataclass(frozen=True)
class OutcomeFacts:
    kind: str
    country_id: int
    count: int  # the records' counts added up
    sources: tuple[str, ...]


def outcome_facts(*, start: dt.date, end: dt.date) -> list[OutcomeFacts]:
    """Outcome records dated in the period, added up by kind and country, with their sources."""
    found: dict[tuple[str, int], tuple[int, set[str]]] = {}
    rows = OutcomeRecord.objects.filter(on__gte=start, on__lte=end).values_list(
        "kind", "country_id", "count", "source"
    )
    for kind, country, count, source in rows:
        total, sources = found.get((kind, country), (0, set()))
        sources.add(source)
        found[(kind, country)] = (total + count, sources)
    return [
        OutcomeFacts(kind, country, total, tuple(sorted(sources)))
        for (kind, country), (total, sources) in sorted(found.items())
    ]


def activity_countries_in(*, start: dt.date, end: dt.date) -> dict[State, int]:
    """Activities starting in the period by their country (the report maps countries to the
    office's regions)."""
    counts = group_totals(
        activities_in(Filters(start=start, end=end)).exclude(country=None), "country"
    )
    states = State.objects.select_related("region", "subregion", "intermediate_region")
    return {state: counts[state.pk] for state in states.filter(pk__in=counts)}
