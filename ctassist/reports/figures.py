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
from ctassist.mla.selectors import mla_statistics
from ctassist.reports.editorial import more_than, number_text, per_cent
from ctassist.reports.regions import mapping_path, office_region, state_regions
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
    for key, n in sorted(office_region_counts(start=start, end=end).items()):
        region = office_region(key)
        figures.append(
            _exact(
                f"activities.region.{key}",
                n,
                f"{window}, office region {key} (mapping {mapping_path().name})",
                _("Activities in %(region)s") % {"region": region.heading},
                _("%(activities)s, in a country of %(region)s (the office's regions).")
                % {"activities": started, "region": region.heading},
                region.heading,
            )
        )
        figures[-1] = replace(figures[-1], subject_code=key)
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
    figures += module_figures(start, end, period)
    return {f.name: f for f in figures}


def office_region_counts(*, start: dt.date, end: dt.date) -> dict[str, int]:
    """Activities starting in the period by the office's region of their country."""
    from collections import Counter

    from ctassist.assistance.selectors import activity_countries_in

    by_state = activity_countries_in(start=start, end=end)
    regions = state_regions(list(by_state))
    found: Counter[str] = Counter()
    for state, n in by_state.items():
        if state.pk in regions:
            found[regions[state.pk]] += n
    return dict(found)


def module_figures(start: dt.date, end: dt.date, period: dict[str, str]) -> list[Figure]:
    """The other modules' figures: the library's holdings, case monitoring, prisons and
    evaluations. A module without records (the library) or without records in the period (the
    others) gives no figure, and the report says nothing of it."""
    from ctassist.cases.selectors import case_figures_office
    from ctassist.evaluations.selectors import evaluation_figures
    from ctassist.library.selectors import library_holdings
    from ctassist.prisons.selectors import prison_figures_office

    found: list[Figure] = []
    holdings = library_holdings()
    types = {
        "legislation": (_("Pieces of legislation in the library"), _("legislation")),
        "case": (_("Court decisions in the library"), _("court decisions")),
        "strategy": (_("Strategies and action plans in the library"), _("strategies")),
    }
    for kind, (label, noun) in types.items():
        works = holdings.by_type.get(kind, 0)
        if not works:
            continue
        found.append(
            _more(
                f"library.{kind}",
                works,
                f"published library records of type {kind}, a work counted once",
                label,
                _(
                    "Published records of the library (%(kind)s), each work counted once "
                    "whatever its language versions; the holdings on the day the report is "
                    "written."
                )
                % {"kind": noun},
            )
        )
        found.append(
            _more(
                f"library.{kind}.countries",
                holdings.countries_by_type.get(kind, 0),
                f"distinct countries of published library records of type {kind}",
                _("Countries those %(kind)s come from") % {"kind": noun},
                _("Countries of the published records counted above, each counted once."),
            )
        )
    cases = case_figures_office(start=start, end=end)
    outcomes = dict(cases.accused_with_outcome)
    outcomes.pop("pending", None)
    case_rows = [
        (
            "cases.opened",
            cases.cases_opened,
            _("Terrorism case files opened by the units supported"),
            _("Case files opened between %(start)s and %(end)s by the units using the platform."),
        ),
        (
            "cases.convicted",
            outcomes.get("convicted", 0),
            _("Charges ending in a conviction"),
            _("Charges disposed of by a conviction between %(start)s and %(end)s."),
        ),
        (
            "cases.acquitted",
            outcomes.get("acquitted", 0),
            _("Charges ending in an acquittal"),
            _("Charges disposed of by an acquittal between %(start)s and %(end)s."),
        ),
        (
            "cases.reviewed",
            cases.files_reviewed,
            _("Case files reviewed"),
            _("Case files whose review was recorded between %(start)s and %(end)s."),
        ),
    ]
    if any(value for _name, value, _label, _why in case_rows):
        found += [
            _exact(name, value, f"case monitoring, every unit, {start}..{end}", label, why % period)
            for name, value, label, why in case_rows
        ]
    prisons = prison_figures_office(start=start, end=end)
    assessed = sum(prisons.assessments_by_level.values())
    if assessed or prisons.interventions_completed:
        found += [
            _exact(
                "prisons.assessed",
                assessed,
                f"risk and needs assessments approved {start}..{end}",
                _("Risk and needs assessments approved"),
                _("Assessments of prisoners approved between %(start)s and %(end)s.") % period,
            ),
            _exact(
                "prisons.high_risk",
                prisons.assessments_by_level.get("high", 0),
                f"of those, assessments at level high {start}..{end}",
                _("Of those, prisoners assessed as high-risk"),
                _("Of those assessments, the ones classifying the prisoner as high-risk."),
            ),
            _exact(
                "prisons.places.high",
                prisons.places_by_level.get("high", 0),
                f"places in high-security units on {end}",
                _("Places in high-security units"),
                _("Places in the high-security units of the prisons supported, on %(end)s.")
                % period,
            ),
            _exact(
                "prisons.prisons",
                prisons.prisons,
                "prisons supported",
                _("Prisons supported"),
                _("Prisons whose administration uses the platform."),
            ),
            _exact(
                "prisons.interventions",
                prisons.interventions_completed,
                f"rehabilitation interventions completed {start}..{end}",
                _("Rehabilitation interventions completed"),
                _("Interventions that prisoners completed between %(start)s and %(end)s.") % period,
            ),
        ]
    from ctassist.learning.selectors import learning_statistics

    learning = learning_statistics(start=start, end=end)
    # Courses merely on offer are no activity: the platform is reported when people joined,
    # enrolled, attended or completed in the period.
    if (
        learning.users
        or learning.course_participants
        or learning.webinars
        or learning.practitioners_trained
    ):
        rows = (
            (
                "users",
                learning.users,
                _("Users of the learning platform"),
                _("Practitioner accounts of the learning platform approved in the period."),
            ),
            (
                "countries",
                learning.countries,
                _("Countries of the learning platform's users"),
                _("Countries of those users, each counted once."),
            ),
            (
                "courses",
                learning.courses,
                _("Online training courses"),
                _("Courses of the learning platform offered in the period."),
            ),
            (
                "course_participants",
                learning.course_participants,
                _("Participants in the online training courses"),
                _(
                    "Users enrolled in a course of the learning platform in the period, each "
                    "counted once."
                ),
            ),
            (
                "webinars",
                learning.webinars,
                _("Webinars on the learning platform"),
                _("Webinars of the learning platform held in the period."),
            ),
            (
                "practitioners_trained",
                learning.practitioners_trained,
                _("Practitioners trained through the platform"),
                _(
                    "People who completed a course or attended a webinar of the learning "
                    "platform in the period, each counted once."
                ),
            ),
        )
        found += [
            (_more if name == "countries" else _exact)(
                f"learning.{name}",
                value,
                f"learning_statistics {start}..{end}: {name}",
                label,
                why,
            )
            for name, value, label, why in rows
        ]
    evaluations = evaluation_figures(start=start, end=end)
    if evaluations.completed or evaluations.applicable:
        found += [
            _exact(
                "evaluations.completed",
                evaluations.completed,
                f"evaluations with a final report dated {start}..{end}",
                _("Evaluations completed"),
                _("Evaluations whose final report is dated between %(start)s and %(end)s.")
                % period,
            ),
            _exact(
                "evaluations.recommendations",
                evaluations.recommendations,
                "recommendations of those evaluations",
                _("Recommendations of those evaluations"),
                _("Recommendations made by the evaluations counted above."),
            ),
            Figure(
                "evaluations.implemented_share",
                round(100 * evaluations.implemented / evaluations.applicable, 1)
                if evaluations.applicable
                else 0.0,
                per_cent(
                    100 * evaluations.implemented / evaluations.applicable
                    if evaluations.applicable
                    else 0.0
                ),
                "per cent",
                "implemented ÷ applicable follow-up actions of accepted recommendations",
                _("Follow-up actions implemented"),
                _(
                    "Follow-up actions implemented, as a share of the actions that still apply "
                    "for recommendations accepted in full or in part, of every evaluation "
                    "completed by %(end)s."
                )
                % period,
            ),
        ]
    return found


def figure_value(figures: dict[str, Figure], name: str) -> Figure:
    return figures.get(name) or _exact(name, 0, "no records in the period")


def thematic_counts(figures: dict[str, Figure]) -> list[tuple[ThematicArea, Figure]]:
    return [(area, figure_value(figures, f"activities.{area.value}")) for area in ThematicArea]


def figures_by_prefix(figures: dict[str, Figure], prefix: str) -> list[tuple[str, Figure]]:
    found = [(name[len(prefix) :], f) for name, f in figures.items() if name.startswith(prefix)]
    return sorted(found, key=lambda item: -float(item[1].value))
