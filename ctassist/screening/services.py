"""Writes for screening: loading list versions with their deltas, screening names (one, a
batch, or everything again when a list changes), and reviewers' decisions. Every write is
atomic and audited; every screening records who asked, when and against which versions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core.access import Role, country_scope, user_role
from ctassist.core.audit import Actor, audit_creates, audit_write, record_snapshot
from ctassist.core.errors import (
    BrokenRule,
    FieldProblem,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from ctassist.core.services import record_update
from ctassist.core.stored_files import sha256_of
from ctassist.geo.models import State
from ctassist.geo.selectors import normalize_name, state_index
from ctassist.screening import selectors
from ctassist.screening.entries import BirthDate, Entry, ParsedList, Schema
from ctassist.screening.matching import DEFAULT_THRESHOLD, Match, Query
from ctassist.screening.models import (
    FalsePositive,
    Hit,
    ListChange,
    ListEntry,
    ListVersion,
    Screening,
    ScreeningBatch,
    WatchList,
)
from ctassist.screening.un_xml import un_list_parse
from ctassist.screening.watchlists import csv_watchlist_parse, ftm_watchlist_parse

UN_LIST_NAME = "UN Security Council Consolidated List"
Progress = Callable[[int, int], None]


def _user_of(actor: Actor) -> Any:
    """The acting user for a foreign key: None for the platform itself (the CLI)."""
    return actor if getattr(actor, "is_authenticated", False) else None


# --- lists -------------------------------------------------------------------------------


def country_code_resolver() -> Callable[[str], str | None]:
    """A country name or code as a list writes it -> ISO alpha-2, through geo's one resolver
    (names in six languages, ISO names, curated aliases). None where geo does not know it."""
    index = state_index()

    def code(name: str) -> str | None:
        state = index.get(normalize_name(name))
        return state.iso2 if state is not None and state.iso2 else None

    return code


@dataclasses.dataclass(frozen=True)
class LoadReport:
    name: str
    generated: dt.datetime
    individuals: int
    organizations: int
    added: int
    removed: int
    amended: int
    already_loaded: bool
    version_id: int
    first: bool = False  # no earlier version to compare with


def entry_digest(entry: Entry) -> str:
    return hashlib.sha256(
        json.dumps(entry.to_json(), sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def _changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    fields = [
        k
        for k in ("ref", "schema", "names", "birth_dates", "nationalities", "documents")
        if old.get(k) != new.get(k)
    ]
    old_details, new_details = old.get("details", {}), new.get("details", {})
    fields += [
        f"details.{k}"
        for k in sorted(set(old_details) | set(new_details))
        if old_details.get(k) != new_details.get(k)
    ]
    return fields


def watchlist_parse(path: Path, *, fmt: str, name: str) -> ParsedList:
    """Read a list file in one of the three formats; InvalidInput names the line at fault."""
    from ctassist.core.cli import file_lines
    from ctassist.core.spreadsheets import rows_from_file

    resolver = country_code_resolver()
    if fmt == WatchList.Format.UN_XML:
        with path.open("rb") as handle:
            return un_list_parse(handle, country_code=resolver)
    if fmt == WatchList.Format.CSV:
        limit = settings.CTASSIST_SCREENING_MAX_NAMES
        return csv_watchlist_parse(
            rows_from_file(path, limit=limit), name=name, country_code=resolver
        )
    if fmt == WatchList.Format.FTM:
        return ftm_watchlist_parse(file_lines(str(path)), name=name, country_code=resolver)
    raise InvalidInput(f"Unknown list format {fmt!r}", problems=[FieldProblem("format", fmt)])


def watchlist_load(
    *, actor: Actor, path: Path, fmt: str, name: str | None = None, public: bool | None = None
) -> LoadReport:
    """Load one version of a list: the whole file or nothing. The same file twice is one
    version; a file older than the list's newest version is refused."""
    list_name = name or (UN_LIST_NAME if fmt == WatchList.Format.UN_XML else path.stem)
    with path.open("rb") as handle:
        digest = sha256_of(File(handle))
    parsed = watchlist_parse(path, fmt=fmt, name=list_name)
    generated = parsed.generated or timezone.now()
    with transaction.atomic():
        watchlist, created = WatchList.objects.select_for_update().get_or_create(
            name=list_name,
            defaults={
                "format": fmt,
                "public": fmt == WatchList.Format.UN_XML if public is None else public,
                "source_url": settings.CTASSIST_SCREENING_UN_URL
                if fmt == WatchList.Format.UN_XML
                else "",
            },
        )
        if created:
            audit_write(
                actor=actor, action="create", instance=watchlist, after=record_snapshot(watchlist)
            )
        elif watchlist.format != fmt:
            raise BrokenRule(
                _("The list %(name)s is loaded from %(format)s files, not %(given)s.")
                % {"name": list_name, "format": watchlist.format, "given": fmt},
                problems=[FieldProblem("format", fmt)],
            )
        same = ListVersion.objects.filter(watchlist=watchlist, digest=digest).first()
        if same is not None:
            return LoadReport(
                list_name,
                same.generated,
                same.individuals,
                same.organizations,
                same.added,
                same.removed,
                same.amended,
                True,
                same.pk,
            )
        previous = (
            ListVersion.objects.filter(watchlist=watchlist).order_by("-generated", "-id").first()
        )
        if previous is not None and generated <= previous.generated:
            raise BrokenRule(
                _("This file is dated %(date)s; the list's newest version is dated %(newest)s.")
                % {"date": generated.isoformat(), "newest": previous.generated.isoformat()},
                problems=[FieldProblem("dateGenerated", generated.isoformat())],
            )
        version = ListVersion.objects.create(
            watchlist=watchlist,
            generated=generated,
            loaded_by=_user_of(actor),
            file_name=path.name[:255],
            digest=digest,
            previous=previous,
            individuals=parsed.individuals,
            organizations=parsed.organizations,
        )
        old: dict[str, tuple[str, dict[str, Any], str, str]] = {}
        if previous is not None:
            for key, entry_hash, data, ref, caption in previous.entries.values_list(
                "key", "digest", "data", "ref", "caption"
            ).iterator(chunk_size=2000):
                old[key] = (entry_hash, data, ref, caption)
        rows: list[ListEntry] = []
        changes: list[ListChange] = []
        for entry in parsed.entries:
            data = entry.to_json()
            entry_hash = entry_digest(entry)
            rows.append(
                ListEntry(
                    version=version,
                    key=entry.key,
                    ref=entry.ref[:100],
                    schema=entry.schema.value,
                    caption=entry.caption[:500],
                    regime=str(entry.details.get("regime", ""))[:100],
                    nationalities="," + ",".join(entry.nationalities) + ","
                    if entry.nationalities
                    else "",
                    data=data,
                    digest=entry_hash,
                )
            )
            if previous is None:
                continue
            before = old.pop(entry.key, None)
            if before is None:
                changes.append(
                    ListChange(
                        version=version,
                        kind=ListChange.Kind.ADDED,
                        key=entry.key,
                        ref=entry.ref[:100],
                        caption=entry.caption[:500],
                    )
                )
            elif before[0] != entry_hash:
                changes.append(
                    ListChange(
                        version=version,
                        kind=ListChange.Kind.AMENDED,
                        key=entry.key,
                        ref=entry.ref[:100],
                        caption=entry.caption[:500],
                        fields=_changed_fields(before[1], data),
                    )
                )
        for key, (_hash, _data, ref, caption) in old.items():
            changes.append(
                ListChange(
                    version=version, kind=ListChange.Kind.REMOVED, key=key, ref=ref, caption=caption
                )
            )
        ListEntry.objects.bulk_create(rows, batch_size=500)
        ListChange.objects.bulk_create(changes, batch_size=500)
        counted = {kind: sum(1 for c in changes if c.kind == kind) for kind in ListChange.Kind}
        version.added = counted[ListChange.Kind.ADDED]
        version.removed = counted[ListChange.Kind.REMOVED]
        version.amended = counted[ListChange.Kind.AMENDED]
        version.save(update_fields=["added", "removed", "amended"])
        audit_write(
            actor=actor,
            action="create",
            instance=version,
            after=record_snapshot(version),
            note=f"{len(rows)} entries",
        )
    return LoadReport(
        list_name,
        generated,
        version.individuals,
        version.organizations,
        version.added,
        version.removed,
        version.amended,
        False,
        version.pk,
        first=previous is None,
    )


# --- screening -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class CheckInput:
    """A name to check, as a form, an API body, a CLI option or a batch line gives it."""

    name: str
    schema: str | None = None
    birth_date: str | None = None
    nationality: str | None = None
    threshold: float | None = None
    external_id: str = ""


@dataclasses.dataclass(frozen=True)
class Found:
    match: Match
    entry_id: int
    version: ListVersion
    hit: Hit | None

    @property
    def ref(self) -> str:
        return self.match.entry.ref


@dataclasses.dataclass(frozen=True)
class CheckResult:
    screening: Screening
    versions: tuple[ListVersion, ...]
    threshold: float
    found: list[Found]
    suppressed: int  # earlier false positives of the same query and unchanged entry


def _query_of(given: CheckInput, *, line: int | None = None) -> tuple[Query, float]:
    problems: list[FieldProblem] = []
    name = " ".join((given.name or "").split())
    if not name:
        problems.append(FieldProblem("name", _("Enter a name."), line))
    elif len(name) > 500:
        problems.append(FieldProblem("name", _("At most 500 characters."), line))
    schema = None
    if given.schema:
        try:
            schema = Schema(given.schema)
        except ValueError:
            problems.append(FieldProblem("schema", _("Person or Organization."), line))
    birth = None
    if given.birth_date:
        try:
            birth = BirthDate.parse(given.birth_date)
        except ValueError:
            problems.append(
                FieldProblem("birth_date", _("A date YYYY, YYYY-MM or YYYY-MM-DD."), line)
            )
    nationality = None
    if given.nationality:
        code = given.nationality.strip().upper()
        if len(code) != 2 or not State.objects.filter(iso2=code).exists():
            problems.append(FieldProblem("nationality", _("An ISO 3166-1 alpha-2 code."), line))
        nationality = code
    threshold = DEFAULT_THRESHOLD if given.threshold is None else given.threshold
    if not 0.0 <= threshold <= 1.0:
        problems.append(FieldProblem("threshold", _("A number from 0 to 1."), line))
    if problems:
        # BrokenRule: a day that does not exist, an unknown code — rules no schema can state.
        summary = "; ".join(f"{p.field}: {p.message}" for p in problems)
        raise BrokenRule(summary, problems=problems)
    query = Query(name=name, schema=schema, birth_date=birth, nationality=nationality)
    return query, threshold


def query_key(query: Query, country: State | None) -> str:
    """The same query by the same State gives the same key: what a false positive is
    remembered by."""
    folded = " ".join(query.name.casefold().split())
    parts = [
        folded,
        query.schema.value if query.schema else "",
        query.birth_date.text if query.birth_date else "",
        query.nationality or "",
        country.code if country else "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _country_for(actor: Actor, country: State | None) -> State | None:
    """The State a screening belongs to: the one given (it must be in the user's scope), else
    the user's only State; the command line (no user) and admins may leave it empty."""
    if actor is None or user_role(actor) is Role.ADMIN:
        return country
    scope = country_scope(actor) or frozenset()
    if country is not None:
        if country.code not in scope:
            raise PermissionDenied(_("You do not work on %(state)s.") % {"state": country.name})
        return country
    if len(scope) == 1:
        return State.objects.get(code=next(iter(scope)))
    raise BrokenRule(
        _("You work on several States: say for which one you screen."),
        problems=[FieldProblem("country", _("Choose a State."))],
    )


def _screen_allowed(actor: Actor) -> None:
    if actor is not None and not selectors.can_screen(actor):
        raise PermissionDenied(_("Screening is for practitioners."))


def _remembered_false_positives(keys: Iterable[str]) -> set[tuple[str, int, str, str]]:
    return set(
        FalsePositive.objects.filter(query_key__in=set(keys)).values_list(
            "query_key", "watchlist_id", "entry_key", "entry_digest"
        )
    )


def _entry_digests(ids: Iterable[int]) -> dict[int, str]:
    return dict(ListEntry.objects.filter(pk__in=set(ids)).values_list("pk", "digest"))


def _prepare(
    *,
    actor: Actor,
    queries: Sequence[tuple[CheckInput, Query, float]],
    country: State | None,
    source: str,
    batch: ScreeningBatch | None,
) -> tuple[list[Screening], list[list[Found]], int]:
    """Search every query, then store the screenings and their hits in one transaction."""
    loaded = selectors.screening_index()
    now = timezone.now()
    # An empty index answers at once (a search would load rigour's name tagger for nothing).
    searched = [
        (given, q, t, loaded.index.search(q, threshold=t) if len(loaded.index) else [])
        for given, q, t in queries
    ]
    keys = [query_key(q, country) for _g, q, _t, _m in searched]
    remembered = _remembered_false_positives(keys)
    entry_ids = {loaded.located(m)[2] for *_rest, matches in searched for m in matches}
    digests = _entry_digests(entry_ids)
    suppressed = 0
    screenings: list[Screening] = []
    pending: list[list[tuple[Match, int, ListVersion]]] = []
    for (given, query, threshold, matches), key in zip(searched, keys, strict=True):
        screenings.append(
            Screening(
                created_by=_user_of(actor),
                country=country,
                source=source,
                batch=batch,
                external_id=given.external_id[:200],
                name=query.name,
                schema=query.schema.value if query.schema else "",
                birth_date=query.birth_date.text if query.birth_date else "",
                nationality=query.nationality or "",
                threshold=threshold,
                query_key=key,
                last_screened_at=now,
            )
        )
        kept = []
        for match in matches:
            version, plain, entry_id = loaded.located(match)
            memory = (key, version.watchlist_id, plain, digests[entry_id])
            if memory in remembered:
                suppressed += 1
                continue
            kept.append((match, entry_id, version))
        pending.append(kept)
    found: list[list[Found]] = []
    with transaction.atomic():
        Screening.objects.bulk_create(screenings, batch_size=500)
        through = Screening.versions.through
        through.objects.bulk_create(
            [
                through(screening_id=s.pk, listversion_id=v.pk)
                for s in screenings
                for v in loaded.versions
            ],
            batch_size=1000,
        )
        hits = [
            Hit(
                screening=s,
                entry_id=entry_id,
                score=round(m.score, 4),
                matched_name=m.name[:500],
                explanation=selectors.explanation_stored(m),
            )
            for s, kept in zip(screenings, pending, strict=True)
            for m, entry_id, _v in kept
        ]
        Hit.objects.bulk_create(hits, batch_size=500)
        cited = "; ".join(v.label for v in loaded.versions)
        audit_creates(
            actor=actor, instances=screenings, note=f"screening ({source}) against {cited}"[:300]
        )
        audit_creates(actor=actor, instances=hits, note="screening hit")
    by_screening: dict[int, list[Hit]] = {}
    for hit in hits:
        by_screening.setdefault(hit.screening.pk, []).append(hit)
    for screening, kept in zip(screenings, pending, strict=True):
        stored = iter(by_screening.get(screening.pk, []))
        found.append([Found(m, entry_id, v, next(stored)) for m, entry_id, v in kept])
    return screenings, found, suppressed


def screening_check(
    *, actor: Actor, given: CheckInput, source: str, country: State | None = None
) -> CheckResult:
    """Screen one name against the current version of every list; the screening and its hits
    are stored (audited) for review and for re-screening when a list changes."""
    _screen_allowed(actor)
    query, threshold = _query_of(given)
    owner = _country_for(actor, country)
    screenings, found, suppressed = _prepare(
        actor=actor,
        queries=[(given, query, threshold)],
        country=owner,
        source=source,
        batch=None,
    )
    loaded = selectors.screening_index()
    return CheckResult(screenings[0], loaded.versions, threshold, found[0], suppressed)


@dataclasses.dataclass(frozen=True)
class BatchLine:
    external_id: str
    matches: list[Found]


def batch_inputs_check(
    lines: Iterable[tuple[int, CheckInput]],
) -> list[tuple[CheckInput, Query, float]]:
    """Every line of a batch checked before anything is screened: problems name their line."""
    problems: list[FieldProblem] = []
    prepared: list[tuple[CheckInput, Query, float]] = []
    seen: dict[str, int] = {}
    limit = settings.CTASSIST_SCREENING_MAX_NAMES
    for count, (line, given) in enumerate(lines, start=1):
        if count > limit:
            raise BrokenRule(
                _("More than %(limit)s names: split the file.") % {"limit": f"{limit:,}"},
                problems=[FieldProblem("file", f"more than {limit} names", line)],
            )
        if not given.external_id:
            problems.append(FieldProblem("id", _("Every line needs an id."), line))
        elif given.external_id in seen:
            problems.append(
                FieldProblem(
                    "id", _("Already on line %(line)s.") % {"line": seen[given.external_id]}, line
                )
            )
        else:
            seen[given.external_id] = line
        try:
            prepared.append((given, *_query_of(given, line=line)))
        except BrokenRule as error:
            problems.extend(error.problems)
        if len(problems) >= 50:
            break
    if problems:
        first = problems[0]
        raise BrokenRule(
            _(
                "The batch has problems; the first, line %(line)s, %(field)s: %(message)s "
                "Nothing was screened."
            )
            % {"line": first.line, "field": first.field, "message": first.message},
            problems=problems,
        )
    return prepared


def screening_batch(
    *,
    actor: Actor,
    lines: Iterable[tuple[int, CheckInput]],
    source: str,
    file_name: str = "",
    country: State | None = None,
    progress: Progress | None = None,
    chunk: int = 500,
) -> Iterator[BatchLine]:
    """Screen a batch: all lines checked first (a bad line refuses the batch), then screened
    and stored in chunks; yields one result per line, in input order."""
    _screen_allowed(actor)
    prepared = batch_inputs_check(lines)
    owner = _country_for(actor, country)
    batch = ScreeningBatch.objects.create(
        created_by=_user_of(actor),
        file_name=file_name[:255],
        names=len(prepared),
    )
    audit_write(actor=actor, action="create", instance=batch, after=record_snapshot(batch))
    hits = 0
    for start in range(0, len(prepared), chunk):
        part = prepared[start : start + chunk]
        screenings, found, _suppressed = _prepare(
            actor=actor, queries=part, country=owner, source=source, batch=batch
        )
        for screening, matches in zip(screenings, found, strict=True):
            hits += len(matches)
            yield BatchLine(screening.external_id, matches)
        if progress is not None:
            progress(len(part), len(prepared))
    ScreeningBatch.objects.filter(pk=batch.pk).update(hits=hits)


@dataclasses.dataclass(frozen=True)
class RescreenReport:
    screened: int
    new_hits: int
    suppressed: int


def screenings_rescreen(
    *, actor: Actor = None, progress: Progress | None = None, chunk: int = 500
) -> RescreenReport:
    """Screen every stored screening again against the current versions. A match becomes a
    new hit (flagged `is_new`) unless the screening already has a hit on the same entry with
    the same content, or a reviewer called it a false positive for this query and the entry
    has not changed since."""
    loaded = selectors.screening_index()
    current = {v.pk for v in loaded.versions}
    total = Screening.objects.count() if len(loaded.index) else 0
    screened = new_hits = suppressed = 0
    last_id = 0
    while total:
        part = list(Screening.objects.filter(pk__gt=last_id).order_by("pk")[:chunk])
        if not part:
            break
        last_id = part[-1].pk
        searched = []
        for screening in part:
            query = Query(
                name=screening.name,
                schema=Schema(screening.schema) if screening.schema else None,
                birth_date=BirthDate.parse(screening.birth_date) if screening.birth_date else None,
                nationality=screening.nationality or None,
            )
            searched.append((screening, loaded.index.search(query, threshold=screening.threshold)))
        had = set(
            Hit.objects.filter(screening__in=part).values_list(
                "screening_id", "entry__version__watchlist_id", "entry__key", "entry__digest"
            )
        )
        remembered = _remembered_false_positives(s.query_key for s in part)
        entry_ids = {loaded.located(m)[2] for _s, matches in searched for m in matches}
        digests = _entry_digests(entry_ids)
        hits: list[Hit] = []
        for screening, matches in searched:
            for match in matches:
                version, plain, entry_id = loaded.located(match)
                digest = digests[entry_id]
                if (screening.pk, version.watchlist_id, plain, digest) in had:
                    continue
                if (
                    screening.query_key,
                    version.watchlist_id,
                    plain,
                    digest,
                ) in remembered:
                    suppressed += 1
                    continue
                hits.append(
                    Hit(
                        screening=screening,
                        entry_id=entry_id,
                        score=round(match.score, 4),
                        matched_name=match.name[:500],
                        explanation=selectors.explanation_stored(match),
                        is_new=True,
                    )
                )
        now = timezone.now()
        with transaction.atomic():
            Hit.objects.bulk_create(hits, batch_size=500, ignore_conflicts=False)
            through = Screening.versions.through
            through.objects.bulk_create(
                [through(screening_id=s.pk, listversion_id=v) for s in part for v in current],
                batch_size=1000,
                ignore_conflicts=True,
            )
            Screening.objects.filter(pk__in=[s.pk for s in part]).update(last_screened_at=now)
            audit_creates(actor=actor, instances=hits, note="re-screening hit")
        screened += len(part)
        new_hits += len(hits)
        if progress is not None:
            progress(len(part), total)
    return RescreenReport(screened, new_hits, suppressed)


# --- review --------------------------------------------------------------------------------


def hit_decide(
    *, actor: Any, hit_id: int, decision: str, reason: str, expected_version: int
) -> Hit:
    """A reviewer's decision on a hit, with a reason. A false positive is remembered for the
    query and the entry's content; changing the decision forgets it."""
    if not selectors.can_review(actor):
        raise PermissionDenied(_("Only reviewers decide hits."))
    hit = selectors.hit_get_for(user=actor, hit_id=hit_id)
    if decision not in {d.value for d in Hit.Decision if d.value}:
        raise InvalidInput(_("Unknown decision."), problems=[FieldProblem("decision", decision)])
    reason = reason.strip()
    if not reason:
        raise BrokenRule(
            _("Give the reason for the decision."),
            problems=[FieldProblem("reason", _("Required."))],
        )
    with transaction.atomic():
        updated = record_update(
            actor=actor,
            instance=hit,
            expected_version=expected_version,
            changes={
                "decision": decision,
                "reason": reason[:4000],
                "decided_by": actor,
                "decided_at": timezone.now(),
            },
            note="screening decision",
        )
        entry = hit.entry
        FalsePositive.objects.filter(hit=hit).delete()
        if decision == Hit.Decision.FALSE_POSITIVE:
            FalsePositive.objects.get_or_create(
                query_key=hit.screening.query_key,
                watchlist=entry.version.watchlist,
                entry_key=entry.key,
                entry_digest=entry.digest,
                defaults={"hit": hit},
            )
    return updated


def reviewer_set(*, actor: Actor, username: str, reviewer: bool) -> Any:
    """Give or take the reviewer permission (`screening.review_hit`)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"No user {username!r}")
    permission = Permission.objects.get(codename="review_hit", content_type__app_label="screening")
    with transaction.atomic():
        before = sorted(user.user_permissions.values_list("codename", flat=True))
        if reviewer:
            user.user_permissions.add(permission)
        else:
            user.user_permissions.remove(permission)
        after = sorted(user.user_permissions.values_list("codename", flat=True))
        if before == after:
            return user
        audit_write(
            actor=actor,
            action="update",
            instance=user,
            before={"permissions": before},
            after={"permissions": after},
            note="screening reviewer",
        )
    return user
