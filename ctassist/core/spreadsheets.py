"""Reading the rows of a CSV or XLSX file as people keep them: a header row naming the columns
(any order, any case), then data rows; empty rows skipped; dates as ISO text. Importers read
rows from here and validate them in their own service."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.core.extraction import ExtractionError, zip_bounds_check


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _too_many_rows(limit: int) -> InvalidInput:
    return InvalidInput(
        _("The file has more than %(limit)s rows: split it into smaller files.")
        % {"limit": f"{limit:,}"},
        problems=[FieldProblem("file", f"more than {limit} rows")],
    )


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    from xml.etree.ElementTree import ParseError
    from zipfile import BadZipFile

    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    unreadable = InvalidInput(
        _("The file is not a readable .xlsx workbook."),
        problems=[FieldProblem("file", "not an .xlsx workbook")],
    )
    if not zipfile.is_zipfile(path):
        raise unreadable
    try:
        zip_bounds_check(path, filename=path.name)
    except ExtractionError as error:
        raise InvalidInput(str(error), problems=[FieldProblem("file", "too large")]) from None
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).active
        assert sheet is not None
        rows = sheet.iter_rows(values_only=True)
        header = [str(h or "").strip().lower() for h in next(rows, [])]
        for number, values in enumerate(rows, start=2):
            cells = {h: _text(v) for h, v in zip(header, values, strict=False) if h}
            if any(cells.values()):
                yield number, cells
    except (BadZipFile, KeyError, ValueError, OSError, ParseError, DefusedXmlException):
        # A damaged sheet, a truncated tag, a DTD or an entity (defusedxml refuses them).
        raise unreadable from None


def rows_from_file(path: Path, *, limit: int | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as the user sees it — the header is row 1 —, {column: text}). A file of
    more than `limit` rows (default `CTASSIST_IMPORT_MAX_ROWS`) is refused when that row is
    reached."""
    limit = settings.CTASSIST_IMPORT_MAX_ROWS if limit is None else limit
    for number, cells in _rows(path):
        if number > limit + 1:
            raise _too_many_rows(limit)
        yield number, cells


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    if path.suffix.lower() == ".xlsx":
        yield from _xlsx_rows(path)
        return
    # Streamed: memory stays the size of a row, whatever the size of the file (issue 26 item 6).
    with path.open(encoding="utf-8-sig", newline="") as handle:
        try:
            reader = csv.DictReader(handle)
            reader.fieldnames = [h.strip().lower() for h in reader.fieldnames or []]
            for number, row in enumerate(reader, start=2):
                cells = {k: (v or "").strip() for k, v in row.items() if k}
                if any(cells.values()):
                    yield number, cells
        except UnicodeDecodeError:
            raise InvalidInput(
                _("The file is not UTF-8 text: save the sheet as CSV UTF-8."),
                problems=[FieldProblem("file", "not UTF-8")],
            ) from None


def cell_date(value: str, row: int, column: str, problems: list[FieldProblem]) -> dt.date | None:
    """A YYYY-MM-DD cell as a date; an empty cell is None; a bad one adds a problem."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(
            FieldProblem(column, _("%(value)r is not a date (YYYY-MM-DD)") % {"value": value}, row)
        )
        return None


def cell_choice(
    value: str, allowed: Iterable[str], row: int, column: str, problems: list[FieldProblem]
) -> str:
    """The value if allowed; else the problem is noted and "" returned, so that checks which
    depend on this cell add no noise."""
    choices = list(allowed)
    if value and value not in choices:
        problems.append(
            FieldProblem(
                column,
                _("%(value)r is not one of: %(choices)s")
                % {"value": value, "choices": ", ".join(choices)},
                row,
            )
        )
        return ""
    return value


def template_workbook(
    *, title: str, columns: tuple[str, ...], required: tuple[str, ...], notes: dict[str, Any]
) -> bytes:
    """An empty import sheet: the header row first (what the importer reads), then a second
    sheet explaining each column, whether it is required and what it takes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    data = book.active
    assert data is not None
    data.title = "data"
    data.append(list(columns))
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    guide = book.create_sheet("columns")
    guide.append([str(title)])
    guide.append([_("Column"), _("Required"), _("What it holds")])
    for column in columns:
        guide.append([column, _("yes") if column in required else "", str(notes.get(column, ""))])
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
