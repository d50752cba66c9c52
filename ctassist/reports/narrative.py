"""Paragraphs written from the activities themselves, in the seed report's style.

The rule (also in docs/report.md):

* **Grouping.** Activities of the same thematic area, the same kind (workshop, training course,
  …) and the same subject (the activity's title) are told together, whatever their number:
  "Between October 2019 and February 2020, the Office delivered three workshops on … in Mali,
  the Niger and Burkina Faso." In the capacity-building section the grouping is done within each
  of the office's regions (see `regions.py`); webinars and e-learning courses, open to every
  region, go to "Global capacity-building activities", and a subject taken up in three regions
  or more gets a paragraph under "Cross-regional capacity-building activities".
* **Notable groups.** A section tells a group in full when it is notable: it gathers two
  activities or more (a series); or it was the first activity of its kind in a country (no
  activity of that kind there started before it); or it reached at least as many people as the
  section's median group; or a result was recorded in the period in one of its countries. At
  most `NOTABLE_PER_SECTION` are told, the largest first then in date order; the others are
  counted in one closing sentence ("The Office also delivered …").
* **UN style.** Dates as "In October 2019,"; States by their name in the report's language,
  with the article English uses ("the Niger", "the Philippines"); numbers under ten in words,
  rounded totals as "more than 150", shares as "28 per cent" (`editorial.py`).
* **Every number is a figure.** Each number a paragraph prints is a `Figure` (named
  `narrative.…`) added to the report's figures with its query and a sentence for the annex, so
  the annex accounts for every number in the text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from babel.dates import format_date
from babel.lists import format_list
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from ctassist.assistance.selectors import ActivityFacts, OutcomeFacts
from ctassist.geo.models import State
from ctassist.reports.editorial import number_text, per_cent
from ctassist.reports.figures import Figure
from ctassist.treaties.paragraph import babel_locale

NOTABLE_PER_SECTION = 8
ONLINE_KINDS = ("webinar", "elearning")
PANDEMIC = dt.date(2020, 3, 11)  # WHO characterized COVID-19 as a pandemic

# English short names that take an article in running text (UN editorial style).
_ARTICLE_EN = {
    "BHS", "CAF", "COD", "COG", "COM", "CZE", "DOM", "GMB", "GBR", "IRN", "LAO", "MDA", "MHL",
    "NER", "NLD", "PHL", "KOR", "PRK", "RUS", "SDN", "ARE", "USA", "TZA", "SYR", "VEN",
}  # fmt: skip
# Where CLDR's English short name is not the name the United Nations uses.
_UN_NAME_EN = {
    "SYR": "Syrian Arab Republic",
    "TZA": "United Republic of Tanzania",
    "RUS": "Russian Federation",
    "KOR": "Republic of Korea",
    "PRK": "Democratic People's Republic of Korea",
    "IRN": "Islamic Republic of Iran",
    "MDA": "Republic of Moldova",
    "LAO": "Lao People's Democratic Republic",
    "VEN": "Bolivarian Republic of Venezuela",
    "BIH": "Bosnia and Herzegovina",
    "COG": "Congo",
    "CIV": "Côte d'Ivoire",
    "MMR": "Myanmar",
    "PSE": "State of Palestine",
}


def state_in_text(state: State) -> str:
    """A State's name as running text writes it, in the active language."""
    if (get_language() or "en").startswith("en"):
        name = _UN_NAME_EN.get(state.code, state.name_en)
        return f"the {name}" if state.code in _ARTICLE_EN else name
    return state.name


def listed(items: Iterable[str]) -> str:
    return format_list(list(items), locale=babel_locale())


def month_year(day: dt.date) -> str:
    return format_date(day, format="LLLL y", locale=babel_locale())


def month_only(day: dt.date) -> str:
    return format_date(day, format="LLLL", locale=babel_locale())


def _topic(title: str) -> str:
    """An activity's subject inside a sentence: its title, first letter lower-cased unless the
    first word is an acronym."""
    first = title.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return title
    return title[:1].lower() + title[1:]


def kind_phrase(kind: str, count: int) -> str:
    """ "a workshop", "three workshops" (plural forms by language)."""
    n = {"count": number_text(count)}
    phrases: dict[str, Callable[[], str]] = {
        "training": lambda: ngettext("a training course", "%(count)s training courses", count),
        "workshop": lambda: ngettext("a workshop", "%(count)s workshops", count),
        "legislative_advice": lambda: ngettext(
            "a legislative advisory mission", "%(count)s legislative advisory missions", count
        ),
        "mentoring": lambda: ngettext(
            "a mentoring programme", "%(count)s mentoring programmes", count
        ),
        "expert_group": lambda: ngettext(
            "an expert group meeting", "%(count)s expert group meetings", count
        ),
        "study_visit": lambda: ngettext("a study visit", "%(count)s study visits", count),
        "webinar": lambda: ngettext("a webinar", "%(count)s webinars", count),
        "elearning": lambda: ngettext(
            "an e-learning course", "%(count)s e-learning courses", count
        ),
        "equipment": lambda: ngettext(
            "a handover of specialized equipment",
            "%(count)s handovers of specialized equipment",
            count,
        ),
        "assessment": lambda: ngettext(
            "an assessment mission", "%(count)s assessment missions", count
        ),
        "high_level": lambda: ngettext("a high-level event", "%(count)s high-level events", count),
    }
    make = phrases.get(kind)
    if make is None:
        return ngettext("an activity", "%(count)s activities", count) % n
    return str(make()) % n


def organisation_in_text(name: str) -> str:
    """ "the European Union", "INTERPOL": English puts an article before a descriptive name
    (two words or more)."""
    if (get_language() or "en").startswith("en") and len(name.split()) >= 2:
        return f"the {name}"
    return name


@dataclass
class Group:
    """Activities told together: same area, kind and subject (and region, where grouped by it)."""

    key: str
    kind: str
    title: str
    activities: list[ActivityFacts] = field(default_factory=list)

    @property
    def participants(self) -> int:
        return sum(a.participants for a in self.activities)

    @property
    def women(self) -> int:
        return sum(a.women for a in self.activities)

    @property
    def first(self) -> dt.date:
        return min(a.start for a in self.activities)

    @property
    def last(self) -> dt.date:
        return max(a.start for a in self.activities)

    def country_ids(self) -> list[int]:
        seen: list[int] = []
        for a in self.activities:
            if a.country_id is not None and a.country_id not in seen:
                seen.append(a.country_id)
        return seen


def _slug(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]


def group_activities(activities: Iterable[ActivityFacts], prefix: str) -> list[Group]:
    groups: dict[tuple[str, str], Group] = {}
    for activity in activities:
        key = (activity.kind, activity.title.strip())
        if key not in groups:
            groups[key] = Group(f"{prefix}.{activity.kind}.{_slug(key[1])}", *key)
        groups[key].activities.append(activity)
    return sorted(groups.values(), key=lambda g: (g.first, g.key))


@dataclass
class Writer:
    """Writes paragraphs and registers each number they print as a Figure."""

    start: dt.date
    end: dt.date
    states: dict[int, State]
    outcome_countries: set[int]
    figures: dict[str, Figure] = field(default_factory=dict)

    def number(
        self, name: str, value: int, label: str, explanation: str, text: str | None = None
    ) -> str:
        figure = Figure(
            name,
            value,
            text if text is not None else number_text(value),
            "exact",
            f"narrative: {name}",
            label,
            explanation,
        )
        self.figures[name] = figure
        return figure.text

    def share(self, name: str, part: int, whole: int, label: str) -> str:
        share = 100 * part / whole if whole else 0.0
        figure = Figure(
            name,
            round(share, 1),
            per_cent(share),
            "per cent",
            f"narrative: {name}",
            label,
            _("Women among the people counted in the figure before, as a share of all of them."),
        )
        self.figures[name] = figure
        return figure.text

    def places(self, country_ids: Iterable[int]) -> str:
        return listed(state_in_text(self.states[c]) for c in country_ids if c in self.states)

    def notable(self, groups: list[Group]) -> tuple[list[Group], list[Group]]:
        """(told in full, counted only), by the rule in the module's docstring."""
        if not groups:
            return [], []
        median = statistics.median(g.participants for g in groups)

        def is_notable(group: Group) -> bool:
            return (
                len(group.activities) > 1
                or any(a.first_of_kind for a in group.activities)
                or group.participants >= median
                or any(c in self.outcome_countries for c in group.country_ids())
            )

        chosen = sorted(
            (g for g in groups if is_notable(g)),
            key=lambda g: (-len(g.activities), -g.participants),
        )[:NOTABLE_PER_SECTION]
        told = sorted(chosen, key=lambda g: (g.first, g.key))
        return told, [g for g in groups if g not in chosen]

    def group_paragraph(self, group: Group, label: str) -> str:
        count = len(group.activities)
        name = f"narrative.{group.key}"
        self.number(
            f"{name}.activities",
            count,
            _("%(section)s: %(kind)s on “%(subject)s”")
            % {"section": label, "kind": kind_phrase(group.kind, count), "subject": group.title},
            _("Activities of this kind on this subject that started in the period."),
        )
        what = kind_phrase(group.kind, count)
        topic = _topic(group.title)
        places = self.places(group.country_ids())
        if group.first.strftime("%Y%m") == group.last.strftime("%Y%m"):
            when = _("In %(month)s") % {"month": month_year(group.first)}
        else:
            same_year = group.first.year == group.last.year
            when = _("Between %(first)s and %(last)s") % {
                "first": month_only(group.first) if same_year else month_year(group.first),
                "last": month_year(group.last),
            }
        if places:
            sentence = _("%(when)s, the Office delivered %(what)s on %(topic)s in %(places)s.") % {
                "when": when,
                "what": what,
                "topic": topic,
                "places": places,
            }
        else:
            sentence = _("%(when)s, the Office delivered %(what)s on %(topic)s.") % {
                "when": when,
                "what": what,
                "topic": topic,
            }
        sentences = [sentence]
        partners = sorted({p for a in group.activities for p in a.partners})
        if partners:
            sentences.append(
                ngettext(
                    "It was delivered together with %(partners)s.",
                    "They were delivered together with %(partners)s.",
                    count,
                )
                % {"partners": listed(organisation_in_text(p) for p in partners)}
            )
        people = group.participants
        if people:
            label_people = _("%(section)s: participants in %(kind)s on “%(subject)s”") % {
                "section": label,
                "kind": what,
                "subject": group.title,
            }
            people_text = self.number(
                f"{name}.participants",
                people,
                label_people,
                _("People who attended these activities, each counted once per activity attended."),
            )
            if group.women:
                women = self.share(
                    f"{name}.women_share",
                    group.women,
                    people,
                    _("%(section)s: share of women in %(kind)s on “%(subject)s”")
                    % {"section": label, "kind": what, "subject": group.title},
                )
                sentences.append(
                    ngettext(
                        "In all, %(participants)s official took part, %(women)s of them women.",
                        "In all, %(participants)s officials took part, %(women)s of them women.",
                        people,
                    )
                    % {"participants": people_text, "women": women}
                )
            else:
                sentences.append(
                    ngettext(
                        "In all, %(participants)s official took part.",
                        "In all, %(participants)s officials took part.",
                        people,
                    )
                    % {"participants": people_text}
                )
        firsts = [a.country_id for a in group.activities if a.first_of_kind and a.country_id]
        if firsts:
            sentences.append(
                ngettext(
                    "For %(places)s, it was the first activity of its kind supported by the "
                    "Office.",
                    "For %(places)s, these were the first activities of their kind supported by "
                    "the Office.",
                    len(firsts),
                )
                % {"places": self.places(dict.fromkeys(firsts))}
            )
        return " ".join(sentences)

    def others_paragraph(self, groups: list[Group], name: str, label: str) -> str | None:
        if not groups:
            return None
        count = sum(len(g.activities) for g in groups)
        countries = {c for g in groups for c in g.country_ids()}
        text = self.number(
            f"narrative.{name}.others",
            count,
            label,
            _("Activities of the section not told in a paragraph of their own."),
        )
        if countries:
            return ngettext(
                "The Office also delivered %(count)s other activity, in %(places)s.",
                "The Office also delivered %(count)s other activities, in %(places)s.",
                count,
            ) % {"count": text, "places": self.places(sorted(countries, key=self.name_key))}
        return ngettext(
            "The Office also delivered %(count)s other activity.",
            "The Office also delivered %(count)s other activities.",
            count,
        ) % {"count": text}

    def name_key(self, country_id: int) -> str:
        state = self.states.get(country_id)
        return state.name if state else ""

    def section(self, activities: list[ActivityFacts], prefix: str, label: str) -> list[str]:
        """The paragraphs of one section: its notable groups, then the rest in one sentence."""
        groups = group_activities(activities, prefix)
        told, rest = self.notable(groups)
        paragraphs = [self.group_paragraph(g, label) for g in told]
        closing = self.others_paragraph(
            rest, prefix, _("%(section)s: other activities") % {"section": label}
        )
        return paragraphs + ([closing] if closing else [])


def outcome_paragraphs(
    writer: Writer,
    outcomes: list[OutcomeFacts],
    countries: set[int],
    kind_label: Callable[[str], str],
) -> list[str]:
    """One paragraph per country of `countries` with results recorded in the period."""
    by_country: dict[int, list[OutcomeFacts]] = {}
    for row in outcomes:
        if row.country_id in countries:
            by_country.setdefault(row.country_id, []).append(row)
    paragraphs = []
    for country_id in sorted(by_country, key=writer.name_key):
        state = writer.states.get(country_id)
        if state is None:
            continue
        rows = sorted(by_country[country_id], key=lambda r: -r.count)
        results = []
        for row in rows:
            text = writer.number(
                f"narrative.outcomes.{row.kind}.{state.code}",
                row.count,
                _("Results in %(state)s: %(kind)s")
                % {"state": state.name, "kind": kind_label(row.kind)},
                _("Outcome records of this kind dated in the period, in this State, added up."),
            )
            results.append(
                pgettext("result count", "%(count)s %(kind)s")
                % {"count": text, "kind": kind_label(row.kind)}
            )
        sources = sorted({s for r in rows for s in r.sources})
        paragraphs.append(
            _("In %(state)s, the records of the period show %(results)s (sources: %(sources)s).")
            % {
                "state": state_in_text(state),
                "results": listed(results),
                "sources": listed(sources),
            }
        )
    return paragraphs
