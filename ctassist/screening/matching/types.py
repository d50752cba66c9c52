"""The matcher's interface: what a query is, what a match and its explanation are.

The Django app, the CLI, the API and the benchmarks use only these and `ScreeningIndex`
(in `index.py`). Explanations are data (a reason code and the values it names), so the app
words them in the user's language (`screening/explain.py`).
"""

from __future__ import annotations

import dataclasses

from ctassist.screening.entries import BirthDate, Entry, Schema


@dataclasses.dataclass(frozen=True, slots=True)
class Query:
    name: str
    schema: Schema | None = None  # None: compare with persons and organisations
    birth_date: BirthDate | None = None
    nationality: str | None = None  # ISO 3166-1 alpha-2
    document: str | None = None  # a passport or ID number


@dataclasses.dataclass(frozen=True, slots=True)
class Contribution:
    """One feature's part in a score.

    feature: "name" | "birth_date" | "nationality" | "document" | "name_quality"
    score:   the feature's own similarity or the signed amount it added to / took from the
             overall score (see `reason`)
    reason:  a stable code the app translates ("name_parts", "dob_same_year", "dob_disjoint",
             "nationality_same", "nationality_differs", "weak_alias", ...)
    values:  what the reason names: {"query": "...", "entry": "...", "pairs": "...", ...}
    """

    feature: str
    score: float
    reason: str
    values: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float  # 0.0–1.0
    name: str  # the entry's name that matched best
    explanation: tuple[Contribution, ...]
