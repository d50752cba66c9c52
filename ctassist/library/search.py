"""Library search: one interface, two engines. SQLite uses an FTS5 table with BM25 ranking;
PostgreSQL a tsvector column with a GIN index and ts_rank_cd. Both index the terms produced by
analysis.py, so stemming and Chinese segmentation behave the same on both."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr

from ctassist.core.errors import FieldProblem, InvalidInput
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
    parameterised statements: no per-row ORM work."""
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
            if len(documents) >= BULK_ANALYZE_ROWS:
                # Fresh statistics after a bulk load, or the planner guesses badly (a ranked
                # page then took minutes on 100k new rows before autovacuum caught up).
                cursor.execute("ANALYZE library_searchdocument")
                cursor.execute("ANALYZE library_record")
    return len(documents)


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


def _ranked_page_sql(
    groups: list[list[str]],
    candidates_sql: str,
    candidates_params: list[Any],
    limit: int,
    offset: int,
) -> tuple[str, list[Any]]:
    """One page of (id, score), best first, ranked by the engine among the candidates (the
    records that pass the filters)."""
    if connection.vendor == "postgresql":
        return (
            # candidates_sql comes from Django's query compiler, never from user text. The
            # matches are ranked once (materialised), then joined to the candidates.
            "WITH m AS MATERIALIZED (SELECT d.record_id AS id, ts_rank_cd(d.tsv, q) AS score "  # noqa: S608
            "FROM library_searchdocument d, to_tsquery('simple', %s) q WHERE d.tsv @@ q) "
            f"SELECT m.id, m.score FROM m WHERE m.id IN ({candidates_sql}) "
            "ORDER BY m.score DESC, m.id DESC LIMIT %s OFFSET %s",
            [_ts_query(groups), *candidates_params, limit, offset],
        )
    # The MATCH is evaluated once (materialised), then joined to the filtered candidates.
    return (
        "WITH m AS MATERIALIZED (SELECT rowid AS id, -bm25(library_fts, 5.0, 1.0) AS score "  # noqa: S608
        "FROM library_fts WHERE library_fts MATCH %s) "
        f"SELECT m.id, m.score FROM m WHERE m.id IN ({candidates_sql}) "
        "ORDER BY m.score DESC, m.id DESC LIMIT %s OFFSET %s",
        [_fts_query(groups), *candidates_params, limit, offset],
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


def _facet_counts_sql(candidates_sql: str) -> str:
    """One statement counting every facet (and the total) over the candidates, computed once
    (a materialised CTE of id, type, language, date, country): the full-text match is not
    re-run per facet and the record table is read once."""
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
    selects = " UNION ALL ".join(select.format(**names) for select in _FACET_SELECTS)
    return (
        f"WITH c(id, type, language, date, country_id) AS MATERIALIZED ({candidates_sql}) {selects}"
    )


def _facets_and_total(
    records: QuerySet[Record],
) -> tuple[int, dict[str, list[tuple[str, str, int]]]]:
    # The candidates carry the columns the facets count, so no facet joins the record table.
    candidates = records.order_by().values("pk", "type", "language", "date", "country_id")
    candidates_sql, params = candidates.query.sql_with_params()
    # The candidates' SQL comes from Django's compiler, never from user text.
    sql = _facet_counts_sql(candidates_sql.replace("%", "%%").replace("%%s", "%s"))
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        rows = cursor.fetchall()
    total = 0
    raw: dict[str, list[tuple[str, int]]] = {}
    for facet, value, count in rows:
        if facet == "total":
            total = int(count)
        elif value is not None:
            raw.setdefault(facet, []).append((str(value), int(count)))
    facets: dict[str, list[tuple[str, str, int]]] = {}
    for name in FACETS:
        values = raw.get(name, [])
        if name == "year":
            values.sort(key=lambda item: item[0], reverse=True)
        else:
            values.sort(key=lambda item: (-item[1], item[0]))
        facets[name] = [(value, value, count) for value, count in values[:30]]
    return total, _facet_labels(facets)


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
) -> SearchResult:
    """Ranked, filtered, faceted search; published records only unless asked otherwise.
    `published_between` (after, up to and including) keeps records published in that window:
    the new matches of a saved search."""
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
    records = Record.objects.all()
    if not include_unpublished:
        records = records.filter(status=Record.Status.PUBLISHED)
    records = _filtered(records, filters or {})
    if published_between:
        after, until = published_between
        records = records.filter(published_at__gt=after, published_at__lte=until)
    groups = [g for g in query_alternatives(query or "") if g]
    scores: dict[int, float] = {}
    candidates = records
    if groups:
        ids_sql, ids_params = _matching_ids_sql(groups)
        # Constant SQL with bound parameters: the query text never enters the SQL string.
        records = records.filter(pk__in=RawSQL(ids_sql, ids_params))  # noqa: S611
    if with_facets:
        total, facets = _facets_and_total(records)
    else:
        total, facets = records.count(), {}
    start = (page - 1) * page_size
    if groups and sort == "relevance":
        candidates_sql, candidates_params = (
            candidates.order_by().values("pk").query.sql_with_params()
        )
        page_sql, page_params = _ranked_page_sql(
            groups, candidates_sql, list(candidates_params), page_size, start
        )
        with connection.cursor() as cursor:
            cursor.execute(page_sql, page_params)
            scores = {pk: float(score) for pk, score in cursor.fetchall()}
        by_id = _with_heads(Record.objects.all()).in_bulk(list(scores))
        page_records = [by_id[pk] for pk in scores]
    else:
        ordered = (
            records.order_by("date", "id") if sort == "date" else records.order_by("-date", "-id")
        )
        page_records = list(_with_heads(ordered)[start : start + page_size])
    hits = [
        Hit(
            record=r,
            score=round(scores.get(r.pk, 0.0), 4),
            snippet=snippet(
                getattr(r, "summary_head", "") or getattr(r, "text_head", "") or r.title,
                groups,
                r.language,
            ),
        )
        for r in page_records
    ]
    return SearchResult(total=total, page=page, hits=hits, facets=facets)
