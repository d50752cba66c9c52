"""Every table downloads as CSV and XLSX through this one function."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font

EXPORT_FORMATS = ("csv", "xlsx")


def download_named(
    response: HttpResponseBase, filename: str, *, inline: bool = False
) -> HttpResponseBase:
    """Name a download. The header is built by Django (`content_disposition_header`: quoted,
    RFC 5987 for non-ASCII), so a name holding quotes or `;` (an MLA reference typed by a user)
    cannot add parameters of its own; path separators and control characters are replaced."""
    safe = "".join("-" if ch in "/\\" or ord(ch) < 32 or ord(ch) == 127 else ch for ch in filename)
    header = content_disposition_header(not inline, safe.strip() or "download")
    assert header is not None
    response["Content-Disposition"] = header
    return response


# A spreadsheet reads a cell that begins with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """Text for a CSV cell that no spreadsheet runs as a formula: one that begins like a formula
    is prefixed with an apostrophe (OWASP's rule); other text is left as it is."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def csv_value(value: Any) -> Any:
    """A value for a CSV cell: numbers as they are, None empty, text made safe (`csv_text`)."""
    value = _cell(value)
    return csv_text(value) if isinstance(value, str) else value


def _xlsx_row(sheet: Any, values: Sequence[Any]) -> None:
    """Append a row whose text cells are text: openpyxl would store any string that begins with
    `=` as a formula. Numbers stay numbers."""
    sheet.append(list(values))
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(value, str):
            cell.data_type = "s"


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
            _xlsx_row(sheet, [note])
        _xlsx_row(sheet, [str(header) for _, header in columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            _xlsx_row(sheet, [_cell(row.get(key)) for key, _ in columns])
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
            writer.writerow([csv_text(str(note))])
        writer.writerow([csv_text(str(header)) for _, header in columns])
        for row in rows:
            writer.writerow([csv_value(row.get(key)) for key, _ in columns])
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    download_named(response, f"{filename}.{fmt}")
    return response
