"""Every number of the periodic report is a Figure: a named query over the period, its value,
the text it takes in prose (with its rounding rule) and how it was computed. The document and
`ctassist report figures` read the same list, so they cannot disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Sum

from ctassist.assistance.models import (
    Activity,
    Attendance,
    OutcomeRecord,
    Participant,
    ThematicArea,
)
from ctassist.assistance.selectors import field_offices_open, indicator_progress
from ctassist.mla.selectors import mla_statistics
from ctassist.reports.editorial import more_than, number_text, per_cent


@dataclass(frozen=True)
class Figure:
    name: str
    value: int | float
    text: str
    rule: str  # "exact", "more than", "per cent"
    query: str  # how it was computed, for the annex

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "text": self.text,
            "rule": self.rule,
            "query": self.query,
        }


def _exact(name: str, value: int, query: str) -> Figure:
    return Figure(name, value, number_text(value), "exact", query)


def _more(name: str, value: int, query: str) -> Figure:
    return Figure(name, value, more_than(value), "more than", query)


def period_figures(start: dt.date, end: dt.date) -> dict[str, Figure]:
    """All figures for the period, by name, from a few aggregate queries."""
    activities = Activity.objects.filter(start__gte=start, start__lte=end)
    attended = Attendance.objects.filter(activity__in=activities)
    people = Participant.objects.filter(attendance__in=attended).distinct()
    window = f"activities starting {start.isoformat()}..{end.isoformat()}"
    figures: list[Figure] = [
        _more("activities", activities.count(), f"count of {window}"),
        _more("participants", people.count(), f"distinct participants attending {window}"),
        _exact(
            "countries",
            activities.exclude(country=None).values("country").distinct().count(),
            f"distinct countries of {window}",
        ),
    ]
    by_sex = dict(people.values_list("sex").annotate(n=Count("id")).values_list("sex", "n"))
    total = sum(by_sex.values())
    share = 100 * by_sex.get("female", 0) / total if total else 0.0
    figures.append(
        Figure(
            "women_share",
            round(share, 1),
            per_cent(share),
            "per cent",
            f"female ÷ all distinct participants attending {window}",
        )
    )
    online = activities.filter(modality__in=["online", "hybrid"]).count()
    figures.append(_exact("online_activities", online, f"online or hybrid {window}"))
    for area, n in activities.values_list("thematic_area").annotate(n=Count("id")):
        figures.append(_exact(f"activities.{area}", n, f"{window}, thematic area {area}"))
    regions = (
        activities.exclude(country__region=None)
        .values_list("country__region__name_en")
        .annotate(n=Count("id"))
    )
    for region, n in regions:
        figures.append(
            _exact(f"activities.region.{region}", n, f"{window}, UN M49 region {region}")
        )
    partners = (
        activities.values_list("partners__short_name")
        .exclude(partners=None)
        .annotate(n=Count("id", distinct=True))
    )
    for partner, n in partners:
        figures.append(
            _exact(f"activities.partner.{partner}", n, f"{window} with partner {partner}")
        )
    outcomes = (
        OutcomeRecord.objects.filter(on__gte=start, on__lte=end)
        .values_list("kind")
        .annotate(n=Sum("count"))
    )
    for kind, n in outcomes:
        figures.append(
            _exact(
                f"outcomes.{kind}",
                int(n or 0),
                f"sum of outcome records of kind {kind} dated {start}..{end}",
            )
        )
    offices = field_offices_open(start=start, end=end)
    figures.append(
        _exact(
            "field_presence",
            len({o.country_id for o in offices}),
            f"distinct countries with a field office open at some point of {start}..{end}",
        )
    )
    progress = [p for p in indicator_progress(start=start, end=end) if p.met is not None]
    figures.append(
        _exact(
            "indicators.with_target",
            len(progress),
            f"indicator periods overlapping {start}..{end} with a target and an approved actual",
        )
    )
    figures.append(
        _exact(
            "indicators.met",
            sum(1 for p in progress if p.met),
            "of those, periods whose approved actual reached the target "
            "(at or above it; at or below for a descending indicator)",
        )
    )
    cooperation = mla_statistics(date_from=start, date_to=end)
    figures.append(
        _exact(
            "mla.facilitated",
            cooperation.requests_facilitated,
            f"distinct tracked requests with a network facilitation dated {start}..{end}",
        )
    )
    for network, n in sorted(cooperation.by_network.items()):
        figures.append(
            _exact(
                f"mla.facilitated.network.{network}",
                n,
                f"of those, requests facilitated by network {network}",
            )
        )
    return {f.name: f for f in figures}


def figure_value(figures: dict[str, Figure], name: str) -> Figure:
    return figures.get(name) or _exact(name, 0, "no records in the period")


def thematic_counts(figures: dict[str, Figure]) -> list[tuple[ThematicArea, Figure]]:
    return [(area, figure_value(figures, f"activities.{area.value}")) for area in ThematicArea]


def figures_by_prefix(figures: dict[str, Figure], prefix: str) -> list[tuple[str, Figure]]:
    found = [(name[len(prefix) :], f) for name, f in figures.items() if name.startswith(prefix)]
    return sorted(found, key=lambda item: -float(item[1].value))
