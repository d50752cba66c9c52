"""Grouped figures ("how many per sex", "activities per region") come from here, and only here
(`core/tests/test_grouped_totals.py` scans the project for any other `values(...).annotate(...)`).

Why: Django adds the columns of a model's default ordering (`Meta.ordering`) to the GROUP BY of a
`values(...).annotate(...)` over a `.distinct()` queryset, so "participants by sex" came out as one
row per sex *and name* — 542 rows instead of two, and a report that kept one row per sex said 15
per cent where the truth was 27.5. A join can also repeat a row (a participant attending three
activities), so what is counted by default is distinct records."""

from __future__ import annotations

from typing import Any

from django.db.models import Aggregate, Count, QuerySet


class GroupingError(RuntimeError):
    """The database returned a group twice: the figure would be wrong, so there is none."""


def group_totals(
    queryset: QuerySet[Any], *keys: str, total: Aggregate | None = None
) -> dict[Any, int]:
    """One total per distinct value of `keys` (the key is the value itself for one key, a tuple
    for several): the number of distinct records by default, or `total` (e.g. `Sum("count")`).
    Any ordering is cleared first, so no other column enters the GROUP BY; a group seen twice
    raises `GroupingError` rather than give a wrong figure."""
    if not keys:
        raise TypeError("group_totals needs at least one key")
    rows = (
        queryset.order_by()
        .values_list(*keys)
        .annotate(group_total=total if total is not None else Count("pk", distinct=True))
        .order_by()
    )
    found: dict[Any, int] = {}
    for *values, value in rows:
        key = values[0] if len(keys) == 1 else tuple(values)
        if key in found:
            raise GroupingError(f"{queryset.model.__name__} grouped by {keys}: {key!r} twice")
        found[key] = int(value or 0)
    return found
