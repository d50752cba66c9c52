"""Reads for the library. The public sees published records only; editors see everything."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ctassist.core.access import can_edit_reference_data
from ctassist.core.errors import NotFound
from ctassist.library.models import Record


def record_list_for(*, user: Any) -> QuerySet[Record]:
    records = Record.objects.select_related("country").prefetch_related(
        "crime_types", "cross_cutting", "instruments", "provisions__crime_types"
    )
    if can_edit_reference_data(user):
        return records
    return records.filter(status=Record.Status.PUBLISHED)


def record_get_for(*, user: Any, external_id: str) -> Record:
    record = record_list_for(user=user).filter(external_id=external_id).first()
    if record is None:
        raise NotFound(f"No record {external_id!r}")
    return record


def language_versions(record: Record) -> list[Record]:
    """The other language versions (and points in time) of the same work, published only."""
    if not record.work:
        return []
    return list(
        Record.objects.filter(work=record.work, status=Record.Status.PUBLISHED)
        .exclude(pk=record.pk)
        .order_by("language", "-version_date")
    )


def records_for_country(*, user: Any, code: str) -> dict[str, list[Record]]:
    """A State's library records by type (published only for the public), for its page."""
    grouped: dict[str, list[Record]] = {}
    for record in record_list_for(user=user).filter(country__code=code).order_by("type", "-date"):
        grouped.setdefault(record.get_type_display(), []).append(record)
    return grouped
