"""Grouped figures have one row per group: `group_totals` clears the model's ordering (which
Django would otherwise add to the GROUP BY of a `.distinct()` queryset) and counts distinct
records through joins; and no code outside it groups with `values(...).annotate(...)`."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.db.models import Sum

from ctassist.assistance.models import Activity, Attendance, Participant, Project
from ctassist.core.grouping import group_totals
from ctassist.geo.models import State

ROOT = Path(__file__).resolve().parents[2]
HELPER = ROOT / "core" / "grouping.py"


def _grouping_calls(tree: ast.AST) -> list[int]:
    """Lines of `<…>.values(…)…annotate(…)` / `values_list` chains: a grouped query."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "annotate":
            continue
        inner: ast.AST = node.func.value
        while isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute):
            if inner.func.attr in ("values", "values_list"):
                found.append(node.lineno)
                break
            inner = inner.func.value
    return found


def test_no_grouped_query_outside_the_helper():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if path == HELPER or {"tests", "migrations"} & set(path.parts):
            continue
        for line in _grouping_calls(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(ROOT.parent)}:{line}")
    assert offenders == [], "count groups with ctassist.core.grouping.group_totals"


def test_the_scan_sees_a_grouped_query():
    code = 'people.filter(x=1).values_list("sex").annotate(n=Count("id")).order_by()'
    assert _grouping_calls(ast.parse(code)) == [1]
    assert _grouping_calls(ast.parse('cases.annotate(n=Count("persons"))')) == []


@pytest.mark.django_db
def test_one_row_per_group_over_an_ordered_distinct_join():
    project = Project.objects.create(
        code="GRP-1",
        title="t",
        thematic_area="policy",
        start=dt.date(2041, 1, 1),
        end=dt.date(2041, 12, 31),
    )
    nigeria = State.objects.get(code="NGA")
    activities = [
        Activity.objects.create(
            project=project,
            title=f"a{i}",
            kind="training",
            modality="online",
            start=dt.date(2041, 3, i + 1),
            end=dt.date(2041, 3, i + 1),
            thematic_area="policy",
            country=nigeria,
        )
        for i in range(3)
    ]
    people = [
        Participant.objects.create(full_name=name, sex=sex, country=nigeria)
        for name, sex in (("Ada", "female"), ("Bea", "female"), ("Cy", "male"), ("Dan", "male"))
    ]
    for person in people:
        for activity in activities:  # everyone at every activity: the join repeats each row
            Attendance.objects.create(activity=activity, participant=person)
    joined = Participant.objects.filter(attendance__activity__in=activities).distinct()
    assert group_totals(joined, "sex") == {"female": 2, "male": 2}
    assert group_totals(joined, "sex", "country__code") == {
        ("female", "NGA"): 2,
        ("male", "NGA"): 2,
    }
    ours = Activity.objects.filter(project=project)
    assert group_totals(ours, "kind", total=Sum("gender_marker")) == {"training": 0}
