"""The office's regions come from a CSV mapping: the most specific row wins (State, then
intermediate region, sub-region, region), a State no row reaches falls back to its UN M49
region, and an office can point the setting at its own file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from ctassist.core.errors import InvalidInput
from ctassist.geo.models import State
from ctassist.reports.document import report_build
from ctassist.reports.regions import region_mapping, state_regions

pytestmark = pytest.mark.django_db


def _regions(*codes: str) -> dict[str, str]:
    states = list(State.objects.filter(code__in=codes))
    found = state_regions(states)
    return {s.code: found[s.pk] for s in states if s.pk in found}


def test_the_shipped_mapping_follows_the_seed():
    assert _regions("NER", "KEN", "IRQ", "TUN", "PHL", "KAZ", "COL", "ALB", "FRA", "AUS") == {
        "NER": "West and Central Africa",  # intermediate region 011
        "KEN": "East Africa",
        "IRQ": "Middle East and North Africa",  # sub-region 145
        "TUN": "Middle East and North Africa",  # sub-region 015
        "PHL": "South and South-East Asia",
        "KAZ": "Central Asia",
        "COL": "Latin America and the Caribbean",
        "ALB": "South-Eastern Europe",  # a State's own row
        "FRA": "Europe",  # no row: its M49 region
        "AUS": "Oceania",
    }


def test_an_office_mapping_replaces_the_default(settings, tmp_path):
    mapping = tmp_path / "regions.csv"
    mapping.write_text(
        "code,region\n# the Lake Chad Basin\nNGA,Lake Chad Basin\nNER,Lake Chad Basin\n"
        "TCD,Lake Chad Basin\n002,Rest of Africa\n",
        encoding="utf-8",
    )
    settings.CTASSIST_REPORT_REGIONS = str(mapping)
    assert _regions("NGA", "NER", "KEN", "IRQ") == {
        "NGA": "Lake Chad Basin",
        "NER": "Lake Chad Basin",
        "KEN": "Rest of Africa",
        "IRQ": "Asia",
    }
    with translation.override("en"):
        headings = [
            p.heading for p in report_build(dt.date(2019, 6, 1), dt.date(2020, 5, 31)).parts
        ]
    assert "Lake Chad Basin" in headings and "West and Central Africa" not in headings


def test_a_broken_mapping_is_refused_with_its_line(settings, tmp_path):
    mapping = tmp_path / "regions.csv"
    mapping.write_text("code,region\nNGA,\n", encoding="utf-8")
    settings.CTASSIST_REPORT_REGIONS = str(mapping)
    with pytest.raises(InvalidInput, match="line 2"):
        region_mapping()
    mapping.write_text("state;region\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="columns code and region"):
        region_mapping()
