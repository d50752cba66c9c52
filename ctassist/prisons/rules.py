"""The prisons' rules, pure Python: where a prisoner may be housed (capacity, separation, high
risk) and which level an instrument's rule suggests from the ratings. Services, the importer,
the web, the API and the CLI all ask these functions; nothing else decides."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

LEVELS = ("low", "medium", "high")


@dataclass(frozen=True)
class Placement:
    """What the housing rule needs to know: who the prisoner is on that day, and the cell."""

    child: bool
    sex: str
    level: str
    cell_label: str
    capacity: int
    occupied: int
    unit_holds: str
    unit_allows_high_risk: bool


def housing_refusal(place: Placement) -> str | None:
    """Why the prisoner may not go to this cell, or None. Children are held apart from adults,
    women apart from men; a high-risk prisoner only in a unit that allows it; never above a
    cell's capacity."""
    if place.occupied >= place.capacity:
        return _("Cell %(cell)s is full: %(used)s of %(capacity)s places in use.") % {
            "cell": place.cell_label,
            "used": place.occupied,
            "capacity": place.capacity,
        }
    group = "children" if place.child else ("women" if place.sex == "female" else "adult_men")
    if group != place.unit_holds:
        reasons = {
            "children": _("A child is held apart from adults: only in a unit for children."),
            "women": _("A woman is held apart from men: only in a unit for women."),
            "adult_men": _("An adult man may not be housed in a unit for women or children."),
        }
        return reasons[group]
    if place.level == "high" and not place.unit_allows_high_risk:
        return _("A high-risk prisoner may be housed only in a unit that allows high risk.")
    return None


def level_suggest(rule: dict[str, Any], ratings: Iterable[tuple[int, bool, bool, int]]) -> str:
    """The level an instrument's rule suggests. `ratings` are (value, protective, key item,
    scale's top value). The rule: {"high_from": N, "medium_from": M, "key_item_level": L}; the
    score is the risk items' points less the protective items' points."""
    score = 0
    floor = "low"
    for value, protective, key, top in ratings:
        score += -value if protective else value
        if key and not protective and value >= top:
            floor = _max(floor, str(rule.get("key_item_level", "medium")))
    if score >= int(rule.get("high_from", 10**6)):
        level = "high"
    elif score >= int(rule.get("medium_from", 10**6)):
        level = "medium"
    else:
        level = "low"
    return _max(level, floor)


def _max(a: str, b: str) -> str:
    return a if LEVELS.index(a) >= LEVELS.index(b) else b


def rule_problems(rule: dict[str, Any]) -> list[str]:
    """What is wrong with an instrument's rule (an instrument is data: it is checked on load)."""
    problems = []
    for name in ("high_from", "medium_from"):
        if not isinstance(rule.get(name), int):
            problems.append(f"{name}: a whole number")
    if not problems and rule["medium_from"] > rule["high_from"]:
        problems.append("medium_from must not exceed high_from")
    if rule.get("key_item_level", "medium") not in LEVELS:
        problems.append("key_item_level: low, medium or high")
    return problems
