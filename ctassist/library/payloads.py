"""JSON shapes of library answers, shared by the CLI and the API."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ctassist.core.exports import csv_value
from ctassist.library.models import Record
from ctassist.library.search import SearchResult


def search_payload(result: SearchResult) -> dict[str, Any]:
    return {
        "total": result.total,
        "results": [
            {
                "id": h.record.external_id,
                "type": h.record.type,
                "title": h.record.title,
                "country": h.record.country.code if h.record.country else None,
                "language": h.record.language,
                "date": (h.record.date.isoformat() if h.record.date else None),
                "score": h.score,
                "snippet": h.snippet,
            }
            for h in result.hits
        ],
        "facets": {
            name: [
                {"value": value, "label": label, "count": count} for value, label, count in values
            ]
            for name, values in result.facets.items()
        },
    }


def record_line(record: Record) -> dict[str, Any]:
    """A record as one line of the import format (so an export re-imports unchanged)."""
    line: dict[str, Any] = {
        "id": record.external_id,
        "type": record.type,
        "country": record.country.code if record.country else None,
        "language": record.language,
        "title": record.title,
        "date": record.date.isoformat() if record.date else None,
        "summary": record.summary,
        "text": record.text,
        "url": record.source_url,
        "crime_types": sorted(t.code for t in record.crime_types.all()),
        "cross_cutting": sorted(t.code for t in record.cross_cutting.all()),
        "instruments": sorted(i.code for i in record.instruments.all()),
        "status": record.status,
        "illustrative": record.illustrative,
        **record.details,
    }
    if record.type == Record.Type.LEGISLATION:
        if record.work:
            line["work"] = record.work
        if record.version_date:
            line["version_date"] = record.version_date.isoformat()
        provisions = []
        for p in record.provisions.all():
            item: dict[str, Any] = {"number": p.number, "text": p.text}
            if p.heading:
                item["heading"] = p.heading
            codes = sorted(t.code for t in p.crime_types.all())
            if codes:
                item["crime_types"] = codes
            if p.implements:
                item["implements"] = p.implements
            provisions.append(item)
        if provisions:
            line["provisions"] = provisions
    return line


CSV_COLUMNS = (
    "id",
    "type",
    "country",
    "language",
    "title",
    "date",
    "status",
    "crime_types",
    "cross_cutting",
    "instruments",
    "url",
    "summary",
)


def export_text(records: list[Record], *, fmt: str) -> str:
    lines = [record_line(r) for r in records]
    if fmt == "jsonl":
        return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow(
            [
                csv_value(";".join(v) if isinstance(v := line.get(c), list) else v)
                for c in CSV_COLUMNS
            ]
        )
    return buffer.getvalue()
