"""Batch files: the names to screen in (JSON lines, CSV or XLSX) and the results out, in the
same three forms and in input order.

In: one JSON object per line `{"id", "name", "schema"?, "birth_date"?, "nationality"?}`, or a
sheet with those columns. Out: JSON lines `{"id", "matches": [{"ref", "score"}]}`; in a sheet,
one row per match (`id`, `ref`, `score`) and a row with an empty `ref` for a name without any.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.core.exports import csv_value
from ctassist.screening.services import CheckInput

COLUMNS = ("id", "name", "schema", "birth_date", "nationality")
FORMATS = ("jsonl", "csv", "xlsx")


def batch_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("json", "ndjson"):
        return "jsonl"
    if suffix not in FORMATS:
        raise InvalidInput(
            _("A batch file is .jsonl, .csv or .xlsx."),
            problems=[FieldProblem("file", path.name)],
        )
    return suffix


def _text(value: Any, field: str, line: int) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool) and field == "id":
        return str(value)
    if not isinstance(value, str):
        raise InvalidInput(
            _("line %(line)s, %(field)s: text expected") % {"line": line, "field": field},
            problems=[FieldProblem(field, "text expected", line)],
        )
    return value.strip()


def check_input_of(data: Any, line: int) -> CheckInput:
    """One batch line (a JSON object or a sheet row) as a CheckInput; unknown keys refused."""
    if not isinstance(data, dict):
        raise InvalidInput(
            _("line %(line)s: a JSON object expected") % {"line": line},
            problems=[FieldProblem("line", "a JSON object expected", line)],
        )
    unknown = sorted(set(data) - set(COLUMNS))
    if unknown:
        raise InvalidInput(
            _("line %(line)s: unknown field %(field)s") % {"line": line, "field": unknown[0]},
            problems=[FieldProblem(unknown[0], "unknown field", line)],
        )
    return CheckInput(
        name=_text(data.get("name"), "name", line),
        schema=_text(data.get("schema"), "schema", line) or None,
        birth_date=_text(data.get("birth_date"), "birth_date", line) or None,
        nationality=_text(data.get("nationality"), "nationality", line) or None,
        external_id=_text(data.get("id"), "id", line),
    )


def jsonl_inputs(lines: Iterable[str]) -> Iterator[tuple[int, CheckInput]]:
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except ValueError as error:
            raise InvalidInput(
                _("line %(line)s: not JSON (%(error)s)") % {"line": number, "error": error},
                problems=[FieldProblem("line", "not JSON", number)],
            ) from None
        yield number, check_input_of(data, number)


def batch_inputs(path: Path) -> Iterator[tuple[int, CheckInput]]:
    """The lines of a batch file, numbered as the user sees them."""
    from ctassist.core.cli import file_lines
    from ctassist.core.spreadsheets import rows_from_file

    fmt = batch_format(path)
    if fmt == "jsonl":
        yield from jsonl_inputs(file_lines(str(path)))
        return
    limit = settings.CTASSIST_SCREENING_MAX_NAMES
    for number, cells in rows_from_file(path, limit=limit):
        yield number, check_input_of({k: v for k, v in cells.items() if v}, number)


def batch_write(handle: IO[Any], fmt: str, results: Iterable[dict[str, Any]]) -> int:
    """Write result lines ({"id", "matches": [{"ref", "score"}]}) to an open output; the count."""
    count = 0
    if fmt == "jsonl":
        for item in results:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
        return count
    rows = (
        (item["id"], match["ref"], match["score"])
        for item in results
        for match in (item["matches"] or [{"ref": "", "score": ""}])
    )
    if fmt == "csv":
        writer = csv.writer(handle)
        writer.writerow(["id", "ref", "score"])
        for row in rows:
            writer.writerow([csv_value(v) for v in row])
            count += 1
        return count
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("results")
    sheet.append(["id", "ref", "score"])
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(handle)
    return count
