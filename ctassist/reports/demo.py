"""Illustrative highlight paragraphs for the demo period (June 2019 – May 2020), written in the
style of the seed report; each is labelled as demo text."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ctassist.core.setup import Progress
from ctassist.geo.models import Region
from ctassist.reports.models import Highlight
from ctassist.reports.services import highlight_create

HIGHLIGHTS = (
    (
        dt.date(2019, 9, 12),
        "capacity",
        "011",
        "In West Africa, mentors placed with the specialized prosecution units helped to prepare "
        "case files on the basis of evidence collected with special investigative techniques "
        "(illustrative text).",
    ),
    (
        dt.date(2019, 11, 5),
        "legislative",
        None,
        "A model chapter on the criminalization of the financing of travel by foreign terrorist "
        "fighters was made available to States drafting amendments (illustrative text).",
    ),
    (
        dt.date(2020, 2, 20),
        "prisons",
        "143",
        "In Central Asia, prison staff were trained in the assessment of risks and needs of "
        "violent extremist prisoners (illustrative text).",
    ),
    (
        dt.date(2020, 4, 15),
        "cooperation",
        None,
        "With travel restricted, the networks of central authorities moved their meetings online "
        "and shared notices on urgent requests (illustrative text).",
    ),
)


@transaction.atomic
def highlights_demo_load(*, progress: Progress | None = None) -> int:
    if Highlight.objects.filter(illustrative=True).exists():
        return 0
    regions = {r.m49: r for r in Region.objects.all()}
    for on, area, region, text in HIGHLIGHTS:
        highlight_create(
            actor=None,
            on=on,
            thematic_area=area,
            region=regions.get(region) if region else None,
            text=text,
            status=Highlight.Status.READY,
            illustrative=True,
        )
    return len(HIGHLIGHTS)
