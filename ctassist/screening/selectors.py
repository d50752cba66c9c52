"""Reads for screening. Lists: the UN's is public, national lists are seen by users who may
screen. Screenings and hits are personal data: their author sees them, and so do reviewers
whose country scope holds the screening's State; admins see all; every read is logged."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from ctassist.core.access import Role, country_scope, has_role_at_least, user_role
from ctassist.core.audit import audit_reads
from ctassist.core.errors import NotFound
from ctassist.screening.matching import Match, ScreeningIndex
from ctassist.screening.models import Hit, ListChange, ListEntry, ListVersion, Screening, WatchList

REVIEW_PERMISSION = "screening.review_hit"


def can_screen(user: Any) -> bool:
    """Practitioners and above check names; the public does not."""
    return has_role_at_least(user, Role.PRACTITIONER)


def can_review(user: Any) -> bool:
    """Reviewers hold the `review_hit` permission (`ctassist screening reviewer NAME`)."""
    return can_screen(user) and (user_role(user) is Role.ADMIN or user.has_perm(REVIEW_PERMISSION))


# --- lists -------------------------------------------------------------------------------


def watchlists_for(*, user: Any) -> QuerySet[WatchList]:
    found = WatchList.objects.all()
    return found if can_screen(user) else found.filter(public=True)


def current_versions(*, user: Any = None, everything: bool = False) -> list[ListVersion]:
    """The newest version of each list (the one screened against), lists by name."""
    lists = WatchList.objects.all() if everything else watchlists_for(user=user)
    current = []
    for watchlist in lists.order_by("name"):
        version = (
            ListVersion.objects.select_related("watchlist")
            .filter(watchlist=watchlist)
            .order_by("-generated", "-id")
            .first()
        )
        if version is not None:
            current.append(version)
    return current


def versions_for(*, user: Any) -> list[ListVersion]:
    return list(
        ListVersion.objects.select_related("watchlist")
        .filter(watchlist__in=watchlists_for(user=user))
        .order_by("watchlist__name", "-generated", "-id")
    )


def version_get(*, user: Any, version_id: int) -> ListVersion:
    found = (
        ListVersion.objects.select_related("watchlist", "previous")
        .filter(pk=version_id, watchlist__in=watchlists_for(user=user))
        .first()
    )
    if found is None:
        raise NotFound(f"No list version {version_id}")
    return found


def version_changes(*, version: ListVersion, kind: str | None = None) -> QuerySet[ListChange]:
    found = version.changes.all()
    return found.filter(kind=kind) if kind else found


def version_entries(*, version: ListVersion, text: str = "", limit: int = 200) -> list[ListEntry]:
    """A version's entries by reference, those whose reference or name holds `text`."""
    found = version.entries.order_by("ref", "id")
    if text:
        found = found.filter(Q(ref__icontains=text) | Q(caption__icontains=text))
    return list(found.only("pk", "ref", "caption", "schema", "regime")[:limit])


def entry_get(*, user: Any, entry_id: int) -> ListEntry:
    found = (
        ListEntry.objects.select_related("version__watchlist")
        .filter(pk=entry_id, version__watchlist__in=watchlists_for(user=user))
        .first()
    )
    if found is None:
        raise NotFound(f"No list entry {entry_id}")
    return found


def entry_history(*, entry: ListEntry) -> list[ListChange]:
    """What happened to this entry (by its key) across the versions of its list."""
    return list(
        ListChange.objects.select_related("version")
        .filter(version__watchlist=entry.version.watchlist, key=entry.key)
        .order_by("-version__generated", "-id")
    )


def designations_by_nationality(*, iso2: str) -> dict[str, int]:
    """How many individuals on the current public lists hold this nationality, by list."""
    counts: dict[str, int] = {}
    for version in current_versions(user=None):
        total = version.entries.filter(schema="Person", nationalities__contains=f",{iso2},").count()
        if total:
            counts[version.watchlist.name] = total
    return counts


# --- the index screened against ---------------------------------------------------------


@dataclass(frozen=True)
class LoadedIndex:
    index: ScreeningIndex
    versions: tuple[ListVersion, ...]
    # (version id, entry key) -> ListEntry primary key, so hits point at the stored entry
    rows: dict[tuple[int, str], int]
    version_of_entry: dict[str, ListVersion]  # "<version id>:<entry key>" -> version

    def located(self, match: Match) -> tuple[ListVersion, str, int]:
        """Where a match stands: its list version, its key in that list, its ListEntry id."""
        version = self.version_of_entry[match.entry.key]
        key = match.entry.key.split(":", 1)[1]
        return version, key, self.rows[(version.pk, key)]


def explanation_stored(match: Match) -> list[dict[str, Any]]:
    """A match's explanation as stored and passed on: [{"feature", "score", "reason",
    "values"}] (word it with `explanation_words` or `explain.explanation_out`)."""
    return [
        {"feature": c.feature, "score": round(c.score, 4), "reason": c.reason, "values": c.values}
        for c in match.explanation
    ]


_lock = threading.Lock()
_cache: dict[tuple[tuple[int, str], ...], LoadedIndex] = {}


def _scoped_key(version: ListVersion, key: str) -> str:
    return f"{version.pk}:{key}"


def screening_index() -> LoadedIndex:
    """The matcher's index over every entry of the current version of every list, built once
    per process and set of versions (a new version loaded anywhere is picked up at the next
    query, since the versions are read each time)."""
    versions = tuple(current_versions(everything=True))
    # The file's digest as well: a rolled-back load can leave its id to another file.
    signature = tuple((v.pk, v.digest) for v in versions)
    with _lock:
        if (loaded := _cache.get(signature)) is not None:
            return loaded
        entries = []
        rows: dict[tuple[int, str], int] = {}
        version_of_entry: dict[str, ListVersion] = {}
        for version in versions:
            for pk, data in version.entries.values_list("pk", "data").iterator(chunk_size=2000):
                entry = ListEntry(data=data).entry
                scoped = _scoped_key(version, entry.key)
                # Keys are unique within one list; the index sees them with their version.
                entries.append(_with_key(entry, scoped))
                rows[(version.pk, entry.key)] = pk
                version_of_entry[scoped] = version
        loaded = LoadedIndex(
            index=ScreeningIndex.build(entries),
            versions=versions,
            rows=rows,
            version_of_entry=version_of_entry,
        )
        _cache.clear()
        _cache[signature] = loaded
        return loaded


@dataclass(frozen=True)
class ListMatch:
    """A listed entry that matched a name, for other apps (travel) that keep their own hits:
    `explanation` in the stored form [{"feature", "score", "reason", "values"}] (word it with
    `explanation_words`)."""

    ref: str
    list_name: str
    name: str
    matched_name: str
    score: float
    explanation: list[dict[str, Any]]
    entry_id: int
    version_id: int


@dataclass(frozen=True)
class NameQuery:
    """A name to match, with what else is known (for `list_matches_many`)."""

    name: str
    schema: str | None = None
    birth_date: str | None = None
    nationality: str | None = None
    document: str | None = None


def list_matches(
    *,
    name: str,
    schema: str | None = None,
    birth_date: str | None = None,
    nationality: str | None = None,
    document: str | None = None,
    threshold: float | None = None,
) -> tuple[tuple[ListVersion, ...], list[ListMatch]]:
    """The one matching of the platform for other apps: a name (with what else is known)
    against the current version of every list, best first. Nothing is stored here: the
    calling app keeps its hits, its reviews and its read log. Unreadable extras (a date that is
    not YYYY[-MM[-DD]], a nationality that is not alpha-2) are left out, never guessed."""
    versions, found = list_matches_many(
        [NameQuery(name, schema, birth_date, nationality, document)], threshold=threshold
    )
    return versions, found[0]


def list_matches_many(
    queries: Sequence[NameQuery], *, threshold: float | None = None
) -> tuple[tuple[ListVersion, ...], list[list[ListMatch]]]:
    """`list_matches` for many names at once (a flight's travellers): the lists' versions are
    read once, then each name is matched; the results come in the order of `queries`."""
    from ctassist.screening.entries import BirthDate, Schema
    from ctassist.screening.matching import DEFAULT_THRESHOLD, Query

    loaded = screening_index()
    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    results: list[list[ListMatch]] = []
    for given in queries:
        try:
            birth = BirthDate.parse(given.birth_date) if given.birth_date else None
        except ValueError:
            birth = None
        code = (given.nationality or "").strip().upper()
        query = Query(
            name=" ".join(given.name.split()),
            schema=Schema(given.schema) if given.schema in ("Person", "Organization") else None,
            birth_date=birth,
            nationality=code if len(code) == 2 and code.isalpha() else None,
            document=given.document or None,
        )
        if not query.name or not len(loaded.index):
            results.append([])
            continue
        found = []
        for match in loaded.index.search(query, threshold=limit):
            version, _key, entry_id = loaded.located(match)
            found.append(
                ListMatch(
                    ref=match.entry.ref,
                    list_name=version.watchlist.name,
                    name=match.entry.caption,
                    matched_name=match.name,
                    score=round(match.score, 4),
                    explanation=explanation_stored(match),
                    entry_id=entry_id,
                    version_id=version.pk,
                )
            )
        results.append(found)
    return loaded.versions, results


def explanation_words(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A stored explanation in the reader's language: [{"feature", "feature_label", "score",
    "detail"}] (for other apps' pages and API)."""
    from ctassist.screening.explain import explanation_out

    return explanation_out(items, labelled=True)


def screening_index_warm() -> None:
    """Build the index before the first query needs it (a web worker's warm-up)."""
    from django.db import connection

    try:
        screening_index()
    finally:
        connection.close()


def _with_key(entry: Any, key: str) -> Any:
    from dataclasses import replace

    return replace(entry, key=key)


# --- screenings and hits (personal data) ------------------------------------------------


def screening_queryset_for(*, user: Any) -> QuerySet[Screening]:
    role = user_role(user)
    if role is Role.ADMIN:
        return Screening.objects.all()
    if not can_screen(user):
        return Screening.objects.none()
    visible = Q(created_by=user)
    if can_review(user):
        visible |= Q(country__code__in=country_scope(user) or frozenset())
    return Screening.objects.filter(visible)


def screening_list_for(*, user: Any, limit: int = 50) -> list[Screening]:
    found: list[Screening] = list(
        screening_queryset_for(user=user)
        .select_related("country", "created_by")
        .annotate(
            hit_count=Count("hits", distinct=True),
            pending=Count("hits", filter=Q(hits__decision=""), distinct=True),
        )
        .order_by("-created_at", "-id")[:limit]
    )
    audit_reads(actor=user, instances=found, note="screening list")
    return found


def screening_get_for(*, user: Any, screening_id: int) -> Screening:
    found = (
        screening_queryset_for(user=user)
        .select_related("country", "created_by", "batch")
        .filter(pk=screening_id)
        .first()
    )
    if found is None:
        raise NotFound(f"No screening {screening_id}")
    audit_reads(actor=user, instances=[found], note="screening")
    return found


def screening_hits(*, user: Any, screening: Screening) -> list[Hit]:
    """The hits of a screening already fetched through `screening_get_for`."""
    found = list(
        screening.hits.select_related("entry__version__watchlist", "decided_by").order_by(
            "-score", "id"
        )
    )
    audit_reads(actor=user, instances=found, note="screening hits")
    return found


def hit_queryset_for(*, user: Any) -> QuerySet[Hit]:
    return Hit.objects.filter(screening__in=screening_queryset_for(user=user))


def review_queue_for(*, user: Any, decision: str = "", limit: int = 200) -> list[Hit]:
    """Hits waiting for a decision (or with the given one), newest list findings first."""
    if not can_review(user):
        return []
    found = list(
        hit_queryset_for(user=user)
        .filter(decision=decision)
        .select_related("screening__country", "entry__version__watchlist", "decided_by")
        .order_by("-is_new", "-screening__created_at", "-score", "id")[:limit]
    )
    audit_reads(actor=user, instances=found, note="review queue")
    return found


def hit_get_for(*, user: Any, hit_id: int) -> Hit:
    found = (
        hit_queryset_for(user=user)
        .select_related("screening__country", "entry__version__watchlist", "decided_by")
        .filter(pk=hit_id)
        .first()
    )
    if found is None:
        raise NotFound(f"No hit {hit_id}")
    audit_reads(actor=user, instances=[found], note="hit")
    return found


def pending_count_for(*, user: Any) -> int:
    if not can_review(user):
        return 0
    return hit_queryset_for(user=user).filter(decision="").count()


def versions_cited(versions: Sequence[ListVersion]) -> list[dict[str, Any]]:
    """How results name the list versions they were screened against."""
    return [
        {"id": v.pk, "list": v.watchlist.name, "generated": v.generated.isoformat()}
        for v in versions
    ]
