"""Which of the 19 instruments bound two States on a date — the treaties app's one answer, which
the MLA writer and check ask instead of reading cells themselves."""

from __future__ import annotations

import datetime as dt

from ctassist.treaties.selectors.cells import Binding, binding
from ctassist.treaties.selectors.snapshot import treaty_snapshot


def bindings_on(*, state_codes: tuple[str, ...], on: dt.date) -> list[Binding]:
    """Each instrument's verdict for these States on `on`; empty when a code is unknown."""
    snapshot = treaty_snapshot()
    states = [snapshot.states.get(code) for code in state_codes]
    if any(state is None for state in states):
        return []
    known = [state for state in states if state is not None]
    return [binding(item, known, on=on) for item in snapshot.instruments]


def records_as_at() -> dt.date | None:
    """The latest date the held participation records speak for (the depositaries' lists as
    at which they were compiled), or None when no coverage is recorded."""
    dates = [
        day
        for item in treaty_snapshot().instruments
        for coverage in item.coverage
        for day in (coverage.complete_as_at, coverage.depositary_count_as_at)
        if day is not None
    ]
    return max(dates, default=None)
