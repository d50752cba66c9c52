"""Import of activities with their participants, as field offices keep them (CSV or XLSX, one
row per participant of an activity; rows with the same `activity_ref` are one activity). Every
row is checked and every problem reported with its row and column; nothing is written unless all
rows are right. A participant already in the registry (same name, country and agency, ignoring
case and spaces) is reused, not duplicated. Columns: docs/assistance-import.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from ctassist.assistance.models import Activity, Attendance, Participant, Project, ThematicArea
from ctassist.core.audit import Actor, audit_creates
from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.core.spreadsheets import cell_choice, cell_date
from ctassist.geo.models import State

COLUMNS = (
    "activity_ref",
    "project",
    "title",
    "kind",
    "modality",
    "start",
    "end",
    "country",
    "thematic_area",
    "participant_name",
    "sex",
    "agency",
    "participant_country",
    "position",
    "completed",
)
REQUIRED = ("activity_ref", "project", "title", "kind", "start", "participant_name")


@dataclass
class ActivityImportReport:
    activities: int = 0
    participants_new: int = 0
    participants_reused: int = 0
    attendance: int = 0
    problems: list[FieldProblem] = field(default_factory=list)


def _key(name: str, country: str, agency: str) -> tuple[str, str, str]:
    return (" ".join(name.split()).casefold(), country, agency)


def activities_import(
    *, actor: Actor, rows: Iterable[tuple[int, dict[str, str]]]
) -> ActivityImportReport:
    states = {s.code: s for s in State.objects.all()}
    projects = {p.code: p for p in Project.objects.all()}
    problems: list[FieldProblem] = []
    checked: list[tuple[int, dict[str, Any]]] = []
    for row, cells in rows:
        for column in sorted(set(cells) - set(COLUMNS)):
            problems.append(FieldProblem(column, "unknown column", row))
        for column in REQUIRED:
            if not cells.get(column):
                problems.append(FieldProblem(column, "required", row))
        project = projects.get(cells.get("project", ""))
        if cells.get("project") and project is None:
            problems.append(FieldProblem("project", f"unknown project {cells['project']!r}", row))
        country = None
        for column in ("country", "participant_country"):
            code = cells.get(column, "").upper()
            if code and code not in states:
                problems.append(FieldProblem(column, f"unknown country {code!r}", row))
        if cells.get("country"):
            country = states.get(cells["country"].upper())
        start = cell_date(cells.get("start", ""), row, "start", problems)
        end = cell_date(cells.get("end", ""), row, "end", problems) or start
        if start and end and end < start:
            problems.append(FieldProblem("end", "ends before it starts", row))
        completed = cells.get("completed", "yes").lower()
        if completed not in ("yes", "no", "true", "false", "1", "0", ""):
            problems.append(FieldProblem("completed", "yes or no", row))
        checked.append(
            (
                row,
                {
                    "activity_ref": cells.get("activity_ref", ""),
                    "project": project,
                    "title": cells.get("title", ""),
                    "kind": cell_choice(
                        cells.get("kind", ""), Activity.Kind.values, row, "kind", problems
                    ),
                    "modality": cell_choice(
                        cells.get("modality", ""),
                        Activity.Modality.values,
                        row,
                        "modality",
                        problems,
                    )
                    or Activity.Modality.IN_PERSON,
                    "start": start,
                    "end": end,
                    "country": country,
                    "thematic_area": cell_choice(
                        cells.get("thematic_area", ""),
                        ThematicArea.values,
                        row,
                        "thematic_area",
                        problems,
                    ),
                    "name": cells.get("participant_name", ""),
                    "sex": cell_choice(
                        cells.get("sex", ""), Participant.Sex.values, row, "sex", problems
                    )
                    or Participant.Sex.UNKNOWN,
                    "agency": cell_choice(
                        cells.get("agency", ""), Participant.Agency.values, row, "agency", problems
                    )
                    or Participant.Agency.OTHER,
                    "participant_country": states.get(cells.get("participant_country", "").upper())
                    or country,
                    "position": cells.get("position", ""),
                    "completed": completed in ("yes", "true", "1", ""),
                },
            )
        )
    existing = set(
        Activity.objects.filter(reference__in=[d["activity_ref"] for _r, d in checked])
        .exclude(reference="")
        .values_list("reference", flat=True)
    )
    for row, data in checked:
        if data["activity_ref"] in existing:
            problems.append(
                FieldProblem("activity_ref", f"{data['activity_ref']!r} was already imported", row)
            )
        if data["participant_country"] is None and data["name"]:
            problems.append(
                FieldProblem("participant_country", "required (or the activity's country)", row)
            )
    if problems:
        raise InvalidInput(
            f"{len(problems)} problem(s) in the file; nothing was imported.", problems=problems
        )
    report = ActivityImportReport()
    created: list[Any] = []
    with transaction.atomic():
        registry = {
            _key(p.full_name, p.country.code, p.agency): p
            for p in Participant.objects.select_related("country")
        }
        activities: dict[str, Activity] = {}
        for _row, data in checked:
            activity = activities.get(data["activity_ref"])
            if activity is None:
                activity = Activity.objects.create(
                    project=data["project"],
                    reference=data["activity_ref"],
                    title=data["title"],
                    kind=data["kind"],
                    modality=data["modality"],
                    start=data["start"],
                    end=data["end"],
                    country=data["country"],
                    thematic_area=data["thematic_area"] or data["project"].thematic_area,
                )
                activities[data["activity_ref"]] = activity
                created.append(activity)
                report.activities += 1
            key = _key(data["name"], data["participant_country"].code, data["agency"])
            person = registry.get(key)
            if person is None:
                person = Participant.objects.create(
                    full_name=" ".join(data["name"].split()),
                    sex=data["sex"],
                    agency=data["agency"],
                    country=data["participant_country"],
                    position=data["position"],
                )
                registry[key] = person
                created.append(person)
                report.participants_new += 1
            else:
                report.participants_reused += 1
            _attendance, made = Attendance.objects.get_or_create(
                activity=activity, participant=person, defaults={"completed": data["completed"]}
            )
            report.attendance += int(made)
        audit_creates(actor=actor, instances=created, note="activities import")
    return report
