"""Risk rules: pre-determined, plain criteria that analysts write and people review (EU PNR
Directive art. 6(4); CJEU C-817/19: no self-learning criteria). Pure Python, no Django models.

A rule's criteria (all given ones must be met; at least one must be given):

- `departure_airports`: the traveller's journey starts at one of these airports (IATA codes);
- `arrival_airports`: it ends at one of these;
- `via_airports`: the flight's routing or the booked itinerary passes through one of these;
- `booked_within_hours`: the booking was made at most this many hours before departure;
- `payment_kinds`: paid with one of these forms of payment (CA cash, CC card, MS other, …);
- `one_way`: the booking holds no return to the airport where it starts.

Deliberately absent: nationality, sex, age, names and any free text. A rule on who a person
is rather than how they travel would discriminate (art. 6(4)); free text may reveal what the
sensitive-data filter missed. Each hit says which criteria were met and with what values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from ctassist.core.errors import FieldProblem, InvalidInput

AIRPORT = re.compile(r"^[A-Z]{3}$")
PAYMENT = re.compile(r"^[A-Z]{2}$")
LIST_CRITERIA = ("departure_airports", "arrival_airports", "via_airports", "payment_kinds")
CRITERIA = (*LIST_CRITERIA, "booked_within_hours", "one_way")
LABELS = {
    "departure_airports": _("journey starts at"),
    "arrival_airports": _("journey ends at"),
    "via_airports": _("passes through"),
    "booked_within_hours": _("booked within hours of departure"),
    "payment_kinds": _("form of payment"),
    "one_way": _("one-way booking"),
}
MAX_HOURS = 24 * 365


@dataclass(frozen=True)
class Criteria:
    departure_airports: tuple[str, ...] = ()
    arrival_airports: tuple[str, ...] = ()
    via_airports: tuple[str, ...] = ()
    booked_within_hours: int | None = None
    payment_kinds: tuple[str, ...] = ()
    one_way: bool | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "departure_airports": list(self.departure_airports),
            "arrival_airports": list(self.arrival_airports),
            "via_airports": list(self.via_airports),
            "booked_within_hours": self.booked_within_hours,
            "payment_kinds": list(self.payment_kinds),
            "one_way": self.one_way,
        }

    @property
    def empty(self) -> bool:
        return not (
            self.departure_airports
            or self.arrival_airports
            or self.via_airports
            or self.payment_kinds
            or self.booked_within_hours is not None
            or self.one_way is not None
        )


def codes_split(text: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """'nbo, MBA  ist' -> ('NBO', 'MBA', 'IST'), order kept, repeats dropped."""
    items = text.replace(",", " ").split() if isinstance(text, str) else list(text)
    seen: list[str] = []
    for item in items:
        code = str(item).strip().upper()
        if code and code not in seen:
            seen.append(code)
    return tuple(seen)


def criteria_parse(data: dict[str, Any]) -> Criteria:
    """Criteria from JSON or a form's cleaned data; InvalidInput naming each bad field."""
    problems: list[FieldProblem] = []
    unknown = sorted(set(data) - set(CRITERIA))
    problems += [FieldProblem(name, "unknown criterion") for name in unknown]
    lists: dict[str, tuple[str, ...]] = {}
    for name in LIST_CRITERIA:
        codes = codes_split(data.get(name) or ())
        pattern = PAYMENT if name == "payment_kinds" else AIRPORT
        bad = [c for c in codes if not pattern.match(c)]
        if bad:
            expected = "two-letter codes" if name == "payment_kinds" else "IATA airport codes"
            problems.append(FieldProblem(name, f"{expected} expected: {', '.join(bad)}"))
        lists[name] = codes
    hours = data.get("booked_within_hours")
    if hours in ("", None):
        hours = None
    elif not isinstance(hours, int) or isinstance(hours, bool) or not 0 < hours <= MAX_HOURS:
        problems.append(FieldProblem("booked_within_hours", f"a whole number 1–{MAX_HOURS}"))
        hours = None
    one_way = data.get("one_way")
    if one_way not in (None, True, False):
        problems.append(FieldProblem("one_way", "true, false or null"))
        one_way = None
    if problems:
        raise InvalidInput("The rule's criteria are not valid.", problems=problems)
    return Criteria(
        departure_airports=lists["departure_airports"],
        arrival_airports=lists["arrival_airports"],
        via_airports=lists["via_airports"],
        booked_within_hours=hours,
        payment_kinds=lists["payment_kinds"],
        one_way=one_way,
    )


@dataclass(frozen=True)
class TravelFacts:
    """What a rule may look at for one traveller: how they travel, never who they are."""

    starts_at: str = ""
    ends_at: str = ""
    airports: tuple[str, ...] = ()  # the flight's routing and the booked itinerary
    departs_at: dt.datetime | None = None  # local, as sent
    booked_at: dt.datetime | None = None  # local to the booking office, as sent
    payment_kinds: tuple[str, ...] = ()
    one_way: bool | None = None  # None: no booking known
    extra: dict[str, Any] = field(default_factory=dict)


def criteria_met(criteria: Criteria, facts: TravelFacts) -> list[dict[str, Any]] | None:
    """The criteria met, each with what was expected and what was found, when every given
    criterion is met; None otherwise (or when the criteria are empty)."""
    if criteria.empty:
        return None
    met: list[dict[str, Any]] = []

    def listed(name: str, wanted: tuple[str, ...], found: tuple[str, ...]) -> bool:
        common = [code for code in found if code in wanted]
        if not common:
            return False
        met.append({"criterion": name, "expected": list(wanted), "found": common})
        return True

    if criteria.departure_airports and not listed(
        "departure_airports", criteria.departure_airports, (facts.starts_at,)
    ):
        return None
    if criteria.arrival_airports and not listed(
        "arrival_airports", criteria.arrival_airports, (facts.ends_at,)
    ):
        return None
    if criteria.via_airports and not listed("via_airports", criteria.via_airports, facts.airports):
        return None
    if criteria.payment_kinds and not listed(
        "payment_kinds", criteria.payment_kinds, facts.payment_kinds
    ):
        return None
    if criteria.booked_within_hours is not None:
        if facts.booked_at is None or facts.departs_at is None:
            return None
        hours = (facts.departs_at - facts.booked_at).total_seconds() / 3600
        if not 0 <= hours <= criteria.booked_within_hours:
            return None
        met.append(
            {
                "criterion": "booked_within_hours",
                "expected": criteria.booked_within_hours,
                "found": round(hours, 1),
            }
        )
    if criteria.one_way is not None:
        if facts.one_way is None or facts.one_way is not criteria.one_way:
            return None
        met.append({"criterion": "one_way", "expected": criteria.one_way, "found": facts.one_way})
    return met


def met_words(met: list[dict[str, Any]]) -> list[dict[str, str]]:
    """A rule hit's explanation for people: [{"label", "expected", "found"}]."""
    words = []
    for item in met:

        def shown(value: Any) -> str:
            if isinstance(value, list):
                return ", ".join(str(v) for v in value)
            if isinstance(value, bool):
                return str(_("yes") if value else _("no"))
            return str(value)

        words.append(
            {
                "label": str(LABELS.get(item.get("criterion", ""), item.get("criterion", ""))),
                "expected": shown(item.get("expected")),
                "found": shown(item.get("found")),
            }
        )
    return words
