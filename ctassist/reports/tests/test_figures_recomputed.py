"""Every figure, counted a second way: varied random programmes (people at several activities,
both sexes and unrecorded, every agency, activities on the period's edges and just outside,
partners, outcome records, field offices, indicators, network facilitations, case files) and the
demo programme; each figure of the periodic report, each table of the assistance dashboard, the
MLA statistics and case monitoring is recounted here in plain Python from the raw rows, never by
the code under test, and must be equal."""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone, translation

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
    Project,
    Result,
    ThematicArea,
)
from ctassist.assistance.selectors import Filters, dashboard
from ctassist.cases.models import (
    CaseFile,
    Charge,
    Membership,
    Person,
    ReviewCampaign,
    ReviewItem,
    Unit,
)
from ctassist.cases.models import Stage as CaseStage
from ctassist.cases.selectors import case_figures_for, dashboard_for
from ctassist.geo.models import Region, State
from ctassist.mla.models import Facilitation, TrackedRequest
from ctassist.mla.selectors import mla_statistics
from ctassist.mla.tests.factories import FacilitationFactory, NetworkFactory, TrackedRequestFactory
from ctassist.reports.editorial import more_than, number_text
from ctassist.reports.figures import period_figures

pytestmark = pytest.mark.django_db

DEMO = (dt.date(2019, 6, 1), dt.date(2020, 5, 31))
RANDOM = (dt.date(2041, 6, 1), dt.date(2042, 5, 31))  # no demo record reaches this far


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """Often the period's first or last day, or the day just outside; otherwise any day."""
    edges = [start, end, start - dt.timedelta(days=1), end + dt.timedelta(days=1)]
    if rng.random() < 0.4:
        return rng.choice(edges)
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _programme(seed: int) -> None:
    rng = random.Random(seed)
    start, end = RANDOM
    states = list(State.objects.filter(code__in=["NGA", "KEN", "JOR", "LKA", "COL", "FRA"]))
    project = Project.objects.create(
        code=f"RND-{seed}", title="random", thematic_area="policy", start=start, end=end
    )
    partners = [
        Organisation.objects.create(name=f"Partner {seed}-{i}", short_name=f"P{seed}{i}" * (i % 2))
        for i in range(3)  # every second one without a short name
    ]
    activities = []
    for i in range(rng.randint(15, 30)):
        day = _day(rng, start, end)
        activity = Activity.objects.create(
            project=project,
            title=f"activity {i}",
            kind=rng.choice(Activity.Kind.values),
            modality=rng.choice(Activity.Modality.values),
            start=day,
            end=day,
            country=rng.choice([*states, None]),
            thematic_area=rng.choice(ThematicArea.values),
        )
        activity.partners.set(rng.sample(partners, rng.randint(0, len(partners))))
        activities.append(activity)
    people = [
        Participant.objects.create(
            full_name=rng.choice(["Amina Bello", "John Smith", "Li Wei"]),  # names repeat
            sex=rng.choice(Participant.Sex.values),
            agency=Participant.Agency.values[i % len(Participant.Agency.values)],
            country=rng.choice(states),
        )
        for i in range(rng.randint(20, 40))
    ]
    for person in people:
        for activity in rng.sample(activities, rng.randint(0, 5)):
            Attendance.objects.create(activity=activity, participant=person)
    for _ in range(rng.randint(3, 10)):
        OutcomeRecord.objects.create(
            kind=rng.choice(OutcomeRecord.Kind.values),
            on=_day(rng, start, end),
            country=rng.choice(states),
            count=rng.randint(0, 20),
            source="random",
        )
    for i in range(3):
        opened = _day(rng, start, end)
        FieldOffice.objects.create(
            name=f"Office {seed}-{i}",
            country=rng.choice(states),
            opened=opened - dt.timedelta(days=rng.choice([0, 400])),
            closed=rng.choice([None, opened + dt.timedelta(days=rng.randint(0, 30))]),
        )
    result = Result.objects.create(project=project, level="2", title="r")
    for i in range(4):
        indicator = Indicator.objects.create(
            result=result, project=project, code=f"I{i}", title="i", ascending=rng.random() < 0.5
        )
        period = IndicatorPeriod.objects.create(
            indicator=indicator, start=_day(rng, start, end), end=end + dt.timedelta(days=1)
        )
        if rng.random() < 0.8:
            IndicatorValue.objects.create(
                period=period, kind="target", value=Decimal(rng.randint(1, 10)), source="plan"
            )
        if rng.random() < 0.8:
            IndicatorValue.objects.create(
                period=period,
                kind="actual",
                value=Decimal(rng.randint(1, 10)),
                source="register",
                approved_at=rng.choice([None, timezone.now()]),
            )
    networks = [NetworkFactory(code=f"rnd-{seed}-{i}") for i in range(2)]
    for _ in range(rng.randint(3, 8)):
        executed = rng.random() < 0.5
        sent = _day(rng, start, end)
        requesting, requested = rng.sample(states, 2)
        tracked = TrackedRequestFactory(
            requesting_state=requesting,
            requested_state=requested,
            status=TrackedRequest.Status.EXECUTED if executed else TrackedRequest.Status.SENT,
            sent_on=sent,
            executed_on=sent + dt.timedelta(days=rng.randint(1, 90)) if executed else None,
        )
        for _ in range(rng.randint(1, 3)):  # the same request, helped again
            FacilitationFactory(
                network=rng.choice(networks), tracked=tracked, on=_day(rng, start, end)
            )
    nigeria = State.objects.get(code="NGA")
    unit = Unit.objects.create(code=f"rnd-unit-{seed}", name="unit", country=nigeria)
    campaign = ReviewCampaign.objects.create(unit=unit, name="random review")
    for i in range(rng.randint(4, 10)):
        status = rng.choice(CaseFile.Status.values)
        case = CaseFile.objects.create(
            unit=unit,
            title=f"case {i}",
            stage=rng.choice(CaseStage.values),
            status=status,
            status_reason="" if status == "open" else "random",
            opened_on=_day(rng, start - dt.timedelta(days=200), end),
            juvenile=rng.random() < 0.2,
        )
        for j in range(rng.randint(0, 3)):
            accused = Person.objects.create(case=case, role="accused", full_name=f"Accused {j}")
            for _ in range(rng.randint(0, 2)):
                disposition = rng.choice(Charge.Disposition.values)
                Charge.objects.create(
                    person=accused,
                    offence=rng.choice(["financing", "membership"]),
                    disposition=disposition,
                    disposition_date=(
                        rng.choice([None, _day(rng, start, end)])
                        if disposition == "pending"
                        else _day(rng, start, end)
                    ),
                )
        outcome = rng.choice(["", *ReviewItem.Outcome.values])
        ReviewItem.objects.create(
            campaign=campaign,
            case=case,
            outcome=outcome,
            reasons="random" if outcome else "",
            reviewed_on=_day(rng, start, end),
        )


# --- the report's figures --------------------------------------------------------------------


def _expected_report(start: dt.date, end: dt.date) -> dict[str, int | float]:
    inside = {a.pk: a for a in Activity.objects.all() if start <= a.start <= end}
    attendance = Attendance.objects.values("activity_id", "participant_id")
    people = {row["participant_id"] for row in attendance if row["activity_id"] in inside}
    sexes = dict(Participant.objects.values_list("pk", "sex"))
    women = sum(1 for p in people if sexes[p] == "female")
    states = {s.pk: s for s in State.objects.select_related("region")}
    expected: dict[str, int | float] = {
        "activities": len(inside),
        "participants": len(people),
        "countries": len({a.country_id for a in inside.values() if a.country_id}),
        "women_share": round(100 * women / len(people), 1) if people else 0.0,
        "online_activities": sum(1 for a in inside.values() if a.modality != "in_person"),
    }
    counts: Counter[str] = Counter()
    mapping = _region_rows()
    for activity in inside.values():
        counts[f"activities.{activity.thematic_area}"] += 1
        region = (
            _office_region(states[activity.country_id], mapping) if activity.country_id else None
        )
        if region is not None:
            counts[f"activities.region.{region}"] += 1
    for record in OutcomeRecord.objects.all():
        if start <= record.on <= end:
            counts[f"outcomes.{record.kind}"] += record.count
    for kind in {r.kind for r in OutcomeRecord.objects.all() if start <= r.on <= end}:
        counts.setdefault(f"outcomes.{kind}", 0)
    expected.update(counts)
    expected["field_presence"] = len(
        {
            o.country_id
            for o in FieldOffice.objects.all()
            if o.opened <= end and (o.closed is None or o.closed >= start)
        }
    )
    with_target = met = 0
    for period in IndicatorPeriod.objects.select_related("indicator"):
        if not (period.start <= end and period.end >= start):
            continue
        values = {(v.kind, v.sex): v for v in IndicatorValue.objects.filter(period=period)}
        target = values.get(("target", "total"))
        actual = values.get(("actual", "total"))
        if target is None or actual is None or actual.approved_at is None:
            continue
        with_target += 1
        up = period.indicator.ascending
        met += actual.value >= target.value if up else actual.value <= target.value
    expected["indicators.with_target"] = with_target
    expected["indicators.met"] = met
    helped: dict[str, set[int]] = defaultdict(set)
    for row in Facilitation.objects.values("on", "tracked_id", "network__code"):
        if start <= row["on"] <= end:
            helped[row["network__code"]].add(row["tracked_id"])
    expected["mla.facilitated"] = len(set().union(*helped.values()))
    for code, tracked in helped.items():
        expected[f"mla.facilitated.network.{code}"] = len(tracked)
    expected.update(_expected_modules(start, end))
    return expected


def _region_rows() -> dict[str, str]:
    """The shipped mapping file, read here line by line (not through the code under test)."""
    from ctassist.reports.regions import DEFAULT_MAPPING

    rows = {}
    for line in DEFAULT_MAPPING.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            code, region = line.split(",", 1)
            rows[code.strip()] = region.strip()
    return rows


def _office_region(state: State, rows: dict[str, str]) -> str | None:
    for level in (state, state.intermediate_region, state.subregion, state.region):
        code = getattr(level, "code", None) or getattr(level, "m49", None)
        if level is not None and code in rows:
            return rows[code]
    return state.region.name_en if state.region else None


def _expected_learning(start: dt.date, end: dt.date) -> dict[str, int | float]:
    """The learning platform's figures (¶56), recounted from its rows by its documented rules."""
    from ctassist.learning.models import Course, Enrolment, Registration, Webinar, WebinarAttendance

    def within(moment: Any) -> bool:
        return moment is not None and start <= timezone.localtime(moment).date() <= end

    users = [
        r for r in Registration.objects.all()
        if r.status == "approved" and r.user_id and within(r.decided_at)
    ]  # fmt: skip
    courses = [
        c for c in Course.objects.all()
        if c.published_on and c.published_on <= end and (c.ends is None or c.ends >= start)
    ]  # fmt: skip
    now = timezone.now()
    held = {w.pk for w in Webinar.objects.all() if within(w.start) and w.start <= now}
    attended = [a for a in WebinarAttendance.objects.all() if a.attended and a.webinar_id in held]
    enrolments = list(Enrolment.objects.all())
    trained = {("user", e.user_id) for e in enrolments if within(e.completed_at)}
    trained |= {("user", a.user_id) for a in attended if a.user_id}
    trained |= {("guest", a.guest_id) for a in attended if a.guest_id}
    enrolled = {e.user_id for e in enrolments if within(e.enrolled_at)}
    if not (users or enrolled or held or trained):
        return {}
    return {
        "learning.users": len(users),
        "learning.countries": len({r.country_id for r in users}),
        "learning.courses": len(courses),
        "learning.course_participants": len(enrolled),
        "learning.webinars": len(held),
        "learning.practitioners_trained": len(trained),
    }


def _expected_modules(start: dt.date, end: dt.date) -> dict[str, int | float]:
    from ctassist.evaluations.models import Action, Evaluation, Recommendation
    from ctassist.library.models import Record
    from ctassist.prisons.models import Assessment, Cell, Enrolment, Prison

    expected: dict[str, int | float] = {}
    works: dict[str, set[str]] = defaultdict(set)
    countries: dict[str, set[int]] = defaultdict(set)
    for record in Record.objects.all():
        if record.status == "published":
            works[record.type].add(record.work or f"#{record.pk}")
            if record.country_id:
                countries[record.type].add(record.country_id)
    for kind in ("legislation", "case", "strategy"):
        if works[kind]:
            expected[f"library.{kind}"] = len(works[kind])
            expected[f"library.{kind}.countries"] = len(countries[kind])
    done = [
        c for c in Charge.objects.all()
        if c.disposition_date and start <= c.disposition_date <= end
    ]  # fmt: skip
    cases = {
        "cases.opened": sum(1 for c in CaseFile.objects.all() if start <= c.opened_on <= end),
        "cases.convicted": sum(1 for c in done if c.disposition == "convicted"),
        "cases.acquitted": sum(1 for c in done if c.disposition == "acquitted"),
        "cases.reviewed": sum(
            1 for r in ReviewItem.objects.all() if r.reviewed_on and start <= r.reviewed_on <= end
        ),
    }
    if any(cases.values()):
        expected.update(cases)
    approved = [
        a for a in Assessment.objects.all()
        if a.status == "approved" and start <= a.assessed_on <= end
    ]  # fmt: skip
    completed = [
        e for e in Enrolment.objects.all()
        if e.outcome == "completed" and e.ended_on and start <= e.ended_on <= end
    ]  # fmt: skip
    if approved or completed:
        expected["prisons.assessed"] = len(approved)
        expected["prisons.high_risk"] = sum(1 for a in approved if a.level == "high")
        expected["prisons.places.high"] = sum(
            c.capacity
            for c in Cell.objects.select_related("unit")
            if c.unit.security_level == "high"
        )
        expected["prisons.prisons"] = Prison.objects.count()
        expected["prisons.interventions"] = len(completed)
    expected.update(_expected_learning(start, end))
    finished = [
        e
        for e in Evaluation.objects.all()
        if e.final_report_on and start <= e.final_report_on <= end
    ]
    live = [
        a for a in Action.objects.select_related("recommendation__evaluation")
        if a.recommendation.evaluation.final_report_on
        and a.recommendation.evaluation.final_report_on <= end
        and a.status != "not_applicable"
        and a.recommendation.response in ("accepted", "partial")
    ]  # fmt: skip
    if finished or live:
        implemented = sum(1 for a in live if a.status == "implemented")
        expected["evaluations.completed"] = len(finished)
        expected["evaluations.recommendations"] = Recommendation.objects.filter(
            evaluation__in=finished
        ).count()
        expected["evaluations.implemented_share"] = (
            round(100 * implemented / len(live), 1) if live else 0.0
        )
    return expected


def _check_report(start: dt.date, end: dt.date) -> None:
    with translation.override("en"):
        figures = period_figures(start, end)
        expected = _expected_report(start, end)
        assert {name: f.value for name, f in figures.items()} == expected
        for name in ("activities", "participants"):
            assert figures[name].text == more_than(int(expected[name]))
        assert figures["countries"].text == number_text(int(expected["countries"]))


# --- the assistance dashboard ----------------------------------------------------------------


def _table(rows: list[tuple[str, int]]) -> dict[str, int]:
    names = [name for name, _ in rows]
    assert len(names) == len(set(names)), f"a group twice: {rows}"
    return dict(rows)


def _check_dashboard(start: dt.date, end: dt.date) -> None:
    with translation.override("en"):
        board = dashboard(Filters(start=start, end=end))
        inside = {a.pk: a for a in Activity.objects.all() if start <= a.start <= end}
        states = {s.pk: s for s in State.objects.select_related("region")}
        region_names = {r.m49: r.name for r in Region.objects.filter(level="region")}
        attendance = Attendance.objects.values("activity_id", "participant_id")
        people = {row["participant_id"] for row in attendance if row["activity_id"] in inside}
        rows = {p.pk: p for p in Participant.objects.all() if p.pk in people}
        by_region: Counter[str] = Counter()
        for activity in inside.values():
            region = states[activity.country_id].region if activity.country_id else None
            m49 = region.m49 if region else None
            by_region[str(region_names.get(m49, m49))] += 1
        kinds, sexes = dict(Activity.Kind.choices), dict(Participant.Sex.choices)
        agencies = dict(Participant.Agency.choices)
        assert board.activities == len(inside) and board.participants == len(people)
        assert _table(board.by_region) == by_region
        assert _table(board.by_kind) == Counter(str(kinds[a.kind]) for a in inside.values())
        assert _table(board.by_month) == Counter(f"{a.start:%Y-%m}" for a in inside.values())
        assert _table(board.by_sex) == Counter(str(sexes[p.sex]) for p in rows.values())
        assert _table(board.by_agency) == Counter(str(agencies[p.agency]) for p in rows.values())


# --- MLA statistics and case monitoring --------------------------------------------------------


def _check_mla(start: dt.date, end: dt.date) -> None:
    stats = mla_statistics(date_from=start, date_to=end)
    pairs = {
        (row["network__code"], row["tracked_id"])
        for row in Facilitation.objects.values("on", "tracked_id", "network__code")
        if start <= row["on"] <= end
    }
    ids = {tracked for _, tracked in pairs}
    tracked = [
        t
        for t in TrackedRequest.objects.select_related("requesting_state", "requested_state")
        if t.pk in ids
    ]
    by_state: Counter[str] = Counter()
    for item in tracked:
        by_state[item.requesting_state.code] += 1
        by_state[item.requested_state.code] += 1
    days = [
        (t.executed_on - t.sent_on).days
        for t in tracked
        if t.status == "executed" and t.sent_on and t.executed_on
    ]
    assert stats.requests_facilitated == len(ids)
    assert stats.by_status == Counter(t.status for t in tracked)
    assert stats.by_state == by_state
    assert stats.by_network == Counter(code for code, _ in pairs)
    assert stats.executed == len(days)
    assert stats.median_days_sent_to_executed == (statistics.median(days) if days else None)


def _visible_cases(user: Any) -> dict[int, CaseFile]:
    """Admins see every case; a member, the cases of their units in their countries (a child's
    case only with juvenile access)."""
    cases = {c.pk: c for c in CaseFile.objects.select_related("unit__country")}
    if user.role == "admin":
        return cases
    scope = set(user.countries.values_list("code", flat=True))
    access = {m.unit_id: m.juvenile_access for m in Membership.objects.filter(user=user)}
    return {
        pk: c
        for pk, c in cases.items()
        if c.unit_id in access
        and c.unit.country.code in scope
        and (not c.juvenile or access[c.unit_id])
    }


def _check_cases(user: Any, start: dt.date, end: dt.date) -> None:
    cases = _visible_cases(user)
    persons = {p.pk: p.case_id for p in Person.objects.all()}
    charges = [c for c in Charge.objects.all() if persons[c.person_id] in cases]
    board = dashboard_for(user=user, today=end)
    open_cases = [c for c in cases.values() if c.status == "open"]
    assert board.open_cases == len(open_cases)
    assert board.by_stage == Counter(c.stage for c in open_cases)
    assert board.outcomes == Counter(c.disposition for c in charges)
    figures = case_figures_for(user=user, start=start, end=end)
    done = [c for c in charges if c.disposition_date and start <= c.disposition_date <= end]
    waits = sorted((c.disposition_date - cases[persons[c.person_id]].opened_on).days for c in done)
    by_offence = Counter((c.offence, c.disposition) for c in done)
    reviewed = [
        r for r in ReviewItem.objects.all()
        if r.case_id in cases and r.reviewed_on and start <= r.reviewed_on <= end
    ]  # fmt: skip
    assert figures.cases_opened == sum(1 for c in cases.values() if start <= c.opened_on <= end)
    assert figures.open_at_end == len(open_cases)
    assert figures.outcomes == Counter(c.disposition for c in done)
    assert sorted(figures.outcomes_by_offence) == sorted(
        (o, d, n) for (o, d), n in by_offence.items()
    )
    assert figures.median_days_to_disposition == (waits[len(waits) // 2] if waits else None)
    assert figures.files_reviewed == Counter(r.outcome for r in reviewed)


# --- the checks ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_figure_recounted_on_a_random_programme(seed, persona):
    _programme(seed)
    start, end = RANDOM
    _check_report(start, end)
    _check_dashboard(start, end)
    _check_mla(start, end)
    admin = persona("admin", role="admin")
    member = persona("member", role="practitioner", countries=("NGA",))
    for unit in {c.unit for c in CaseFile.objects.filter(unit__code__startswith="rnd-unit-")}:
        Membership.objects.create(unit=unit, user=member, juvenile_access=seed % 2 == 0)
    assert _visible_cases(member)  # the member's check is not an empty one
    for user in (admin, member):
        _check_cases(user, start, end)


def test_every_figure_recounted_on_the_demo_programme(persona):
    start, end = DEMO
    _check_report(start, end)
    _check_dashboard(start, end)
    _check_mla(start, end)
    _check_cases(persona("admin", role="admin"), start, end)
