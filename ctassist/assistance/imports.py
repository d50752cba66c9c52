"""Imports as field offices keep their sheets (CSV or XLSX; columns: docs/assistance-import.md).
Every row is checked and every problem reported with its row and column; nothing is written
unless all rows are right.

- activities with their participants: one row per participant of an activity; rows with the
  same `activity_ref` are one activity. A participant already in the registry (same name,
  country and agency, ignoring case and spaces) is reused, not duplicated.
- indicator values: targets and actual values per period, in total or by sex, with source.

`IMPORTS` names each kind with its columns, for the CLI, the web upload and the templates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ctassist.assistance.intake import registry_key as _key
from ctassist.assistance.models import (
    Activity,
    Attendance,
    Indicator,
    IndicatorValue,
    Participant,
    Project,
    ThematicArea,
)
from ctassist.assistance.services import indicator_value_record, require_office_staff
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


def _column_problems(
    cells: dict[str, str], columns: tuple[str, ...], required: tuple[str, ...], row: int
) -> list[FieldProblem]:
    """Columns the sheet should not have, and required cells left empty, on one row."""
    problems = [
        FieldProblem(column, gettext("unknown column"), row)
        for column in sorted(set(cells) - set(columns))
    ]
    problems += [
        FieldProblem(column, gettext("required"), row)
        for column in required
        if not cells.get(column)
    ]
    return problems


def activities_import(
    *, actor: Actor, rows: Iterable[tuple[int, dict[str, str]]]
) -> ActivityImportReport:
    states = {s.code: s for s in State.objects.all()}
    projects = {p.code: p for p in Project.objects.all()}
    problems: list[FieldProblem] = []
    checked: list[tuple[int, dict[str, Any]]] = []
    for row, cells in rows:
        problems += _column_problems(cells, COLUMNS, REQUIRED, row)
        project = projects.get(cells.get("project", ""))
        if cells.get("project") and project is None:
            problems.append(
                FieldProblem(
                    "project", gettext("unknown project %(code)r") % {"code": cells["project"]}, row
                )
            )
        country = None
        for column in ("country", "participant_country"):
            code = cells.get(column, "").upper()
            if code and code not in states:
                problems.append(
                    FieldProblem(column, gettext("unknown country %(code)r") % {"code": code}, row)
                )
        if cells.get("country"):
            country = states.get(cells["country"].upper())
        start = cell_date(cells.get("start", ""), row, "start", problems)
        end = cell_date(cells.get("end", ""), row, "end", problems) or start
        if start and end and end < start:
            problems.append(FieldProblem("end", gettext("ends before it starts"), row))
        completed = cells.get("completed", "yes").lower()
        if completed not in ("yes", "no", "true", "false", "1", "0", ""):
            problems.append(FieldProblem("completed", gettext("yes or no"), row))
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
                FieldProblem(
                    "activity_ref",
                    gettext("%(ref)r was already imported") % {"ref": data["activity_ref"]},
                    row,
                )
            )
        if data["participant_country"] is None and data["name"]:
            problems.append(
                FieldProblem(
                    "participant_country", gettext("required (or the activity's country)"), row
                )
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


VALUE_COLUMNS = (
    "project",
    "indicator",
    "period_start",
    "period_end",
    "kind",
    "sex",
    "value",
    "source",
    "evidence_url",
)
VALUE_REQUIRED = ("project", "indicator", "period_start", "period_end", "kind", "value", "source")


@dataclass
class ValueImportReport:
    created: int = 0
    updated: int = 0
    problems: list[FieldProblem] = field(default_factory=list)


def indicator_values_import(
    *, actor: Actor, rows: Iterable[tuple[int, dict[str, str]]]
) -> ValueImportReport:
    """Targets and actual values from a field office's sheet (docs/assistance-import.md): every
    problem reported with its row and column, nothing written unless every row is right."""
    require_office_staff(actor)
    indicators = {(i.project.code, i.code): i for i in Indicator.objects.select_related("project")}
    problems: list[FieldProblem] = []
    checked: list[tuple[int, dict[str, Any]]] = []
    seen: dict[tuple[Any, ...], int] = {}
    for row, cells in rows:
        before = len(problems)
        problems += _column_problems(cells, VALUE_COLUMNS, VALUE_REQUIRED, row)
        indicator = indicators.get((cells.get("project", ""), cells.get("indicator", "")))
        if cells.get("project") and cells.get("indicator") and indicator is None:
            problems.append(
                FieldProblem(
                    "indicator",
                    gettext("project %(project)r has no indicator %(indicator)r")
                    % {"project": cells["project"], "indicator": cells["indicator"]},
                    row,
                )
            )
        start = cell_date(cells.get("period_start", ""), row, "period_start", problems)
        end = cell_date(cells.get("period_end", ""), row, "period_end", problems)
        if start and end and end < start:
            problems.append(FieldProblem("period_end", gettext("ends before it starts"), row))
        kind = cell_choice(cells.get("kind", ""), IndicatorValue.Kind.values, row, "kind", problems)
        sex = (
            cell_choice(cells.get("sex", ""), IndicatorValue.Sex.values, row, "sex", problems)
            or IndicatorValue.Sex.TOTAL
        )
        amount: Decimal | None = None
        if cells.get("value"):
            try:
                amount = Decimal(cells["value"].replace(",", ""))
                if not amount.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                problems.append(
                    FieldProblem(
                        "value",
                        gettext("%(value)r is not a number") % {"value": cells["value"]},
                        row,
                    )
                )
        url = cells.get("evidence_url", "")
        if url and not url.startswith(("http://", "https://")):
            problems.append(
                FieldProblem("evidence_url", gettext("must start with http:// or https://"), row)
            )
        key = (indicator and indicator.pk, start, end, kind, sex)
        if len(problems) == before and key in seen:
            problems.append(
                FieldProblem(
                    "sex",
                    gettext("same value already given on row %(row)s") % {"row": seen[key]},
                    row,
                )
            )
        seen.setdefault(key, row)
        if len(problems) == before and indicator is not None and amount is not None:
            checked.append(
                (
                    row,
                    {
                        "indicator": indicator,
                        "start": start,
                        "end": end,
                        "kind": kind,
                        "sex": sex,
                        "value": amount,
                        "source": cells["source"],
                        "evidence_url": url,
                    },
                )
            )
    if problems:
        raise InvalidInput(
            f"{len(problems)} problem(s) in the file; nothing was imported.", problems=problems
        )
    report = ValueImportReport()
    with transaction.atomic():
        for row, data in checked:
            existed = IndicatorValue.objects.filter(
                period__indicator=data["indicator"],
                period__start=data["start"],
                period__end=data["end"],
                kind=data["kind"],
                sex=data["sex"],
            ).exists()
            try:
                indicator_value_record(actor=actor, **data)
            except InvalidInput as error:
                raise InvalidInput(
                    f"Row {row}: {error.message}; nothing was imported.",
                    problems=[FieldProblem(p.field, p.message, row) for p in error.problems],
                ) from None
            if existed:
                report.updated += 1
            else:
                report.created += 1
    return report


@dataclass(frozen=True)
class ImportKind:
    """One kind of import: its service, columns (with the required ones) and what each holds."""

    name: str
    title: Any
    run: Any  # (*, actor, rows) -> report
    columns: tuple[str, ...]
    required: tuple[str, ...]
    notes: dict[str, Any]


@dataclass(frozen=True)
class CodeChoices:
    """The codes a column takes, each with its meaning in the reader's language: the page shows
    the codes as codes (they are typed as they are), the template's guide sheet as text."""

    codes: tuple[tuple[str, Any], ...]

    def __str__(self) -> str:
        return ", ".join(f"{code} ({label})" for code, label in self.codes)


def _choices(choices: Iterable[tuple[str, Any]]) -> CodeChoices:
    return CodeChoices(tuple(choices))


IMPORTS = {
    "activities": ImportKind(
        "activities",
        _("Activities and participants"),
        activities_import,
        COLUMNS,
        REQUIRED,
        {
            "activity_ref": _(
                "the field office's own reference; rows with the same one are one activity"
            ),
            "project": _("project code"),
            "title": _("title of the activity"),
            "kind": _choices(Activity.Kind.choices),
            "modality": _choices(Activity.Modality.choices),
            "start": _("YYYY-MM-DD"),
            "end": _("YYYY-MM-DD (empty: the start date)"),
            "country": _("ISO 3166 alpha-3 code, e.g. NGA (empty: regional or online)"),
            "thematic_area": _choices(ThematicArea.choices),
            "participant_name": _("full name as on the attendance sheet"),
            "sex": _choices(Participant.Sex.choices),
            "agency": _choices(Participant.Agency.choices),
            "participant_country": _("ISO alpha-3 code (empty: the activity's country)"),
            "position": _("position or rank"),
            "completed": _("yes or no"),
        },
    ),
    "indicator-values": ImportKind(
        "indicator-values",
        _("Indicator targets and actual values"),
        indicator_values_import,
        VALUE_COLUMNS,
        VALUE_REQUIRED,
        {
            "project": _("project code"),
            "indicator": _("the indicator's code in the project, e.g. OC1.1"),
            "period_start": _("YYYY-MM-DD"),
            "period_end": _("YYYY-MM-DD"),
            "kind": _choices(IndicatorValue.Kind.choices),
            "sex": _("total, female or male (empty: total)"),
            "value": _("a number; a percentage as 0–100"),
            "source": _("where the value comes from, e.g. court records"),
            "evidence_url": _("link to the evidence (optional)"),
        },
    ),
}


def import_summary(report: Any) -> str:
    """One line saying what an import wrote."""
    if isinstance(report, ActivityImportReport):
        return gettext(
            "Imported %(activities)s activities, %(new)s new participants (%(reused)s already "
            "in the registry), %(attendance)s attendances."
        ) % {
            "activities": report.activities,
            "new": report.participants_new,
            "reused": report.participants_reused,
            "attendance": report.attendance,
        }
    return gettext("Imported %(created)s new values, updated %(updated)s.") % {
        "created": report.created,
        "updated": report.updated,
    }
