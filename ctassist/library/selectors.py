"""Reads for the library. The public sees published records only; editors see everything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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


@dataclass(frozen=True)
class Contact:
    kind: str
    value: str


@dataclass(frozen=True)
class Authority:
    """A competent national authority, typed from an `authority` record (the directory entry)."""

    external_id: str
    state_code: str | None
    function: str
    body: str
    contacts: tuple[Contact, ...]
    languages: tuple[str, ...]
    channels: tuple[str, ...]
    last_verified: date | None
    title: str

    @classmethod
    def from_record(cls, record: Record) -> Authority:
        details = record.details or {}
        verified = details.get("last_verified")
        return cls(
            external_id=record.external_id,
            state_code=record.country.code if record.country is not None else None,
            function=str(details.get("function", "")),
            body=str(details.get("body", "")),
            contacts=tuple(Contact(c["kind"], c["value"]) for c in details.get("contacts", [])),
            languages=tuple(details.get("languages", [])),
            channels=tuple(details.get("channels", [])),
            last_verified=date.fromisoformat(verified) if verified else None,
            title=record.title,
        )


def authority_directory(
    *, user: Any, state_code: str | None = None, function: str | None = None
) -> list[Authority]:
    """The competent authorities the user may see (published only for the public), by State
    and function (`mla`, `extradition`, `e_evidence_24_7`, `fiu`, …); most recently verified first.
    The MLA module reads central authorities through this function."""
    records = record_list_for(user=user).filter(type=Record.Type.AUTHORITY)
    if state_code:
        records = records.filter(country__code=state_code)
    if function:
        records = records.filter(details__function=function)
    entries = [Authority.from_record(r) for r in records]
    entries.sort(key=lambda a: a.last_verified or date.min, reverse=True)
    entries.sort(key=lambda a: a.state_code or "")
    return entries
