"""On the demo programme for the seed's period (1 June 2019 – 31 May 2020) the generated draft
reads like the seed report: its headings in its order, more than 80 numbered paragraphs, no
code or internal name in the text, every number in the text one of the named figures, and the
other modules' figures in it; a region without activities in a period is left out."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone, translation

from ctassist.assistance.models import Activity, Project
from ctassist.geo.models import State
from ctassist.mla.models import Network
from ctassist.reports.document import Report, report_build

pytestmark = pytest.mark.django_db

START, END = dt.date(2019, 6, 1), dt.date(2020, 5, 31)
SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_ec7bf9c5ddd3ee24.txt"

# The seed's headings, in its order (its regional headings are the office's regions, which the
# demo programme's countries reach; South-Eastern Europe has no demo activity: see below).
SEED_HEADINGS = [
    "I. Introduction",
    "II. Delivery of technical assistance",
    "A. Criminal justice responses to terrorism",
    "1. Legislative assistance",
    "2. Policy and strategy development",
    "3. Capacity-building on criminal justice responses to terrorism",
    "Middle East and North Africa",
    "West and Central Africa",
    "East Africa",
    "South and South-East Asia",
    "Central Asia",
    "Latin America and the Caribbean",
    "Cross-regional capacity-building activities",
    "Global capacity-building activities",
    "4. International cooperation and mutual legal assistance",
    "5. Prison reform, rehabilitation and reintegration",
    "B. Partnerships",
    "C. Monitoring and evaluation",
    "III. Conclusions",
]
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker) -> Report:
    with django_db_blocker.unblock(), translation.override("en"):
        return report_build(START, END)


def _body(report: Report) -> list[str]:
    return [p for part in report.parts for p in part.paragraphs]


def test_the_seed_headings_in_the_seed_order(report):
    headings = [part.heading for part in report.parts]
    positions = [headings.index(h) for h in SEED_HEADINGS]
    assert positions == sorted(positions)
    # The seed's own top-level headings, as the seed writes them.
    seed = SEED.read_text(encoding="utf-8") if SEED.exists() else ""
    for heading in ("I. Introduction", "B. Partnerships", "III. Conclusions"):
        assert not seed or heading in seed


def test_more_than_80_numbered_paragraphs(report):
    assert len(_body(report)) >= 80
    words = sum(len(p.split()) for p in _body(report))
    assert words > 4000


def test_every_number_in_the_text_is_a_named_figure(report):
    """A number written with digits is a figure's text (or part of a date, a year or a name
    such as COVID-19); numbers under ten are written in words by the same figures."""
    allowed = set()
    for figure in report.figures.values():
        allowed.update(re.findall(r"\d[\d,]*", figure.text))
    body = " ".join(_body(report))
    body = re.sub(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b", " DATE ", body)
    body = re.sub(rf"\b(?:{MONTHS}) \d{{4}}\b", " DATE ", body)
    body = re.sub(r"\b(?:COVID|Protocol|Goal)[- ]\d+\b", " NAME ", body)
    body = re.sub(r"\b(?:19[4-9]\d|20\d\d)\b", " YEAR ", body)
    unexplained = [n for n in re.findall(r"\d[\d,]*\d|\d", body) if n not in allowed]
    assert not unexplained
    # Each narrative number is one of the figures the annex lists.
    assert any(name.startswith("narrative.") for name in report.figures)


def test_no_code_or_internal_name_in_the_text(report):
    body = " ".join(_body(report))
    assert not re.search(r"\b[a-z]+[._][a-z]+\b", body), re.findall(r"\b[a-z]+[._][a-z]+\b", body)
    codes = set(Network.objects.values_list("code", flat=True))
    assert not [c for c in codes if re.search(rf"\b{re.escape(c)}\b", body)]
    states = set(State.objects.values_list("code", flat=True))
    assert not [c for c in states if re.search(rf"\b{c}\b", body)]
    for internal in ("(demo)", "elearning", "expert_group", "in_person", "M49", "None"):
        assert internal not in body


def test_the_other_modules_figures_are_in_the_text(report):
    body = " ".join(_body(report))
    for name in ("library.legislation", "mla.facilitated", "evaluations.completed"):
        assert name in report.figures, name
    assert f"contains {report.figures['library.legislation'].text} pieces of legislation" in body
    assert f"cooperation on {report.figures['mla.facilitated'].text} requests" in body
    assert f"completed {report.figures['evaluations.completed'].text} evaluations" in body
    assert f"{report.figures['evaluations.implemented_share'].text} have been" in body
    # Case monitoring, prisons and the learning platform (¶21–¶27, ¶68–¶75, ¶56) have demo
    # records in the seed's period too.
    assert f"{report.figures['cases.opened'].text} case files were opened" in body
    assert f"{report.figures['prisons.assessed'].text} risk and needs assessments" in body
    users = report.figures["learning.users"]
    assert users.value > 0
    assert (
        f"{users.text} practitioners from {report.figures['learning.countries'].text} countries "
        "joined the platform" in body
    )
    assert f"{report.figures['learning.webinars'].text} webinars were carried out" in body
    # A recent period has those modules' records but no programme activity: their paragraphs
    # are there, and nothing is said of the activities.
    today = timezone.localdate()  # those demos are dated relative to the day they are made
    with translation.override("en"):
        recent = report_build(today - dt.timedelta(days=550), today + dt.timedelta(days=200))
    recent_body = " ".join(_body(recent))
    assert f"{recent.figures['cases.opened'].text} case files were opened" in recent_body
    assert f"{recent.figures['learning.webinars'].text} webinars were carried out" in recent_body
    assert recent.figures["activities"].value == 0  # no demo activity then: nothing said of it
    assert "zero" not in recent_body and " 0 " not in recent_body


def test_grouping_and_un_style(report):
    body = " ".join(_body(report))
    assert re.search(rf"In (?:{MONTHS}) \d{{4}}, the Office delivered", body)
    assert re.search(r"delivered (?:two|three|four|five|six|seven|eight|nine|\d+) \w+", body)
    assert "the Niger" in body and " Niger," not in body.replace("the Niger", "")
    assert "per cent" in body and "%" not in body
    assert "more than 150" in body


def test_a_region_without_activities_is_left_out(persona):
    """South-Eastern Europe has no demo activity; one activity in Albania brings its heading,
    and a period where no activity took place there leaves it out again."""
    day = dt.date(2043, 3, 2)
    period = (dt.date(2042, 6, 1), dt.date(2043, 5, 31))
    project = Project.objects.create(
        code="SEE-1", title="see", thematic_area="capacity", start=period[0], end=period[1]
    )
    Activity.objects.create(
        project=project,
        title="Detecting returning foreign terrorist fighters at borders",
        kind="training",
        modality="in_person",
        start=day,
        end=day,
        country=State.objects.get(code="ALB"),
        thematic_area="capacity",
    )
    with translation.override("en"):
        with_it = [p.heading for p in report_build(*period).parts]
        before = [p.heading for p in report_build(dt.date(2041, 6, 1), dt.date(2042, 5, 31)).parts]
    assert "South-Eastern Europe" in with_it
    assert "West and Central Africa" not in with_it
    assert "South-Eastern Europe" not in before
    assert "3. Capacity-building on criminal justice responses to terrorism" in before
