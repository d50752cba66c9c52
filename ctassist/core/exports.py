"""Every table downloads as CSV and XLSX through this one function."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

EXPORT_FORMATS = ("csv", "xlsx")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def table_export(
    *,
    filename: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[dict[str, Any]],
    fmt: str,
    note: str = "",
) -> HttpResponse:
    """A download of `rows` (dicts) with `columns` as (key, header) pairs. `note` (e.g. the
    data's coverage or as-of date) is written as a first line above the table."""
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = filename[:31]
        if note:
            sheet.append([note])
        sheet.append([header for _, header in columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(row.get(key)) for key, _ in columns])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text)
        if note:
            writer.writerow([note])
        writer.writerow([header for _, header in columns])
        for row in rows:
            writer.writerow([_cell(row.get(key)) for key, _ in columns])
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
