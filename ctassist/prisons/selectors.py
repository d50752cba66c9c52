"""Reads of prison records. A prisoner's records are seen by the staff of that prison (members,
in a country of their scope) and by administrators; anyone else is told "not found". Every read
of a prisoner's personal records is logged (`audit_reads`). Analysts (and the periodic report)
get figures without names: `prison_figures_for`, `population_on`, `places_in_use_on`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from ctassist.cases.selectors import case_queryset_for
from ctassist.core.access import (
    Role,
    has_role_at_least,
    restrict_to_country_scope,
    restrict_to_units,
    user_role,
)
from ctassist.core.audit import audit_reads
from ctassist.core.errors import NotFound
from ctassist.core.grouping import group_totals
from ctassist.prisons.models import (
    Assessment,
    Cell,
    Enrolment,
    HousingUnit,
    Incident,
    Instrument,
    Intervention,
    Membership,
    Prison,
    Prisoner,
    Rating,
    Stay,
)

SEARCH_LIMIT = 200
DUE_SOON_DAYS = 30


# --- prisons and staff ------------------------------------------------------------------


def prisons_for(*, user: Any) -> QuerySet[Prison]:
    """The prisons whose records the user works on."""
    if user_role(user) is Role.ADMIN:
        return Prison.objects.select_related("country").all()
    memberships = restrict_to_units(Membership.objects.all(), user=user, unit_path="prison")
    return Prison.objects.select_related("country").filter(
        pk__in=memberships.filter(user=user).values("prison")
    )


def is_staff(user: Any) -> bool:
    return prisons_for(user=user).exists()


def prison_get_for(*, user: Any, code: str) -> Prison:
    found = prisons_for(user=user).filter(code=code).first()
    if found is None:
        raise NotFound(_("No prison %(code)s") % {"code": code})
    return found


def membership_of(*, user: Any, prison: Prison) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(prison=prison, user=user).first()


def may_review(*, user: Any, prison: Prison) -> bool:
    """A supervisor of that prison (or an administrator) reviews assessments."""
    if user_role(user) is Role.ADMIN:
        return True
    member = membership_of(user=user, prison=prison)
    return member is not None and member.is_supervisor


def units_of(prison: Prison) -> list[HousingUnit]:
    return list(prison.units.prefetch_related("cells").order_by("code"))


def cells_of(prison: Prison) -> QuerySet[Cell]:
    return (
        Cell.objects.filter(unit__prison=prison)
        .select_related("unit")
        .order_by("unit__code", "code")
    )


def instruments_active() -> QuerySet[Instrument]:
    return Instrument.objects.filter(active=True).order_by("code", "-number")


def instrument_structure(instrument: Instrument) -> Instrument:
    """The instrument with its domains, items and scales loaded (one query each)."""
    return (
        Instrument.objects.prefetch_related("domains__items__scale", "scales")
        .filter(pk=instrument.pk)
        .get()
    )


def interventions_of(prison: Prison) -> QuerySet[Intervention]:
    return prison.interventions.all()


# --- prisoners (personal data) ----------------------------------------------------------


def prisoner_queryset_for(*, user: Any) -> QuerySet[Prisoner]:
    """The prisoners the user may see, not yet read (no audit entry): for lists and counts."""
    return restrict_to_units(
        Prisoner.objects.select_related("prison__country"), user=user, unit_path="prison"
    ).distinct()


def prisoner_search_for(
    *, user: Any, query: str = "", prison: Prison | None = None, limit: int = SEARCH_LIMIT
) -> list[Prisoner]:
    """Prisoners by name or number in the user's prisons (the read of each is logged)."""
    found = prisoner_queryset_for(user=user)
    if prison is not None:
        found = found.filter(prison=prison)
    text = " ".join(query.split())
    if text:
        found = found.filter(Q(full_name__icontains=text) | Q(number__icontains=text))
    prisoners = list(found.order_by("prison__code", "number")[:limit])
    audit_reads(actor=user, instances=prisoners, note="prisoner search")
    return prisoners


def prisoner_get_for(*, user: Any, prisoner_id: int) -> Prisoner:
    found = prisoner_queryset_for(user=user).filter(pk=prisoner_id).first()
    if found is None:
        raise NotFound(_("No prisoner %(id)s") % {"id": prisoner_id})
    audit_reads(actor=user, instances=[found], note="prisoner record")
    return found


@dataclass
class PrisonerFile:
    prisoner: Prisoner
    stays: list[Stay]
    assessments: list[Assessment]
    enrolments: list[Enrolment]
    incidents: list[Incident]
    case: Any = None
    changes: list[tuple[Assessment, str]] = field(default_factory=list)


def prisoner_file_for(*, user: Any, prisoner_id: int) -> PrisonerFile:
    """A prisoner with the stays, assessments (oldest last), enrolments with attendance,
    incidents, and the linked case file if the user may see it too."""
    prisoner = prisoner_get_for(user=user, prisoner_id=prisoner_id)
    stays = list(
        prisoner.stays.select_related("prison", "cell__unit").order_by("-started_on", "-id")
    )
    assessments = list(
        prisoner.assessments.select_related("instrument", "assessor", "reviewer").prefetch_related(
            "needs", "incidents"
        )
    )
    enrolments = list(
        prisoner.enrolments.select_related("intervention", "need").prefetch_related("attendance")
    )
    incidents = list(prisoner.incidents.select_related("reassessment"))
    return PrisonerFile(
        prisoner=prisoner,
        stays=stays,
        assessments=assessments,
        enrolments=enrolments,
        incidents=incidents,
        case=case_link_for(user=user, prisoner=prisoner),
        changes=level_changes(assessments),
    )


def level_changes(assessments: list[Assessment]) -> list[tuple[Assessment, str]]:
    """Approved assessments oldest first, each with the change since the one before
    ("up", "down", "same", or "" for the first)."""
    approved = sorted(
        (a for a in assessments if a.status == Assessment.Status.APPROVED),
        key=lambda a: (a.assessed_on, a.pk),
    )
    order = {"low": 0, "medium": 1, "high": 2}
    changes: list[tuple[Assessment, str]] = []
    for index, item in enumerate(approved):
        if index == 0:
            changes.append((item, ""))
            continue
        before, now = order[approved[index - 1].level], order[item.level]
        changes.append((item, "up" if now > before else "down" if now < before else "same"))
    return changes


def case_link_for(*, user: Any, prisoner: Prisoner) -> Any:
    """The prisoner's case file, only for a user who may see the case as well."""
    if prisoner.case_id is None:
        return None
    return case_queryset_for(user=user).filter(pk=prisoner.case_id).first()


def assessment_get_for(*, user: Any, assessment_id: int) -> Assessment:
    found = (
        restrict_to_units(
            Assessment.objects.select_related(
                "prisoner__prison", "instrument", "assessor", "reviewer"
            ),
            user=user,
            unit_path="prisoner__prison",
        )
        .prefetch_related(
            Prefetch("ratings", Rating.objects.select_related("item__domain", "item__scale")),
            "needs",
        )
        .filter(pk=assessment_id)
        .first()
    )
    if found is None:
        raise NotFound(_("No assessment %(id)s") % {"id": assessment_id})
    audit_reads(actor=user, instances=[found.prisoner, found], note="assessment")
    return found


def prisoner_assessments_for(*, user: Any, prisoner_id: int) -> list[Assessment]:
    prisoner = prisoner_get_for(user=user, prisoner_id=prisoner_id)
    found = list(prisoner.assessments.select_related("instrument").prefetch_related("needs"))
    audit_reads(actor=user, instances=found, note="assessments")
    return found


# --- population and places (figures, no names) ------------------------------------------


def stays_on(day: dt.date) -> QuerySet[Stay]:
    """Stays under way on `day` (a stay that ended that day has given way to the next)."""
    return Stay.objects.filter(started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


def population_on(*, prisons: QuerySet[Prison] | list[Prison], day: dt.date) -> dict[int, int]:
    """Prisoners held on `day`, by prison id."""
    return group_totals(stays_on(day).filter(prison__in=prisons), "prison_id")


def places_in_use_on(
    *, prisons: QuerySet[Prison] | list[Prison], day: dt.date
) -> dict[str, dict[str, int]]:
    """Places in use and places in all on `day`, by the security level of the unit."""
    used = group_totals(
        stays_on(day).filter(prison__in=prisons, cell__isnull=False), "cell__unit__security_level"
    )
    places = group_totals(
        Cell.objects.filter(unit__prison__in=prisons),
        "unit__security_level",
        total=Sum("capacity"),
    )
    return {
        level: {"in_use": used.get(level, 0), "places": places.get(level, 0)}
        for level in ("high", "medium", "low")
    }


def cell_occupancy_on(*, prison: Prison, day: dt.date) -> dict[int, int]:
    return group_totals(stays_on(day).filter(prison=prison, cell__isnull=False), "cell_id")


@dataclass
class Dashboard:
    prison: Prison
    population: int
    awaiting_housing: int
    places: dict[str, dict[str, int]]
    overdue: list[Prisoner]
    due_soon: list[Prisoner]
    to_review: list[Assessment]
    returned: list[Assessment]
    incidents_open: list[Incident]
    units: list[HousingUnit]


def dashboard_for(*, user: Any, code: str, today: dt.date) -> Dashboard:
    """The prison head's view: population and places, reviews overdue and due soon,
    assessments awaiting a supervisor, incidents not yet reassessed, each unit's occupancy."""
    prison = prison_get_for(user=user, code=code)
    held = prisoner_queryset_for(user=user).filter(prison=prison, released_on__isnull=True)
    overdue = list(held.filter(review_due__lt=today).order_by("review_due", "number"))
    due_soon = list(
        held.filter(
            review_due__gte=today, review_due__lte=today + dt.timedelta(days=DUE_SOON_DAYS)
        ).order_by("review_due", "number")
    )
    assessments = Assessment.objects.filter(prisoner__prison=prison).select_related(
        "prisoner", "assessor"
    )
    to_review = list(assessments.filter(status=Assessment.Status.SUBMITTED).order_by("assessed_on"))
    returned = list(assessments.filter(status=Assessment.Status.RETURNED).order_by("assessed_on"))
    incidents = list(
        Incident.objects.filter(prisoner__prison=prison, reassessment__isnull=True)
        .select_related("prisoner")
        .order_by("occurred_on")
    )
    audit_reads(
        actor=user,
        instances=[*overdue, *due_soon, *[a.prisoner for a in (*to_review, *returned)]],
        note="prison dashboard",
    )
    units = units_of(prison)
    occupied = cell_occupancy_on(prison=prison, day=today)
    for unit in units:
        cells = list(unit.cells.all())
        unit.places = sum(c.capacity for c in cells)  # type: ignore[attr-defined]
        unit.in_use = sum(occupied.get(c.pk, 0) for c in cells)  # type: ignore[attr-defined]
    today_stays = stays_on(today).filter(prison=prison)
    return Dashboard(
        prison=prison,
        population=today_stays.count(),
        awaiting_housing=today_stays.filter(cell__isnull=True).count(),
        places=places_in_use_on(prisons=[prison], day=today),
        overdue=overdue,
        due_soon=due_soon,
        to_review=to_review,
        returned=returned,
        incidents_open=incidents,
        units=units,
    )


def prisons_with_population(*, user: Any, day: dt.date) -> list[Prison]:
    prisons = list(prisons_for(user=user))
    counts = population_on(prisons=prisons, day=day)
    for prison in prisons:
        prison.population = counts.get(prison.pk, 0)  # type: ignore[attr-defined]
    return prisons


# --- figures for analysts and the report -------------------------------------------------


def figures_prisons_for(*, user: Any) -> QuerySet[Prison]:
    """Prisons whose figures (never names) the user may see: analysts and above in their
    country scope; staff their own prisons."""
    if has_role_at_least(user, Role.ANALYST):
        return restrict_to_country_scope(Prison.objects.all(), user=user, country_field="country")
    return prisons_for(user=user)


@dataclass
class PrisonFigures:
    prisons: int
    population: int
    assessments_by_level: dict[str, int]
    places_by_level: dict[str, dict[str, int]]
    interventions_completed: dict[str, int]
    overdue_reviews: int


def prison_figures_for(*, user: Any, start: dt.date, end: dt.date) -> PrisonFigures:
    """The report's figures: assessments approved in the period by level, places in use by
    security level on the last day, interventions completed in the period by kind. Counts
    only: no name leaves this function."""
    prisons = figures_prisons_for(user=user)
    approved = Assessment.objects.filter(
        prisoner__prison__in=prisons,
        status=Assessment.Status.APPROVED,
        assessed_on__gte=start,
        assessed_on__lte=end,
    )
    completed = Enrolment.objects.filter(
        prisoner__prison__in=prisons,
        outcome=Enrolment.Outcome.COMPLETED,
        ended_on__gte=start,
        ended_on__lte=end,
    )
    return PrisonFigures(
        prisons=prisons.count(),
        population=sum(population_on(prisons=prisons, day=end).values()),
        assessments_by_level=group_totals(approved, "level"),
        places_by_level=places_in_use_on(prisons=prisons, day=end),
        interventions_completed=group_totals(completed, "intervention__kind"),
        overdue_reviews=Prisoner.objects.filter(
            prison__in=prisons, released_on__isnull=True, review_due__lt=end
        ).count(),
    )


def state_prisons_for(*, user: Any, country_code: str, day: dt.date) -> list[Prison] | None:
    """For the State page: that State's prisons the user may see figures of, with population
    and places in use; None when there are none."""
    prisons = list(figures_prisons_for(user=user).filter(country__code=country_code))
    if not prisons:
        return None
    counts = population_on(prisons=prisons, day=day)
    used = group_totals(stays_on(day).filter(prison__in=prisons, cell__isnull=False), "prison_id")
    places = group_totals(
        Cell.objects.filter(unit__prison__in=prisons), "unit__prison_id", total=Sum("capacity")
    )
    for prison in prisons:
        prison.population = counts.get(prison.pk, 0)  # type: ignore[attr-defined]
        prison.in_use = used.get(prison.pk, 0)  # type: ignore[attr-defined]
        prison.places = places.get(prison.pk, 0)  # type: ignore[attr-defined]
    return prisons


def instrument_current() -> Instrument:
    """The instrument version in use (the newest active one)."""
    found = instruments_active().first()
    if found is None:
        raise NotFound(_("No assessment instrument is configured."))
    return instrument_structure(found)


def incident_open(*, prisoner: Prisoner) -> Incident | None:
    """The earliest incident of the prisoner not yet followed by a reassessment."""
    return prisoner.incidents.filter(reassessment__isnull=True).order_by("occurred_on").first()


def enrolment_get_for(*, user: Any, enrolment_id: int) -> Enrolment:
    found = (
        restrict_to_units(
            Enrolment.objects.select_related("prisoner__prison", "intervention"),
            user=user,
            unit_path="prisoner__prison",
        )
        .filter(pk=enrolment_id)
        .first()
    )
    if found is None:
        raise NotFound(_("No enrolment %(id)s") % {"id": enrolment_id})
    audit_reads(actor=user, instances=[found], note="enrolment")
    return found


@dataclass
class OfficePrisonFigures:
    """The prisons supported, across every country, counts only (the periodic report)."""

    prisons: int
    assessments_by_level: dict[str, int]  # approved in the period
    places_by_level: dict[str, int]  # places on the period's last day
    interventions_completed: int  # in the period


def prison_figures_office(*, start: dt.date, end: dt.date) -> OfficePrisonFigures:
    """Assessments approved in the period by level, places by security level on its last day
    and interventions completed in it, for every prison; no name leaves this function."""
    prisons = Prison.objects.all()
    approved = Assessment.objects.filter(
        status=Assessment.Status.APPROVED, assessed_on__gte=start, assessed_on__lte=end
    )
    completed = Enrolment.objects.filter(
        outcome=Enrolment.Outcome.COMPLETED, ended_on__gte=start, ended_on__lte=end
    )
    places = places_in_use_on(prisons=prisons, day=end)
    return OfficePrisonFigures(
        prisons=prisons.count(),
        assessments_by_level=group_totals(approved, "level"),
        places_by_level={level: row.get("places", 0) for level, row in places.items()},
        interventions_completed=completed.count(),
    )
