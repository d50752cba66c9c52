"""Library search: one interface, two engines. SQLite uses an FTS5 table with BM25 ranking;
PostgreSQL a tsvector column with a GIN index and ts_rank_cd. Both index the terms produced by
analysis.py, so stemming and Chinese segmentation behave the same on both."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from django.db import connection
from django.db.models import F, Max, Min, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr

from ctassist.core.errors import BrokenRule, FieldProblem, InvalidInput
from ctassist.core.languages import language_name
from ctassist.library.analysis import analyze, fold, query_alternatives
from ctassist.library.models import Record

FACETS = (
    "type",
    "country",
    "region",
    "year",
    "language",
    "crime_type",
    "cross_cutting",
    "instrument",
)
PAGE_SIZE = 10
MAX_PAGE = 100_000  # a million records, ten a page; a larger number is refused, not computed
BULK_ANALYZE_ROWS = 5000


def document_terms(
    record: Record,
    *,
    provisions: Iterable[str] | None = None,
    attachments: Iterable[str] | None = None,
) -> tuple[str, str]:
    """The analysed title and body of a record. Provisions ("number heading text") and the
    attachments' text are read from the database unless given (an import has them in hand)."""
    if provisions is None:
        provisions = [f"{p.number} {p.heading} {p.text}" for p in record.provisions.all()]
    if attachments is None:
        attachments = [a.extracted_text for a in record.attachments.all()]
    body = "\n".join(
        filter(
            None,
            [
                record.summary,
                record.text,
                *provisions,
                *attachments,
                *(str(v) for k, v in record.details.items() if isinstance(v, str)),
            ],
        )
    )
    return (
        " ".join(analyze(record.title, record.language)),
        " ".join(analyze(body, record.language)),
    )


def search_index_records(records: Iterable[Record] | QuerySet[Record]) -> int:
    """(Re)index records in bulk: one pass of analysis, then a few statements whatever the
    number of records. Cheap to call after every write."""
    if isinstance(records, QuerySet):
        records = records.prefetch_related("provisions", "attachments")
    return search_documents_write([(r.pk, *document_terms(r)) for r in records])


def search_documents_write(documents: list[tuple[int, str, str]], *, fresh: bool = False) -> int:
    """Store (record id, title terms, body terms) rows and update the engine's index, replacing
    what the records had (nothing to replace for records just created: `fresh`). Plain
    parameterised statements: no per-row ORM work. The database's own index is always kept
    (it is the source of truth and the default engine); a configured OpenSearch backend is
    sent the same documents."""
    written = _database_documents_write(documents, fresh=fresh)
    backend = search_backend()
    if documents and not isinstance(backend, DatabaseBackend):
        backend.index([IndexDocument(*document) for document in documents])
    return written


def _database_documents_write(documents: list[tuple[int, str, str]], *, fresh: bool = False) -> int:
    if not documents:
        return 0
    ids = [[record_id] for record_id, _title, _body in documents]
    with connection.cursor() as cursor:
        if not fresh:
            cursor.executemany("DELETE FROM library_searchdocument WHERE record_id = %s", ids)
        cursor.executemany(
            "INSERT INTO library_searchdocument(record_id, title_terms, body_terms) "
            "VALUES (%s, %s, %s)",
            documents,
        )
        if connection.vendor == "sqlite":
            if not fresh:
                cursor.executemany("DELETE FROM library_fts WHERE rowid = %s", ids)
            cursor.executemany(
                "INSERT INTO library_fts(rowid, title, body) VALUES (%s, %s, %s)", documents
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE library_searchdocument SET tsv = "
                "setweight(to_tsvector('simple', title_terms), 'A') || "
                "setweight(to_tsvector('simple', body_terms), 'B') WHERE record_id = ANY(%s)",
                [[i for (i,) in ids]],
            )
    return len(documents)


def search_statistics_refresh() -> None:
    """Fresh planner statistics after a bulk load (an import of BULK_ANALYZE_ROWS or more), or
    the planners guess badly: PostgreSQL took minutes for a ranked page on 100k new rows before
    autovacuum caught up, and SQLite sorted every record for the newest-first page instead of
    reading library_date_desc."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE library_searchdocument")
            cursor.execute("ANALYZE library_record")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("ANALYZE library_record")


@dataclass
class Hit:
    record: Record
    score: float
    snippet: str  # HTML-escaped, with <mark> around matches


@dataclass
class SearchResult:
    total: int
    page: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    # True when the query matched more than SAMPLE records: the total and the facet counts are
    # then estimated from the SAMPLE most recently added matches, and the relevance ranking is
    # among those (the page says so). Exact whenever fewer records match.
    estimated: bool = False
    sample: int = 0  # how many matches were counted and ranked (== total when exact)
    next_after: str | None = None  # keyset cursor of the next page (date sorts)


# A query matching more records than this is "broad": its first page is worked out from the
# SAMPLE most recently added matches (a bounded amount of work whatever the corpus size), and
# its total and facet counts are estimated. At or under it everything is exact.
SAMPLE = 1000


@dataclass(frozen=True)
class SearchRequest:
    """What a backend is asked: analysed query groups (see analysis.query_alternatives), the
    facet filters, the window and the order."""

    groups: list[list[str]]
    filters: dict[str, str | None]
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    include_unpublished: bool = False
    with_facets: bool = True
    published_between: tuple[datetime, datetime] | None = None
    after: str | None = None


@dataclass
class EngineAnswer:
    """A backend's answer, before records are loaded and labelled: the page as (record id,
    score), raw facet counts (value, count), the total and whether it is estimated."""

    total: int
    page: list[tuple[int, float]]
    facets: dict[str, list[tuple[str, int]]]
    estimated: bool = False
    sample: int = 0
    next_after: str | None = None


class SearchBackend(Protocol):
    """The search engine behind library_search: the database (SQLite FTS5 or PostgreSQL
    tsvector, the default) or OpenSearch (ctassist/library/opensearch.py). The database stays
    the source of truth; a backend indexes what search_documents_write gives it."""

    name: str

    def index(self, documents: list[IndexDocument]) -> int: ...

    def delete(self, record_ids: list[int]) -> None: ...

    def search(self, request: SearchRequest) -> EngineAnswer: ...


@dataclass(frozen=True)
class IndexDocument:
    """A record's analysed terms, as search_documents_write hands them to a backend (which
    reads the fields filters and facets need from the record itself)."""

    record_id: int
    title_terms: str
    body_terms: str


def _fts_query(groups: list[list[str]]) -> str:
    """FTS5 MATCH syntax: ("a" OR "b") AND ("c")."""
    return " AND ".join("(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in groups)


def _ts_query(groups: list[list[str]]) -> str:
    def quote(term: str) -> str:
        return "'" + term.replace("'", "''").replace("\\", "") + "'"

    return " & ".join("(" + " | ".join(quote(t) for t in group) + ")" for group in groups)


def _matching_ids_sql(groups: list[list[str]]) -> tuple[str, list[Any]]:
    """SQL selecting the ids of records whose index matches, with its parameters."""
    if connection.vendor == "postgresql":
        return (
            "SELECT record_id FROM library_searchdocument WHERE tsv @@ to_tsquery('simple', %s)",
            [_ts_query(groups)],
        )
    return "SELECT rowid FROM library_fts WHERE library_fts MATCH %s", [_fts_query(groups)]


def _ranked_hits_sql(groups: list[list[str]], limit: int, offset: int) -> tuple[str, list[Any]]:
    """One page of (id, score) ranked by the engine among the sampled candidates `c`."""
    if connection.vendor == "postgresql":
        return (
            "SELECT c.id, ts_rank_cd(d.tsv, to_tsquery('simple', %s)) AS score FROM c "
            "JOIN library_searchdocument d ON d.record_id = c.id "
            "ORDER BY score DESC, c.id DESC LIMIT %s OFFSET %s",
            [_ts_query(groups), limit, offset],
        )
    # FTS5 ranks only inside the sample's range of rowids (a range it seeks to), not every match.
    return (
        "SELECT rowid AS id, -bm25(library_fts, 5.0, 1.0) AS score FROM library_fts "
        "WHERE library_fts MATCH %s AND rowid >= (SELECT MIN(id) FROM c) "
        "AND +rowid IN (SELECT id FROM c) ORDER BY score DESC, id DESC LIMIT %s OFFSET %s",
        [_fts_query(groups), limit, offset],
    )


def _filtered(records: QuerySet[Record], filters: dict[str, str | None]) -> QuerySet[Record]:
    lookups = {
        "type": "type",
        "country": "country__code",
        "language": "language",
        "region": None,
        "year": "date__year",
        "crime_type": "crime_types__code",
        "cross_cutting": "cross_cutting__code",
        "instrument": "instruments__code",
    }
    for name, value in filters.items():
        if not value:
            continue
        if name not in lookups:
            raise InvalidInput(
                f"Unknown filter {name!r}", problems=[FieldProblem(name, "unknown filter")]
            )
        if name == "year" and not (str(value).isdigit() and 1 <= int(value) <= 9999):
            raise InvalidInput(
                f"The year is a number, not {value!r}",
                problems=[FieldProblem("year", "a year, e.g. 2019")],
            )
        if name == "region":
            records = records.filter(
                Q(country__region__m49=value) | Q(country__subregion__m49=value)
            )
        else:
            records = records.filter(**{str(lookups[name]): value})
    # A filter across a many-to-many relation can repeat a record; only then is DISTINCT needed
    # (it costs a pass over every candidate).
    many = {"crime_type", "cross_cutting", "instrument"}
    return records.distinct() if any(filters.get(name) for name in many) else records


# Facet counts over the candidates `c`, one SELECT per facet, joined by UNION ALL. Placeholders
# in braces are table names and the year expression, filled from model metadata below.
_FACET_SELECTS = (
    "SELECT 'total' AS facet, '' AS value, COUNT(*) AS n FROM c",
    "SELECT 'type', c.type, COUNT(*) FROM c GROUP BY c.type",
    "SELECT 'language', c.language, COUNT(*) FROM c GROUP BY c.language",
    "SELECT 'year', {year}, COUNT(*) FROM c WHERE c.date IS NOT NULL GROUP BY {year}",
    "SELECT 'country', s.code, COUNT(*) FROM c JOIN {state} s ON s.id = c.country_id "
    "GROUP BY s.code",
    "SELECT 'region', g.m49, COUNT(*) FROM c JOIN {state} s ON s.id = c.country_id "
    "JOIN {region} g ON g.id = s.region_id GROUP BY g.m49",
    "SELECT 'crime_type', x.code, COUNT(*) FROM c JOIN {crime_types} t ON t.record_id = c.id "
    "JOIN {term} x ON x.id = t.term_id GROUP BY x.code",
    "SELECT 'cross_cutting', x.code, COUNT(*) FROM c JOIN {cross_cutting} t "
    "ON t.record_id = c.id JOIN {term} x ON x.id = t.term_id GROUP BY x.code",
    "SELECT 'instrument', x.code, COUNT(*) FROM c JOIN {instruments} t ON t.record_id = c.id "
    "JOIN {instrument} x ON x.id = t.instrument_id GROUP BY x.code",
)


def _facet_selects() -> list[str]:
    """The facet SELECTs over the sample `c`, table names filled from model metadata."""
    from ctassist.geo.models import Region, State
    from ctassist.library.models import Term
    from ctassist.treaties.models import Instrument

    names = {
        "state": State._meta.db_table,
        "region": Region._meta.db_table,
        "term": Term._meta.db_table,
        "instrument": Instrument._meta.db_table,
        "year": (
            "to_char(c.date, 'YYYY')"
            if connection.vendor == "postgresql"
            else "strftime('%%Y', c.date)"
        ),
    }
    for field_name in ("crime_types", "cross_cutting", "instruments"):
        through = Record._meta.get_field(field_name).remote_field.through  # type: ignore[union-attr]
        names[field_name] = through._meta.db_table
    selects = [select.format(**names) for select in _FACET_SELECTS[1:]]
    if connection.vendor == "postgresql":
        # The tag tables looked up by the sample's ids through their (record, tag) index; a
        # join let the planner hash the whole tag table (a scan of every tag of every record).
        selects = [
            re.sub(
                r"FROM c JOIN (\S+) t\s+ON t\.record_id = c\.id (JOIN .*) GROUP BY",
                r"FROM \1 t \2 WHERE t.record_id = ANY(ARRAY(SELECT id FROM c)) GROUP BY",
                select,
            )
            for select in selects
        ]
    return selects


def _facet_labels(
    facets: dict[str, list[tuple[str, str, int]]],
) -> dict[str, list[tuple[str, str, int]]]:
    from ctassist.geo.models import Region, State
    from ctassist.library.models import Term
    from ctassist.treaties.models import Instrument

    labels = {
        s.code: s.name for s in State.objects.filter(code__in=[c for c, _, _ in facets["country"]])
    }
    facets["country"] = [(c, labels.get(c, c), n) for c, _, n in facets["country"]]
    regions = {
        r.m49: r.name for r in Region.objects.filter(m49__in=[c for c, _, _ in facets["region"]])
    }
    facets["region"] = [(c, regions.get(c, c), n) for c, _, n in facets["region"]]
    terms = {t.code: t.name for t in Term.objects.all()}
    for name in ("crime_type", "cross_cutting"):
        facets[name] = [(c, terms.get(c, c), n) for c, _, n in facets[name]]
    type_labels = dict(Record.Type.choices)
    facets["type"] = [(c, str(type_labels.get(c, c)), n) for c, _, n in facets["type"]]
    instruments = {
        i.code: str(i.title)
        for i in Instrument.objects.filter(code__in=[c for c, _, _ in facets["instrument"]])
    }
    facets["instrument"] = [(c, instruments.get(c, c), n) for c, _, n in facets["instrument"]]
    facets["language"] = [(c, language_name(c), n) for c, _, n in facets["language"]]
    return facets


# A snippet looks for the query's words in this many characters at the start of the text: a
# page of results costs the same whatever the size of its records (issue 26 item 6).
SNIPPET_SCAN_CHARS = 20_000


def snippet(text: str, groups: list[list[str]], language: str, *, width: int = 220) -> str:
    """A window of the original text around the first matching word, matches in <mark>. Only
    the first SNIPPET_SCAN_CHARS characters are looked at, and words are analysed only up to
    the first match and then inside the window."""
    if not text:
        return ""
    length = len(text)
    text = text[:SNIPPET_SCAN_CHARS]
    wanted = {term for group in groups for term in group}

    def matches(word: str) -> bool:
        return bool(wanted & set(analyze(word, language))) or fold(word) in wanted

    first = next((m for m in re.finditer(r"\w+", text) if matches(m.group(0))), None)
    start = max(0, first.start() - width // 3) if first else 0
    window = text[start : start + width]
    hits = [m for m in re.finditer(r"\w+", window) if first and matches(m.group(0))]
    out, cursor = [], 0
    for match in hits:
        cut_at_start = match.start() == 0 and start > 0 and text[start - 1].isalnum()
        cut_at_end = match.end() == len(window) and start + len(window) < length
        if cut_at_start or cut_at_end:
            continue  # a word the window cuts
        a, b = match.start(), match.end()
        out.append(html.escape(window[cursor:a]))
        out.append(f"<mark>{html.escape(window[a:b])}</mark>")
        cursor = b
    out.append(html.escape(window[cursor:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < length else ""
    return prefix + "".join(out).strip() + suffix


def _with_heads(records: QuerySet[Record]) -> QuerySet[Record]:
    """A page's records without their long texts: only the start a snippet looks at is read."""
    return (
        records.select_related("country")
        .defer("text", "summary")
        .annotate(
            text_head=Substr("text", 1, SNIPPET_SCAN_CHARS),
            summary_head=Substr("summary", 1, SNIPPET_SCAN_CHARS),
        )
    )


def _streamed_sample_sql(
    groups: list[list[str]], include_unpublished: bool
) -> tuple[str, list[Any]]:
    """SQLite, a query without filters: the newest SAMPLE + 1 matches, read from the FTS index
    in descending rowid order and joined to their records (CROSS JOIN keeps that order), so
    the work stops at the sample instead of listing every match first."""
    statuses = list(Record.Status.values) if include_unpublished else [Record.Status.PUBLISHED]
    marks = ", ".join(["%s"] * len(statuses))
    return (
        "SELECT r.id, r.type, r.language, r.date, r.country_id FROM library_fts f "  # noqa: S608
        "CROSS JOIN library_record r ON r.id = f.rowid WHERE f.library_fts MATCH %s "
        f"AND r.status IN ({marks}) ORDER BY f.rowid DESC LIMIT %s",
        [_fts_query(groups), *statuses, SAMPLE + 1],
    )


def _page_statement(
    sample_sql: str,
    sample_params: list[Any],
    *,
    facets: bool,
    ranked: tuple[str, list[Any]] | None,
) -> tuple[str, list[Any]]:
    """One statement over the sample `c` (materialised once): its size, its oldest id, the facet
    counts and, for a relevance order, the ranked page."""
    selects = [
        "SELECT 'total' AS facet, '' AS value, CAST(COUNT(*) AS DOUBLE PRECISION) AS n FROM c",
        "SELECT 'oldest', '', CAST(MIN(c.id) AS DOUBLE PRECISION) FROM c",
    ]
    if facets:
        selects += [
            select.replace("COUNT(*)", "CAST(COUNT(*) AS DOUBLE PRECISION)")
            for select in _facet_selects()
        ]
    params = list(sample_params)
    if ranked is not None:
        ranked_sql, ranked_params = ranked
        selects.append(
            "SELECT 'hit', CAST(h.id AS TEXT), CAST(h.score AS DOUBLE PRECISION) "  # noqa: S608
            f"FROM ({ranked_sql}) h"
        )
        params += ranked_params
    # sample_sql comes from Django's compiler or the constant SQL above, never from user text.
    return (
        f"WITH c(id, type, language, date, country_id) AS MATERIALIZED ({sample_sql}) "
        + " UNION ALL ".join(selects),
        params,
    )


def _cursor_filter(records: QuerySet[Record], sort: str, after: str) -> QuerySet[Record]:
    """Keyset pagination for the date orders (nulls last in both): the records after the
    cursor "<date or empty>|<id>" of the previous page's last record."""
    try:
        day_text, id_text = after.split("|")
        last_id = int(id_text)
        day = date.fromisoformat(day_text) if day_text else None
    except ValueError:
        raise BrokenRule(
            f"after must be a cursor from a previous page, not {after!r}",
            problems=[FieldProblem("after", "a cursor from a previous page")],
        ) from None
    if day is None:
        more = Q(pk__gt=last_id) if sort == "date" else Q(pk__lt=last_id)
        return records.filter(Q(date__isnull=True) & more)
    if sort == "date":
        later = Q(date__gt=day) | Q(date=day, pk__gt=last_id)
    else:
        later = Q(date__lt=day) | Q(date=day, pk__lt=last_id)
    return records.filter(later | Q(date__isnull=True))


class DatabaseBackend:
    """SQLite FTS5 or PostgreSQL tsvector + GIN, in the project's own database. A first page
    costs a bounded amount of work: at most SAMPLE + 1 matches are read (newest first), counted
    by facet and ranked; beyond that the counts are estimated (see SearchResult.estimated)."""

    name = "database"

    def index(self, documents: list[IndexDocument]) -> int:
        return _database_documents_write(
            [(d.record_id, d.title_terms, d.body_terms) for d in documents]
        )

    def delete(self, record_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.executemany(
                    "DELETE FROM library_fts WHERE rowid = %s", [[i] for i in record_ids]
                )

    def search(self, request: SearchRequest) -> EngineAnswer:
        records = Record.objects.all()
        if not request.include_unpublished:
            records = records.filter(status=Record.Status.PUBLISHED)
        filters = request.filters
        records = _filtered(records, filters)
        if request.published_between:
            after, until = request.published_between
            records = records.filter(published_at__gt=after, published_at__lte=until)
        groups = request.groups
        if groups:
            ids_sql, ids_params = _matching_ids_sql(groups)
            # Constant SQL with bound parameters: the query text never enters the SQL string.
            records = records.filter(pk__in=RawSQL(ids_sql, ids_params))  # noqa: S611
        start = (request.page - 1) * request.page_size
        relevance = bool(groups) and request.sort == "relevance"
        answer = EngineAnswer(total=0, page=[], facets={})
        if request.with_facets or relevance:
            if (
                connection.vendor == "sqlite"
                and groups
                and not any(filters.values())
                and not request.published_between
            ):
                sample_sql, sample_params = _streamed_sample_sql(
                    groups, request.include_unpublished
                )
            else:
                sample = records.order_by("-pk").values(
                    "pk", "type", "language", "date", "country_id"
                )[: SAMPLE + 1]
                compiled, compiled_params = sample.query.sql_with_params()
                sample_sql, sample_params = _escaped(compiled), list(compiled_params)
            ranked = _ranked_hits_sql(groups, request.page_size, start) if relevance else None
            sql, params = _page_statement(
                sample_sql, sample_params, facets=request.with_facets, ranked=ranked
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            answer = _answer_from_rows(rows)
        if not request.with_facets:
            answer.total, answer.estimated = records.count(), False
        if not relevance:
            ordered = records.order_by(
                F("date").asc(nulls_last=True)
                if request.sort == "date"
                else F("date").desc(nulls_last=True),
                "pk" if request.sort == "date" else "-pk",
            )
            if request.after:
                ordered = _cursor_filter(ordered, request.sort, request.after)
                start = 0
            page = list(ordered.values_list("pk", "date")[start : start + request.page_size])
            answer.page = [(pk, 0.0) for pk, _day in page]
            if len(page) == request.page_size:
                last_pk, last_day = page[-1]
                answer.next_after = f"{last_day.isoformat() if last_day else ''}|{last_pk}"
        return answer


def _escaped(compiled_sql: str) -> str:
    """Django's compiled SQL inside our own, for a cursor that fills %s placeholders."""
    return compiled_sql.replace("%", "%%").replace("%%s", "%s")


def _answer_from_rows(rows: list[tuple[str, str, float]]) -> EngineAnswer:
    counted = 0
    oldest: int | None = None
    hits: list[tuple[int, float]] = []
    raw: dict[str, list[tuple[str, int]]] = {}
    for facet, value, number in rows:
        if facet == "total":
            counted = int(number)
        elif facet == "oldest":
            oldest = None if number is None else int(number)
        elif facet == "hit":
            hits.append((int(value), float(number)))
        elif value is not None:
            raw.setdefault(facet, []).append((str(value), int(number)))
    if counted <= SAMPLE or oldest is None:
        return EngineAnswer(total=counted, page=hits, facets=raw, sample=counted)
    # More than SAMPLE matches: the sample reached back from the newest record to `oldest`;
    # the matches are taken to be spread over the ids as they are over that stretch.
    bounds = Record.objects.aggregate(low=Min("pk"), high=Max("pk"))
    low, high = int(bounds["low"]), int(bounds["high"])
    total = max(counted, round(counted * (high - low + 1) / (high - oldest + 1)))
    scale = total / counted
    facets = {
        name: [(value, max(1, round(count * scale))) for value, count in values]
        for name, values in raw.items()
    }
    return EngineAnswer(total=total, page=hits, facets=facets, estimated=True, sample=counted)


def search_backend() -> SearchBackend:
    """The configured backend: CTASSIST_SEARCH_BACKEND = "database" (default) or "opensearch"
    (with CTASSIST_SEARCH_OPENSEARCH_URL)."""
    from django.conf import settings

    if getattr(settings, "CTASSIST_SEARCH_BACKEND", "database") == "opensearch":
        from ctassist.library.opensearch import OpenSearchBackend

        return OpenSearchBackend.from_settings()
    return DatabaseBackend()


def library_search(
    *,
    query: str,
    filters: dict[str, str | None] | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = PAGE_SIZE,
    include_unpublished: bool = False,
    with_facets: bool = True,
    published_between: tuple[datetime, datetime] | None = None,
    after: str | None = None,
    backend: SearchBackend | None = None,
) -> SearchResult:
    """Ranked, filtered, faceted search; published records only unless asked otherwise.
    `published_between` (after, up to and including) keeps records published in that window:
    the new matches of a saved search. `after` continues a date-sorted listing from the
    cursor a previous page gave (SearchResult.next_after): keyset pagination."""
    if sort not in ("relevance", "date", "-date"):
        raise InvalidInput(
            "sort must be relevance, date or -date",
            problems=[FieldProblem("sort", "relevance, date or -date")],
        )
    if not 1 <= page <= MAX_PAGE:
        raise InvalidInput(
            f"page must be from 1 to {MAX_PAGE:,}",
            problems=[FieldProblem("page", f"from 1 to {MAX_PAGE}")],
        )
    filters = filters or {}
    _filtered(Record.objects.none(), filters)  # unknown filters and bad years refused here
    groups = [g for g in query_alternatives(query or "") if g]
    request = SearchRequest(
        groups=groups,
        filters=filters,
        sort=sort,
        page=page,
        page_size=page_size,
        include_unpublished=include_unpublished,
        with_facets=with_facets,
        published_between=published_between,
        after=after,
    )
    answer = (backend or search_backend()).search(request)
    by_id = _with_heads(Record.objects.all()).in_bulk([pk for pk, _score in answer.page])
    hits = [
        Hit(
            record=r,
            score=round(score, 4),
            snippet=snippet(
                getattr(r, "summary_head", "") or getattr(r, "text_head", "") or r.title,
                groups,
                r.language,
            ),
        )
        for r, score in ((by_id.get(pk), score) for pk, score in answer.page)
        if r is not None
    ]
    facets = _facets_sorted(answer.facets) if with_facets else {}
    return SearchResult(
        total=answer.total,
        page=page,
        hits=hits,
        facets=facets,
        estimated=answer.estimated,
        sample=answer.sample,
        next_after=answer.next_after,
    )


def _facets_sorted(
    raw: dict[str, list[tuple[str, int]]],
) -> dict[str, list[tuple[str, str, int]]]:
    facets: dict[str, list[tuple[str, str, int]]] = {}
    for name in FACETS:
        values = list(raw.get(name, []))
        if name == "year":
            values.sort(key=lambda item: item[0], reverse=True)
        else:
            values.sort(key=lambda item: (-item[1], item[0]))
        facets[name] = [(value, value, count) for value, count in values[:30]]
    return _facet_labels(facets)
