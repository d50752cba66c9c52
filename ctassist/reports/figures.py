"""Every number of the periodic report is a Figure: a named query over the period, its value,
the text it takes in prose (with its rounding rule) and how it was computed. The document and
`ctassist report figures` read the same list, so they cannot disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _

from ctassist.assistance.selectors import (
    OutcomeKind,
    ThematicArea,
    field_offices_open,
    indicator_progress,
    period_counts,
)
from ctassist.geo.models import Region
from ctassist.mla.selectors import mla_statistics
from ctassist.reports.editorial import more_than, number_text, per_cent
from ctassist.treaties.paragraph import long_date


@dataclass(frozen=True)
class Figure:
    name: str
    value: int | float
    text: str
    rule: str  # "exact", "more than", "per cent"
    query: str  # how it was computed, technically (the CLI's JSON)
    label: str = ""  # what it counts, for a reader of the annex ("Activities in Africa")
    explanation: str = ""  # how it was computed, as a sentence in the report's language
    subject: str = ""  # the region, partner, network or kind it is about, by name
    subject_code: str = ""  # its code, where it has one (a region's M49 code)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "text": self.text,
            "rule": self.rule,
            "query": self.query,
        }


def _exact(
    name: str, value: int, query: str, label: str = "", explanation: str = "", subject: str = ""
) -> Figure:
    return Figure(name, value, number_text(value), "exact", query, label, explanation, subject)


def _more(name: str, value: int, query: str, label: str = "", explanation: str = "") -> Figure:
    return Figure(name, value, more_than(value), "more than", query, label, explanation)


def period_figures(start: dt.date, end: dt.date) -> dict[str, Figure]:
    """All figures for the period, by name, from a few aggregate queries; labels and
    explanations in the active language (call inside translation.override)."""
    from ctassist.mla.selectors import network_names

    counts = period_counts(start=start, end=end)
    window = f"activities starting {start.isoformat()}..{end.isoformat()}"
    period = {"start": long_date(start), "end": long_date(end)}
    started = _("Activities that started between %(start)s and %(end)s") % period
    figures: list[Figure] = [
        _more(
            "activities",
            counts.activities,
            f"count of {window}",
            _("Activities"),
            _("%(activities)s, each counted once.") % {"activities": started},
        ),
        _more(
            "participants",
            counts.participants,
            f"distinct participants attending {window}",
            _("Participants"),
            _(
                "People who attended the activities that started between %(start)s and %(end)s, "
                "each counted once however many activities they attended."
            )
            % period,
        ),
        _exact(
            "countries",
            counts.countries,
            f"distinct countries of {window}",
            _("Countries of the activities"),
            _(
                "Countries where the activities that started between %(start)s and %(end)s took "
                "place, each counted once."
            )
            % period,
        ),
    ]
    by_sex = counts.participants_by_sex
    total = sum(by_sex.values())
    share = 100 * by_sex.get("female", 0) / total if total else 0.0
    figures.append(
        Figure(
            "women_share",
            round(share, 1),
            per_cent(share),
            "per cent",
            f"female ÷ all distinct participants attending {window}",
            _("Share of women among participants"),
            _("Women among the participants counted above, as a share of all of them.") % period,
        )
    )
    online = counts.online_activities
    figures.append(
        _exact(
            "online_activities",
            online,
            f"online or hybrid {window}",
            _("Activities online or in hybrid form"),
            _("%(activities)s and held online or partly online.") % {"activities": started},
        )
    )
    areas = dict(ThematicArea.choices)
    for area, n in counts.by_thematic_area.items():
        name = str(areas.get(area, area))
        figures.append(
            _exact(
                f"activities.{area}",
                n,
                f"{window}, thematic area {area}",
                _("Activities: %(area)s") % {"area": name},
                _("%(activities)s, in the thematic area “%(area)s”.")
                % {"activities": started, "area": name},
                name,
            )
        )
    region_names = {r.m49: r.name for r in Region.objects.filter(level=Region.Level.REGION)}
    for (region, m49), n in counts.by_region.items():
        name = str(region_names.get(m49, region))
        figures.append(
            _exact(
                f"activities.region.{region}",
                n,
                f"{window}, UN M49 region {region}",
                _("Activities in %(region)s") % {"region": name},
                _("%(activities)s, in a country of %(region)s (UN M49 regions).")
                % {"activities": started, "region": name},
                name,
            )
        )
        figures[-1] = replace(figures[-1], subject_code=m49)
    for partner, n in counts.by_partner.items():
        figures.append(
            _exact(
                f"activities.partner.{partner}",
                n,
                f"{window} with partner {partner}",
                _("Activities with %(partner)s") % {"partner": partner},
                _("%(activities)s, delivered with %(partner)s.")
                % {"activities": started, "partner": partner},
                partner,
            )
        )
    kinds = dict(OutcomeKind.choices)
    for kind, n in counts.outcomes.items():
        name = str(kinds.get(kind, kind))
        figures.append(
            _exact(
                f"outcomes.{kind}",
                n,
                f"sum of outcome records of kind {kind} dated {start}..{end}",
                _("Results: %(kind)s") % {"kind": name},
                _(
                    "Results of the kind “%(kind)s” recorded between %(start)s and %(end)s, added "
                    "up."
                )
                % {**period, "kind": name},
                name,
            )
        )
    offices = field_offices_open(start=start, end=end)
    figures.append(
        _exact(
            "field_presence",
            len({o.country_id for o in offices}),
            f"distinct countries with a field office open at some point of {start}..{end}",
            _("Countries with a field office"),
            _("Countries with a field office open at some time between %(start)s and %(end)s.")
            % period,
        )
    )
    progress = [p for p in indicator_progress(start=start, end=end) if p.met is not None]
    figures.append(
        _exact(
            "indicators.with_target",
            len(progress),
            f"indicator periods overlapping {start}..{end} with a target and an approved actual",
            _("Indicators with a target and an approved result"),
            _(
                "Indicator periods overlapping %(start)s to %(end)s that have a target and an "
                "approved actual value."
            )
            % period,
        )
    )
    figures.append(
        _exact(
            "indicators.met",
            sum(1 for p in progress if p.met),
            "of those, periods whose approved actual reached the target "
            "(at or above it; at or below for a descending indicator)",
            _("Indicators that met their target"),
            _(
                "Of those, the periods whose approved actual value reached the target (at or "
                "above it, or at or below it for an indicator meant to fall)."
            ),
        )
    )
    cooperation = mla_statistics(date_from=start, date_to=end)
    figures.append(
        _exact(
            "mla.facilitated",
            cooperation.requests_facilitated,
            f"distinct tracked requests with a network facilitation dated {start}..{end}",
            _("Requests facilitated by the networks"),
            _(
                "Requests for mutual legal assistance that a network helped between %(start)s "
                "and %(end)s, each counted once."
            )
            % period,
        )
    )
    names = network_names()
    for network, n in sorted(cooperation.by_network.items()):
        name = names.get(network, network)
        figures.append(
            _exact(
                f"mla.facilitated.network.{network}",
                n,
                f"of those, requests facilitated by network {network}",
                _("Requests facilitated by %(network)s") % {"network": name},
                _("Of those, the requests %(network)s helped.") % {"network": name},
                name,
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
