"""Reads for the library. The public sees published records only; editors see everything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet

from ctassist.core.access import can_edit_reference_data
from ctassist.core.errors import FieldProblem, InvalidInput, NotFound
from ctassist.library.models import Attachment, Provision, Record, RecordLink, SavedSearch


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


@dataclass(frozen=True)
class LinkedWork:
    """A link target: the record when the library holds it (and the user may see it)."""

    target: str
    record: Record | None


def legislation_applied(*, user: Any, record: Record) -> list[LinkedWork]:
    """The laws a case applies, in the order given; a law the library does not hold (or that
    is not published) is listed by its id alone."""
    targets = list(
        record.links.filter(kind=RecordLink.Kind.APPLIES).values_list("target", flat=True)
    )
    held = {r.external_id: r for r in record_list_for(user=user).filter(external_id__in=targets)}
    return [LinkedWork(target, held.get(target)) for target in targets]


def cases_applying(*, user: Any, record: Record) -> list[Record]:
    """The cases that apply this law (or another version of the same work)."""
    targets = [record.external_id]
    if record.work:
        targets += list(
            Record.objects.filter(work=record.work).values_list("external_id", flat=True)
        )
    return list(
        record_list_for(user=user)
        .filter(
            type=Record.Type.CASE,
            links__kind=RecordLink.Kind.APPLIES,
            links__target__in=targets,
        )
        .distinct()
        .order_by("-date")
    )


def instruments_mentioned(record: Record) -> list[str]:
    return list(record.links.filter(kind=RecordLink.Kind.MENTIONS).values_list("target", flat=True))


def records_for_instrument(*, user: Any, code: str, limit: int = 50) -> dict[str, list[Record]]:
    """Library records about an instrument, by how they relate to it: laws whose provisions
    implement it, and records that name it in their text or are tagged with it."""
    visible = record_list_for(user=user)
    implementing = list(
        visible.filter(links__kind=RecordLink.Kind.IMPLEMENTS, links__target=code)
        .distinct()
        .order_by("-date")[:limit]
    )
    seen = {r.pk for r in implementing}
    referring = [
        r
        for r in visible.filter(
            Q(links__kind=RecordLink.Kind.MENTIONS, links__target=code) | Q(instruments__code=code)
        )
        .distinct()
        .order_by("-date")[: limit + len(seen)]
        if r.pk not in seen
    ][:limit]
    return {"implementing": implementing, "referring": referring}


@dataclass(frozen=True)
class ProvisionPair:
    number: str
    left: Provision | None
    right: Provision | None


@dataclass(frozen=True)
class SideBySide:
    left: Record
    right: Record
    provisions: list[ProvisionPair]


def versions_side_by_side(*, user: Any, left_id: str, right_id: str) -> SideBySide:
    """Two versions of one work (languages or points in time), provisions aligned by their
    number in order of the left version; provisions only one side has are kept in place."""
    left = record_get_for(user=user, external_id=left_id)
    right = record_get_for(user=user, external_id=right_id)
    if not left.work or left.work != right.work:
        raise InvalidInput(
            "These records are not versions of the same work.",
            problems=[FieldProblem("right", "must be a version of the same work")],
        )
    right_by_number = {p.number: p for p in right.provisions.all()}
    pairs = []
    for provision in left.provisions.all():
        pairs.append(
            ProvisionPair(provision.number, provision, right_by_number.pop(provision.number, None))
        )
    pairs += [ProvisionPair(number, None, p) for number, p in right_by_number.items()]
    return SideBySide(left, right, pairs)


@dataclass(frozen=True)
class SavedSearchRow:
    item: SavedSearch
    querystring: str


def saved_searches_for(*, user: Any) -> list[SavedSearchRow]:
    """The user's own saved searches, each with the query string that runs it again."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        SavedSearchRow(s, urlencode({"q": s.query, **s.filters}))
        for s in SavedSearch.objects.filter(user=user).order_by("name")
    ]


def attachment_get_for(*, user: Any, external_id: str, pk: int) -> Attachment:
    record = record_get_for(user=user, external_id=external_id)
    found = record.attachments.filter(pk=pk).first()
    if found is None:
        raise NotFound(f"No attachment {pk} on {external_id!r}")
    return found


@dataclass(frozen=True)
class Holdings:
    """What the public library holds, for the periodic report (¶9: "more than 2,000 pieces of
    legislation from more than 140 countries")."""

    by_type: dict[str, int]  # record type: published works (language versions counted once)
    countries_by_type: dict[str, int]  # record type: distinct countries of those works


def library_holdings() -> Holdings:
    """Published records by type, each work counted once however many language versions or
    points in time it has (a record without a work is its own work), and the distinct
    countries they come from."""
    works: dict[str, set[str]] = {}
    countries: dict[str, set[int]] = {}
    published = Record.objects.filter(status=Record.Status.PUBLISHED)
    for kind, work, pk, country in published.values_list("type", "work", "pk", "country_id"):
        works.setdefault(kind, set()).add(work or f"#{pk}")
        if country is not None:
            countries.setdefault(kind, set()).add(country)
    return Holdings(
        by_type={kind: len(found) for kind, found in sorted(works.items())},
        countries_by_type={kind: len(found) for kind, found in sorted(countries.items())},
    )
