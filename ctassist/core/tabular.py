"""Printing records as a table, JSON or CSV: the one output path for every CLI command."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from ctassist.core.exports import csv_text, csv_value

FORMATS = ("table", "json", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _csv(value: Any) -> Any:
    """Numbers stay numbers; lists and objects are flattened, and text made formula-safe."""
    if isinstance(value, list | tuple | dict):
        return csv_text(_cell(value))
    return csv_value(value)


def render_records(
    records: Sequence[dict[str, Any]] | dict[str, Any],
    *,
    fmt: str,
    columns: Sequence[str] | None = None,
) -> str:
    """Render records. JSON keeps the full structure; table and CSV flatten to `columns`."""
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2, default=str)
    rows = [records] if isinstance(records, dict) else list(records)
    if columns is None:
        columns = list(rows[0].keys()) if rows else []
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv(row.get(column)) for column in columns])
        return buffer.getvalue().rstrip("\n")
    if fmt == "table":
        cells = [[_cell(row.get(column)) for column in columns] for row in rows]
        widths = [
            max([len(column), *(len(r[i]) for r in cells)]) for i, column in enumerate(columns)
        ]
        lines = [
            "  ".join(column.ljust(widths[i]) for i, column in enumerate(columns)),
            "  ".join("-" * width for width in widths),
        ]
        lines += ["  ".join(value.ljust(widths[i]) for i, value in enumerate(r)) for r in cells]
        return "\n".join(line.rstrip() for line in lines)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
