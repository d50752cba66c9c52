"""Prison fixtures: a Kenyan prison with its officer (the owner), a supervisor colleague, the
staff of another prison (the outsider), an analyst of Kenya and the public; units for adult
men (high security allowing high risk; medium), women and children, with small cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from ctassist.geo.models import State
from ctassist.prisons.models import Cell, Prison, Prisoner
from ctassist.prisons.services import (
    RatingGiven,
    member_set,
    prison_save,
    prisoner_admit,
    unit_save,
)

DAY = dt.date(2025, 3, 1)


@dataclass
class Site:
    prison: Prison
    other: Prison
    officer: Any
    supervisor: Any
    outsider: Any
    analyst: Any
    cells: dict[str, Cell]

    def admit(self, number: str, **given: Any) -> Prisoner:
        values = {
            "full_name": f"Generated {number}",
            "sex": "male",
            "date_of_birth": dt.date(1990, 5, 5),
            "admitted_on": DAY,
            **given,
        }
        return prisoner_admit(actor=self.officer, prison=self.prison, number=number, **values)


@pytest.fixture
def site(persona: Any) -> Site:
    kenya = State.objects.get(code="KEN")
    prison = prison_save(actor=None, code="test-ken", name="Test prison", country=kenya)
    other = prison_save(actor=None, code="test-ken-2", name="Other prison", country=kenya)
    officer = persona("prison-officer", countries=("KEN",))
    supervisor = persona("prison-supervisor", countries=("KEN",))
    outsider = persona("prison-outsider", countries=("KEN",))
    analyst = persona("prison-analyst", role="analyst", countries=("KEN",))
    member_set(actor=None, prison=prison, username="prison-officer")
    member_set(actor=None, prison=prison, username="prison-supervisor", head=True, supervisor=True)
    member_set(actor=None, prison=other, username="prison-outsider", supervisor=True)
    units = {
        "H": ("high", "adult_men", True, 1),
        "M": ("medium", "adult_men", False, 2),
        "W": ("medium", "women", False, 2),
        "J": ("low", "children", False, 2),
    }
    cells = {}
    for code, (level, holds, high, capacity) in units.items():
        unit = unit_save(
            actor=None,
            prison=prison,
            code=code,
            name=f"Unit {code}",
            security_level=level,
            holds=holds,
            allows_high_risk=high,
            cells=[("1", capacity)],
        )
        cells[code] = unit.cells.get()
    return Site(prison, other, officer, supervisor, outsider, analyst, cells)


def ratings_for(values: dict[str, int]) -> list[RatingGiven]:
    """Ratings of the demo's illustrative instrument: 0 unless named, evidence where above 0."""
    from ctassist.prisons.models import Item
    from ctassist.prisons.selectors import instrument_current

    instrument = instrument_current()
    codes = [
        f"{i.domain.code}.{i.code}"
        for i in Item.objects.filter(domain__instrument=instrument).select_related("domain")
    ]
    return [
        RatingGiven(
            item=code,
            value=values.get(code, 0),
            evidence="seen in the file" if values.get(code) else "",
            source="officer's report" if values.get(code) else "",
        )
        for code in codes
    ]


HIGH = {"outlook.justifies": 2, "ties.group": 2, "ties.intent": 2, "record.acts": 2}
