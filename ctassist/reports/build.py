"""The periodic report's text, section by section, in the seed report's order (I. Introduction;
II. Delivery — A. criminal justice responses with its five numbered sub-areas, capacity-building
by the office's regions, cross-regional and global; B. partnerships; C. monitoring and
evaluation; III. Conclusions). Each paragraph has a key that stays the same when the report is
generated again, so an editor's replacement of it can be kept (`reports.editing`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from ctassist.assistance.selectors import (
    ActivityFacts,
    OutcomeKind,
    ThematicArea,
    activity_facts,
    field_offices_open,
    outcome_facts,
)
from ctassist.geo.models import State
from ctassist.reports.figures import Figure, figure_value, figures_by_prefix, period_figures
from ctassist.reports.models import Highlight
from ctassist.reports.narrative import (
    ONLINE_KINDS,
    PANDEMIC,
    Writer,
    listed,
    month_year,
    organisation_in_text,
    outcome_paragraphs,
    state_in_text,
)
from ctassist.reports.regions import OfficeRegion, office_region, region_mapping, state_regions
from ctassist.reports.selectors import highlights_for_report
from ctassist.treaties.paragraph import long_date, period_paragraph_parts
from ctassist.treaties.selectors import PeriodChanges, period_changes


@dataclass
class Paragraph:
    key: str  # stable across regenerations of the same period
    text: str
    source: str = "generated"  # "generated", "highlight" (staff-written), "editor"
    note: str = ""  # for the editor: who wrote it and when


@dataclass
class Part:
    heading: str
    level: int
    items: list[Paragraph] = field(default_factory=list)
    key: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [p.text for p in self.items]

    def add(self, key: str, text: str | None, source: str = "generated", note: str = "") -> None:
        if text:
            self.items.append(Paragraph(key, text[:1].upper() + text[1:], source, note))


# Subjects the cross-cutting paragraphs look for in activity titles (English words, as the
# office records titles; the rule is in docs/report.md).
THEMES = (
    ("children", ("child",)),
    ("victims", ("victim", "witness")),
    ("human_rights", ("human rights",)),
    ("cbrn", ("nuclear", "chemical", "biological", "radiological")),
    ("ftf", ("foreign terrorist fighter", "returnee")),
    ("financing", ("financing of terrorism",)),
)


def _theme_phrase(theme: str) -> str:
    return {
        "children": _("the treatment of children associated with terrorist groups"),
        "victims": _("the protection of victims and witnesses of terrorism"),
        "human_rights": _("human rights in criminal justice responses to terrorism"),
        "cbrn": _("chemical, biological, radiological and nuclear terrorism"),
        "ftf": _("foreign terrorist fighters and their return"),
        "financing": _("countering the financing of terrorism"),
    }[theme]


@dataclass
class Context:
    start: dt.date
    end: dt.date
    figures: dict[str, Figure]
    activities: list[ActivityFacts]
    regions: dict[int, str]  # state id: office region key
    writer: Writer
    highlights: list[Highlight]
    notes: list[str]

    def text(self, name: str) -> str:
        return figure_value(self.figures, name).text


def _highlight_place(highlight: Highlight, mapping: dict[str, str]) -> str | None:
    """The office region a staff highlight belongs to (None: its thematic area as a whole)."""
    if highlight.region is None:
        return None
    return mapping.get(highlight.region.m49) or highlight.region.name_en


def _add_highlights(ctx: Context, part: Part, area: str, region: str | bool) -> None:
    """The staff highlights of `area` in `region` (True: all of the area's)."""
    mapping = region_mapping()
    for h in ctx.highlights:
        if h.thematic_area == area and (region is True or _highlight_place(h, mapping) == region):
            _add_highlight(part, h)


def _add_highlight(part: Part, h: Highlight) -> None:
    author = h.author.get_username() if h.author else _("the office")
    part.add(
        f"highlight.{h.pk}",
        h.text,
        "highlight",
        _("A highlight written by %(author)s for %(date)s.")
        % {"author": author, "date": long_date(h.on)},
    )


def _introduction(ctx: Context) -> Part:
    part = Part(_("I. Introduction"), 1, key="introduction")
    period = {"start": long_date(ctx.start), "end": long_date(ctx.end)}
    part.add(
        "introduction.mandate",
        _(
            "The United Nations Office on Drugs and Crime (UNODC) is mandated to provide to "
            "countries, upon request, technical assistance in normative, policy, strategic, "
            "institutional and operational aspects of preventing and countering terrorism and "
            "violent extremism conducive to terrorism."
        ),
    )
    offices = field_offices_open(start=ctx.start, end=ctx.end)
    states = sorted({o.country for o in offices}, key=lambda s: s.name)
    if states:
        part.add(
            "introduction.field",
            _(
                "During the reporting period, the Office had a field presence in %(count)s "
                "countries: %(states)s."
            )
            % {
                "count": ctx.text("field_presence"),
                "states": listed(state_in_text(s) for s in states),
            },
        )
    if not ctx.activities:
        part.add(
            "introduction.period",
            _("The present report covers the activities undertaken from %(start)s to %(end)s.")
            % period,
        )
        return part
    part.add(
        "introduction.period",
        _(
            "The present report covers the activities undertaken from %(start)s to %(end)s. "
            "During the reporting period, %(activities)s technical assistance activities were "
            "delivered in %(countries)s countries, reaching %(participants)s criminal justice "
            "and law enforcement officials, of whom %(women)s were women."
        )
        % {
            **period,
            "activities": ctx.text("activities"),
            "countries": ctx.text("countries"),
            "participants": ctx.text("participants"),
            "women": ctx.text("women_share"),
        },
    )
    if ctx.figures["online_activities"].value:
        part.add(
            "introduction.online",
            _(
                "In adapting to restricted access, UNODC delivered %(online)s activities online "
                "or in hybrid form."
            )
            % {"online": ctx.text("online_activities")},
        )
    return part


def _area_summary(ctx: Context, area: ThematicArea, acts: list[ActivityFacts]) -> str | None:
    if not acts:
        return None
    countries = {a.country_id for a in acts if a.country_id}
    count = ctx.writer.number(
        f"area.{area.value}.countries",
        len(countries),
        _("Countries of the activities: %(area)s") % {"area": area.label},
        _("Countries where the activities of this thematic area took place, each counted once."),
    )
    n = len(acts)
    return ngettext(
        "In this area, the Office delivered %(count)s activity, in %(countries)s countries.",
        "In this area, the Office delivered %(count)s activities, in %(countries)s countries.",
        n,
    ) % {"count": ctx.text(f"activities.{area.value}"), "countries": count}


def _library(ctx: Context) -> str | None:
    if "library.legislation" not in ctx.figures:
        return None
    legislation = ctx.figures["library.legislation"]
    return ngettext(
        "The Office maintains a public legal library of legislation, case law and strategies "
        "relating to counter-terrorism, a technical assistance and information tool for "
        "policymakers and practitioners. Updated continuously, it contains %(count)s piece of "
        "legislation from %(countries)s countries.",
        "The Office maintains a public legal library of legislation, case law and strategies "
        "relating to counter-terrorism, a technical assistance and information tool for "
        "policymakers and practitioners. Updated continuously, it contains %(count)s pieces of "
        "legislation from %(countries)s countries.",
        int(legislation.value),
    ) % {"count": legislation.text, "countries": ctx.text("library.legislation.countries")}


def _by_area(ctx: Context, area: str) -> list[ActivityFacts]:
    return [a for a in ctx.activities if a.thematic_area == area]


def _region_parts(ctx: Context, acts: list[ActivityFacts], label: str) -> list[Part]:
    """One heading per office region with capacity-building activities in the period; a
    region without any is left out."""
    outcomes = outcome_facts(start=ctx.start, end=ctx.end)
    kinds = dict(OutcomeKind.choices)
    by_region: dict[str, list[ActivityFacts]] = {}
    for a in acts:
        if a.country_id in ctx.regions:
            by_region.setdefault(ctx.regions[a.country_id], []).append(a)
    parts = []
    for key in sorted(by_region, key=lambda k: (office_region(k).order, office_region(k).heading)):
        region: OfficeRegion = office_region(key)
        found = by_region[key]
        part = Part(region.heading, 4, key=f"capacity.region.{key}")
        countries = sorted({a.country_id for a in found if a.country_id}, key=ctx.writer.name_key)
        count = ctx.writer.number(
            f"capacity.region.{key}.activities",
            len(found),
            _("Capacity-building activities in %(region)s") % {"region": region.heading},
            _("Capacity-building activities that started in the period in this region."),
        )
        people = sum(a.participants for a in found)
        people_text = ctx.writer.number(
            f"capacity.region.{key}.participants",
            people,
            _("Participants in capacity-building activities in %(region)s")
            % {"region": region.heading},
            _("People who attended them, each counted once per activity attended."),
        )
        part.add(
            f"capacity.region.{key}.summary",
            ngettext(
                "%(in_region)s, the Office delivered %(count)s capacity-building activity, in "
                "%(places)s, for %(people)s officials.",
                "%(in_region)s, the Office delivered %(count)s capacity-building activities, in "
                "%(places)s, for %(people)s officials.",
                len(found),
            )
            % {
                "in_region": region.in_phrase,
                "count": count,
                "places": ctx.writer.places(countries),
                "people": people_text,
            },
        )
        for index, text in enumerate(
            ctx.writer.section(found, f"capacity.{key}", f"{label}, {region.heading}")
        ):
            part.add(f"capacity.region.{key}.{index}", text)
        for index, text in enumerate(
            outcome_paragraphs(ctx.writer, outcomes, set(countries), lambda k: str(kinds.get(k, k)))
        ):
            part.add(f"capacity.region.{key}.results.{index}", text)
        _add_highlights(ctx, part, ThematicArea.CAPACITY.value, key)
        parts.append(part)
    return parts


def _cross_regional(ctx: Context, acts: list[ActivityFacts]) -> Part:
    part = Part(_("Cross-regional capacity-building activities"), 4, key="capacity.cross")
    subjects: dict[str, list[ActivityFacts]] = {}
    for a in acts:
        subjects.setdefault(a.title.strip(), []).append(a)
    for index, (title, found) in enumerate(sorted(subjects.items())):
        regions = {ctx.regions[a.country_id] for a in found if a.country_id in ctx.regions}
        if len(regions) < 3:
            continue
        headings = sorted((office_region(k) for k in regions), key=lambda r: r.order)
        count = ctx.writer.number(
            f"capacity.cross.{index}.regions",
            len(regions),
            _("Regions with activities on “%(subject)s”") % {"subject": title},
            _("The office's regions where activities on this subject took place in the period."),
        )
        activities = ctx.writer.number(
            f"capacity.cross.{index}.activities",
            len(found),
            _("Activities on “%(subject)s”") % {"subject": title},
            _("Capacity-building activities on this subject that started in the period."),
        )
        part.add(
            f"capacity.cross.{index}",
            _(
                "The Office took up %(subject)s across %(regions)s regions (%(names)s), in "
                "%(count)s activities that allowed practitioners to compare their experience."
            )
            % {
                "subject": title[:1].lower() + title[1:],
                "regions": count,
                "names": listed(r.heading for r in headings),
                "count": activities,
            },
        )
    return part


def _global(ctx: Context, acts: list[ActivityFacts], label: str) -> Part:
    part = Part(_("Global capacity-building activities"), 4, key="capacity.global")
    for index, text in enumerate(ctx.writer.section(acts, "capacity.global", label)):
        part.add(f"capacity.global.{index}", text)
    if "learning.users" in ctx.figures:
        part.add("capacity.global.learning", _learning(ctx))
    after = [a for a in ctx.activities if a.start >= PANDEMIC]
    online = [a for a in after if a.modality != "in_person"]
    if after and online:
        part.add(
            "capacity.global.covid",
            _(
                "Since the beginning of the COVID-19 health crisis in %(month)s, the Office has "
                "delivered %(online)s of its %(all)s activities online or in hybrid form, so "
                "that it could continue to provide technical assistance to Member States "
                "remotely."
            )
            % {
                "month": month_year(PANDEMIC),
                "online": ctx.writer.number(
                    "covid.online",
                    len(online),
                    _("Activities online or in hybrid form since the COVID-19 crisis began"),
                    _("Activities started from 11 March 2020 that were held online or partly."),
                ),
                "all": ctx.writer.number(
                    "covid.all",
                    len(after),
                    _("Activities since the COVID-19 crisis began"),
                    _("Activities that started from 11 March 2020 to the period's end."),
                ),
            },
        )
    return part


def _learning(ctx: Context) -> str:
    """The learning platform (¶56): what it gained and delivered in the period; a figure that
    is nought is left out of the sentence."""
    sentences = [
        _(
            "UNODC continued to develop its Counter-Terrorism Learning Platform, an interactive "
            "online capacity-building tool."
        )
    ]
    value = {name: int(ctx.figures[f"learning.{name}"].value) for name in (
        "users", "countries", "courses", "course_participants", "webinars",
        "practitioners_trained",
    )}  # fmt: skip
    if value["users"]:
        sentences.append(
            ngettext(
                "During the period, %(users)s practitioner from %(countries)s countries joined "
                "the platform.",
                "During the period, %(users)s practitioners from %(countries)s countries joined "
                "the platform.",
                value["users"],
            )
            % {"users": ctx.text("learning.users"), "countries": ctx.text("learning.countries")}
        )
    if value["courses"] and value["course_participants"]:
        sentences.append(
            ngettext(
                "It offered %(courses)s online training course, in which %(participants)s "
                "criminal justice and law enforcement officials enrolled.",
                "It offered %(courses)s online training courses, in which %(participants)s "
                "criminal justice and law enforcement officials enrolled.",
                value["courses"],
            )
            % {
                "courses": ctx.text("learning.courses"),
                "participants": ctx.text("learning.course_participants"),
            }
        )
    if value["webinars"]:
        sentences.append(
            ngettext(
                "In addition, %(webinars)s webinar was carried out.",
                "In addition, %(webinars)s webinars were carried out.",
                value["webinars"],
            )
            % {"webinars": ctx.text("learning.webinars")}
        )
    if value["practitioners_trained"]:
        sentences.append(
            ngettext(
                "In all, %(trained)s practitioner completed a course or attended a webinar "
                "through the platform.",
                "In all, %(trained)s practitioners completed a course or attended a webinar "
                "through the platform.",
                value["practitioners_trained"],
            )
            % {"trained": ctx.text("learning.practitioners_trained")}
        )
    return " ".join(sentences)


def _cooperation(ctx: Context, part: Part) -> None:
    if not ctx.figures["mla.facilitated"].value:
        return
    networks = figures_by_prefix(ctx.figures, "mla.facilitated.network.")
    part.add(
        "cooperation.networks",
        _(
            "The Office supports international networks of central authorities and focal points "
            "that facilitate expeditious cooperation in cases related to terrorism. Through "
            "these networks, the Office facilitated cooperation on %(count)s requests for "
            "mutual legal assistance between central authorities."
        )
        % {"count": ctx.text("mla.facilitated")},
    )
    for code, figure in networks:
        part.add(
            f"cooperation.network.{code}",
            ngettext(
                "%(network)s facilitated %(count)s request during the period.",
                "%(network)s facilitated %(count)s requests during the period.",
                int(figure.value),
            )
            % {"network": organisation_in_text(figure.subject), "count": figure.text},
        )


def _prisons(ctx: Context, part: Part) -> None:
    if "prisons.assessed" not in ctx.figures:
        return
    part.add(
        "prisons.figures",
        _(
            "In the prisons supported by the Office, %(assessed)s risk and needs assessments of "
            "prisoners were approved during the period, %(high)s of them classifying the "
            "prisoner as high-risk; the high-security units held %(places)s places at the end "
            "of the period, and prisoners completed %(interventions)s rehabilitation "
            "interventions."
        )
        % {
            "assessed": ctx.text("prisons.assessed"),
            "high": ctx.text("prisons.high_risk"),
            "places": ctx.text("prisons.places.high"),
            "interventions": ctx.text("prisons.interventions"),
        },
    )


def _cross_cutting(ctx: Context) -> Part:
    part = Part(_("6. Cross-cutting themes"), 3, key="themes")
    marked = [a for a in ctx.activities if a.gender_marker == 2]
    if marked:
        people = sum(a.participants for a in marked)
        women = sum(a.women for a in marked)
        part.add(
            "themes.gender",
            _(
                "The Office continued to mainstream gender in its assistance: gender equality "
                "was the principal objective of %(count)s activities, and women made up "
                "%(share)s of their participants."
            )
            % {
                "count": ctx.writer.number(
                    "themes.gender.activities",
                    len(marked),
                    _("Activities with gender equality as their principal objective"),
                    _("Activities of the period whose gender marker is 2 (principal objective)."),
                ),
                "share": ctx.writer.share(
                    "themes.gender.women_share",
                    women,
                    people,
                    _("Share of women in those activities"),
                ),
            },
        )
    for theme, words in THEMES:
        found = [a for a in ctx.activities if any(w in a.title.lower() for w in words)]
        if not found:
            continue
        countries = sorted({a.country_id for a in found if a.country_id}, key=ctx.writer.name_key)
        count = ctx.writer.number(
            f"themes.{theme}.activities",
            len(found),
            _("Activities on a theme: %(theme)s") % {"theme": _theme_phrase(theme)},
            _("Activities of the period whose title names this theme."),
        )
        part.add(
            f"themes.{theme}",
            ngettext(
                "The Office addressed %(theme)s in %(count)s activity, in %(places)s.",
                "The Office addressed %(theme)s in %(count)s activities, in %(places)s.",
                len(found),
            )
            % {
                "theme": _theme_phrase(theme),
                "count": count,
                "places": ctx.writer.places(countries),
            },
        )
    return part


def _partnerships(ctx: Context) -> Part:
    part = Part(_("B. Partnerships"), 2, key="partnerships")
    by_partner: dict[str, list[ActivityFacts]] = {}
    for a in ctx.activities:
        for partner in a.partners:
            by_partner.setdefault(partner, []).append(a)
    part.add(
        "partnerships.compact",
        _(
            "UNODC continued to contribute to the implementation of the United Nations Global "
            "Counter-Terrorism Strategy and is an active member of the United Nations Global "
            "Counter-Terrorism Coordination Compact."
        ),
    )
    ranked = sorted(by_partner.items(), key=lambda item: (-len(item[1]), item[0]))
    for index, (partner, found) in enumerate(ranked):
        countries = {a.country_id for a in found if a.country_id}
        kinds = Counter(a.thematic_area for a in found).most_common(1)[0][0]
        part.add(
            f"partnerships.{index}",
            ngettext(
                "With %(partner)s, the Office delivered %(count)s activity in %(countries)s "
                "countries, most often in the area of %(area)s.",
                "With %(partner)s, the Office delivered %(count)s activities in %(countries)s "
                "countries, most often in the area of %(area)s.",
                len(found),
            )
            % {
                "partner": organisation_in_text(partner),
                "count": ctx.writer.number(
                    f"partnerships.{index}.activities",
                    len(found),
                    _("Activities with %(partner)s") % {"partner": partner},
                    _("Activities of the period delivered with this partner."),
                ),
                "countries": ctx.writer.number(
                    f"partnerships.{index}.countries",
                    len(countries),
                    _("Countries of the activities with %(partner)s") % {"partner": partner},
                    _("Countries where those activities took place, each counted once."),
                ),
                "area": str(ThematicArea(kinds).label).lower(),
            },
        )
    return part


def _monitoring(ctx: Context) -> Part:
    part = Part(_("C. Monitoring and evaluation"), 2, key="monitoring")
    outcomes = figures_by_prefix(ctx.figures, "outcomes.")
    if outcomes:
        labels = dict(OutcomeKind.choices)
        results = [
            pgettext("result count", "%(count)s %(kind)s")
            % {"count": f.text, "kind": labels.get(kind, kind)}
            for kind, f in outcomes
        ]
        part.add(
            "monitoring.outcomes",
            _(
                "The Office follows what its assistance leads to through records of results "
                "kept with their sources. For the period, they show %(results)s."
            )
            % {"results": listed(str(r) for r in results)},
        )
    if ctx.figures["indicators.with_target"].value:
        part.add(
            "monitoring.indicators",
            _(
                "Of %(with_target)s indicators with a target and an approved result for the "
                "period, %(met)s reached their target."
            )
            % {
                "with_target": ctx.text("indicators.with_target"),
                "met": ctx.text("indicators.met"),
            },
        )
    if "cases.opened" in ctx.figures:
        sentences = [
            ngettext(
                "In the specialized units that manage their terrorism cases with the Office's "
                "platform, %(count)s case file was opened during the period.",
                "In the specialized units that manage their terrorism cases with the Office's "
                "platform, %(count)s case files were opened during the period.",
                int(ctx.figures["cases.opened"].value),
            )
            % {"count": ctx.text("cases.opened")}
        ]
        endings = [
            ngettext("%(count)s conviction", "%(count)s convictions", int(f.value))
            % {"count": f.text}
            if name == "cases.convicted"
            else ngettext("%(count)s acquittal", "%(count)s acquittals", int(f.value))
            % {"count": f.text}
            for name in ("cases.convicted", "cases.acquitted")
            if (f := ctx.figures[name]).value
        ]
        if endings:
            sentences.append(_("Charges ended in %(outcomes)s.") % {"outcomes": listed(endings)})
        if ctx.figures["cases.reviewed"].value:
            sentences.append(
                ngettext(
                    "%(count)s case file was reviewed.",
                    "%(count)s case files were reviewed.",
                    int(ctx.figures["cases.reviewed"].value),
                )
                % {"count": ctx.text("cases.reviewed")}
            )
        part.add("monitoring.cases", " ".join(s[:1].upper() + s[1:] for s in sentences))
    if "evaluations.completed" in ctx.figures:
        sentences = []
        completed = int(ctx.figures["evaluations.completed"].value)
        if completed:
            sentences.append(
                ngettext(
                    "The Office's independent evaluation function completed %(completed)s "
                    "evaluation during the period, making %(recommendations)s recommendations.",
                    "The Office's independent evaluation function completed %(completed)s "
                    "evaluations during the period, making %(recommendations)s recommendations.",
                    completed,
                )
                % {
                    "completed": ctx.text("evaluations.completed"),
                    "recommendations": ctx.text("evaluations.recommendations"),
                }
            )
        sentences.append(
            _(
                "Of the follow-up actions agreed on accepted recommendations, %(share)s have "
                "been implemented."
            )
            % {"share": ctx.text("evaluations.implemented_share")}
        )
        part.add("monitoring.evaluations", " ".join(sentences))
    return part


def _conclusions() -> Part:
    part = Part(_("III. Conclusions"), 1, key="conclusions")
    part.add(
        "conclusions.landscape",
        _(
            "The terrorism landscape has been evolving rapidly and has become more complex. "
            "While Member States have achieved significant progress in preventing and countering "
            "terrorism, more efforts are required at the national and international levels."
        ),
    )
    part.add(
        "conclusions.capacity",
        _(
            "Limited criminal justice capacity remains a significant challenge. Outdated "
            "legislation, policies and cooperation arrangements limit the ability of Member "
            "States to investigate, prosecute and adjudicate acts of terrorism."
        ),
    )
    part.add(
        "conclusions.ready",
        _(
            "The primary responsibility for preventing and countering terrorism lies with "
            "Member States. UNODC stands ready to continue supporting Member States, at their "
            "request, in line with the United Nations Global Counter-Terrorism Strategy."
        ),
    )
    return part


def _treaty_figures(writer: Writer, changes: PeriodChanges) -> None:
    """The numbers the treaties paragraph prints, as figures of the report."""
    if changes.full_adherence:
        writer.number(
            "treaties.instruments",
            19,
            _("International legal instruments against terrorism"),
            _("The universal instruments against terrorism the paragraph refers to."),
            text="19",
        )
    for status in changes.thresholds:
        count = status.parties_at_entry_into_force or status.threshold_count or 0
        writer.number(
            f"treaties.parties.{status.instrument.code}",
            count,
            _("States parties needed for %(instrument)s to enter into force")
            % {"instrument": status.instrument.title},
            _("The number of ratifications the instrument requires to enter into force."),
            text=str(count),
        )


def report_parts(start: dt.date, end: dt.date) -> tuple[list[Part], dict[str, Figure], list[str]]:
    """(the parts in order, every figure the text prints, the notes for the editor)."""
    figures = period_figures(start, end)
    activities = activity_facts(start=start, end=end)
    states = {
        s.pk: s
        for s in State.objects.select_related("region", "subregion", "intermediate_region").filter(
            pk__in={a.country_id for a in activities if a.country_id}
            | {o.country_id for o in outcome_facts(start=start, end=end)}
        )
    }
    outcome_countries = {o.country_id for o in outcome_facts(start=start, end=end)}
    writer = Writer(start, end, states, outcome_countries)
    ctx = Context(
        start,
        end,
        figures,
        activities,
        state_regions(list(states.values())),
        writer,
        highlights_for_report(start=start, end=end, language=get_language() or "en"),
        [],
    )
    parts = [_introduction(ctx), Part(_("II. Delivery of technical assistance"), 1, key="delivery")]
    responses = Part(_("A. Criminal justice responses to terrorism"), 2, key="responses")
    responses.add(
        "responses.scope",
        _(
            "The Office's assistance covers all aspects of the criminal justice response to "
            "terrorism, from adherence to the international legal instruments and conforming "
            "national legislation to the capacity of the authorities that investigate, "
            "prosecute and adjudicate terrorism cases, and to prison reform and the "
            "rehabilitation and reintegration of offenders."
        ),
    )
    parts.append(responses)
    areas = {
        ThematicArea.LEGISLATIVE: _("1. Legislative assistance"),
        ThematicArea.POLICY: _("2. Policy and strategy development"),
        ThematicArea.CAPACITY: _("3. Capacity-building on criminal justice responses to terrorism"),
        ThematicArea.COOPERATION: _("4. International cooperation and mutual legal assistance"),
        ThematicArea.PRISONS: _("5. Prison reform, rehabilitation and reintegration"),
    }
    for area, heading in areas.items():
        acts = _by_area(ctx, area.value)
        part = Part(heading, 3, key=f"area.{area.value}")
        parts.append(part)
        if area is ThematicArea.LEGISLATIVE:
            changes = period_changes(start=start, end=end)
            findings, caveats = period_paragraph_parts(changes)
            _treaty_figures(writer, changes)
            part.add("legislative.treaties", " ".join(findings))
            ctx.notes += caveats
            part.add("legislative.library", _library(ctx))
        part.add(f"area.{area.value}.summary", _area_summary(ctx, area, acts))
        if area is ThematicArea.CAPACITY:
            regional = [a for a in acts if a.kind not in ONLINE_KINDS and a.country_id]
            online = [a for a in acts if a not in regional]
            regions = _region_parts(ctx, regional, str(area.label))
            present = {r.key.removeprefix("capacity.region.") for r in regions}
            mapping = region_mapping()
            for h in ctx.highlights:  # without a region, or for a region not in the report
                if h.thematic_area == area.value and _highlight_place(h, mapping) not in present:
                    _add_highlight(part, h)
            parts += regions
            cross = _cross_regional(ctx, regional)
            if cross.items:
                parts.append(cross)
            glob = _global(ctx, online, str(area.label))
            if glob.items:
                parts.append(glob)
            continue
        if area is ThematicArea.COOPERATION:
            _cooperation(ctx, part)
        if area is ThematicArea.PRISONS:
            _prisons(ctx, part)
        for index, text in enumerate(
            ctx.writer.section(acts, f"area.{area.value}", str(area.label))
        ):
            part.add(f"area.{area.value}.{index}", text)
        _add_highlights(ctx, part, area.value, True)
    themes = _cross_cutting(ctx)
    if themes.items:
        parts.append(themes)
    parts += [_partnerships(ctx), _monitoring(ctx), _conclusions()]
    figures = {**figures, **writer.figures}
    return parts, figures, ctx.notes
