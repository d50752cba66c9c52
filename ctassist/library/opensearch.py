"""The OpenSearch (or Elasticsearch) backend of library search: the path when one machine's
database is not enough (ADR 0025, docs/library-search.md). The database stays the source of
truth: search_documents_write sends it every document it writes, and `ctassist library
reindex` rebuilds its index from the database.

It indexes the same analysed terms as the database engines (analysis.py: stems per language,
Arabic folding, Chinese bigrams) in whitespace-analysed fields, so a query matches the same
records on every backend and the same tests run against it; beside them, each record's title
and summary in a field of its own language with OpenSearch's analyser for that language, for
highlighting and for queries that later want them. Facets are terms aggregations, counted
exactly over every match (track_total_hits), so its pages are never estimated.

Plain HTTP with JSON (the standard library's urllib): the backend uses four REST calls (create
an index, bulk, search, delete an index), which does not call for a client library."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from ctassist.core.errors import BrokenRule, FieldProblem
from ctassist.library.search import (
    FACETS,
    EngineAnswer,
    IndexDocument,
    SearchRequest,
    _filtered,
)

# OpenSearch's built-in analyser for each of the six languages (cjk for Chinese).
LANGUAGE_ANALYZERS = {
    "ar": "arabic",
    "zh": "cjk",
    "en": "english",
    "fr": "french",
    "ru": "russian",
    "es": "spanish",
}

MAPPING: dict[str, Any] = {
    "settings": {
        "analysis": {"analyzer": {"terms": {"type": "custom", "tokenizer": "whitespace"}}}
    },
    "mappings": {
        "dynamic": "strict",
        "properties": {
            "record_id": {"type": "long"},
            "title_terms": {"type": "text", "analyzer": "terms"},
            "body_terms": {"type": "text", "analyzer": "terms"},
            **{
                f"text_{code}": {"type": "text", "analyzer": analyzer}
                for code, analyzer in LANGUAGE_ANALYZERS.items()
            },
            **{
                name: {"type": "keyword"}
                for name in (
                    "status",
                    "type",
                    "language",
                    "country",
                    "region",
                    "regions",
                    "year",
                    "crime_type",
                    "cross_cutting",
                    "instrument",
                )
            },
            "date": {"type": "date"},
            "published_at": {"type": "date"},
        },
    },
}

# Facet name → the keyword field counted; filters use the same fields, except region, which
# matches a region or a sub-region (as the database backend's filter does).
FACET_FIELDS = {name: name for name in FACETS}
FILTER_FIELDS = {**FACET_FIELDS, "region": "regions"}
TITLE_BOOST = 5.0  # as the title's weight in FTS5's bm25 on SQLite


class SearchServerError(RuntimeError):
    """The search server refused or could not be reached: a fault of the installation, not of
    the request (an error page and a log entry, as a database that is down gives)."""


@dataclass
class OpenSearchBackend:
    url: str
    index_name: str = "ctassist-library"
    timeout: float = 10.0
    name: str = "opensearch"

    @classmethod
    def from_settings(cls) -> OpenSearchBackend:
        url = settings.CTASSIST_SEARCH_OPENSEARCH_URL
        if not url:
            raise SearchServerError(
                "CTASSIST_SEARCH_BACKEND is opensearch but CTASSIST_SEARCH_OPENSEARCH_URL is empty"
            )
        return cls(url=url.rstrip("/"), index_name=settings.CTASSIST_SEARCH_OPENSEARCH_INDEX)

    # -- HTTP ---------------------------------------------------------------------------

    def _call(
        self, method: str, path: str, body: Any = None, *, ndjson: list[Any] | None = None
    ) -> dict[str, Any]:
        data: str | None
        if ndjson is not None:
            data = "\n".join(json.dumps(line, ensure_ascii=False) for line in ndjson) + "\n"
            content_type = "application/x-ndjson"
        else:
            data = json.dumps(body, ensure_ascii=False) if body is not None else None
            content_type = "application/json"
        request = urllib.request.Request(  # noqa: S310 - the configured server's URL
            f"{self.url}/{path}",
            data=data.encode("utf-8") if data is not None else None,
            method=method,
            headers={"Content-Type": content_type},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer: dict[str, Any] = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            raise SearchServerError(
                f"The search server answered {error.code} to {method} /{path}: {detail}"
            ) from None
        except (urllib.error.URLError, TimeoutError) as error:
            raise SearchServerError(
                f"The search server at {self.url} is unreachable: {error}"
            ) from None
        if answer.get("errors"):  # a bulk request with failed items
            raise SearchServerError(f"The search server refused documents: {answer['items'][:3]}")
        return answer

    def index_create(self) -> None:
        """The index with its mapping, unless it exists."""
        try:
            self._call("HEAD", self.index_name)
        except SearchServerError:
            self._call("PUT", self.index_name, MAPPING)

    def index_drop(self) -> None:
        self._call("DELETE", self.index_name)

    def refresh(self) -> None:
        """Make what was just indexed searchable (tests; a bulk load)."""
        self._call("POST", f"{self.index_name}/_refresh")

    # -- SearchBackend --------------------------------------------------------------------

    def index(self, documents: list[IndexDocument]) -> int:
        if not documents:
            return 0
        self.index_create()
        fields = _record_fields([d.record_id for d in documents])
        lines: list[Any] = []
        for document in documents:
            record = fields.get(document.record_id)
            if record is None:
                continue
            lines.append({"index": {"_index": self.index_name, "_id": str(document.record_id)}})
            lines.append(
                {
                    "record_id": document.record_id,
                    "title_terms": document.title_terms,
                    "body_terms": document.body_terms,
                    **record,
                }
            )
        if lines:
            self._call("POST", "_bulk", ndjson=lines)
        return len(lines) // 2

    def delete(self, record_ids: list[int]) -> None:
        if record_ids:
            self._call(
                "POST",
                "_bulk",
                ndjson=[{"delete": {"_index": self.index_name, "_id": str(i)}} for i in record_ids],
            )

    def search(self, request: SearchRequest) -> EngineAnswer:
        answer = self._call("POST", f"{self.index_name}/_search", search_body(request))
        hits = answer["hits"]["hits"]
        page = [(int(hit["_id"]), float(hit.get("_score") or 0.0)) for hit in hits]
        facets = {
            name: [(str(b["key"]), int(b["doc_count"])) for b in agg["buckets"]]
            for name, agg in answer.get("aggregations", {}).items()
        }
        next_after = None
        if request.sort != "relevance" and len(hits) == request.page_size and hits:
            day, last_id = hits[-1]["sort"][:2]
            next_after = f"{_day_text(day)}|{last_id}"
        return EngineAnswer(
            total=int(answer["hits"]["total"]["value"]),
            page=page,
            facets=facets,
            sample=int(answer["hits"]["total"]["value"]),
            next_after=next_after,
        )


def _day_text(value: Any) -> str:
    """A date sort value (epoch milliseconds; null dates sort with a sentinel) as YYYY-MM-DD."""
    import datetime as dt

    if not isinstance(value, int | float) or abs(value) > 253402300799999:
        return ""
    return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC).date().isoformat()


def search_body(request: SearchRequest) -> dict[str, Any]:
    """The OpenSearch query of a library search: every query word (its alternatives ORed) must
    match the title or body terms, the title counting TITLE_BOOST times; filters on keyword
    fields; facets as terms aggregations; a date order with search_after for keyset pages."""
    _filtered_check(request.filters)
    must = [
        {
            "bool": {
                "should": [
                    clause
                    for term in group
                    for clause in (
                        {"term": {"title_terms": {"value": term, "boost": TITLE_BOOST}}},
                        {"term": {"body_terms": term}},
                    )
                ],
                "minimum_should_match": 1,
            }
        }
        for group in request.groups
    ]
    filters: list[dict[str, Any]] = []
    if not request.include_unpublished:
        filters.append({"term": {"status": "published"}})
    for name, value in request.filters.items():
        if value:
            filters.append({"term": {FILTER_FIELDS[name]: str(value)}})
    if request.published_between:
        after, until = request.published_between
        filters.append(
            {"range": {"published_at": {"gt": after.isoformat(), "lte": until.isoformat()}}}
        )
    body: dict[str, Any] = {
        "query": {"bool": {"must": must or [{"match_all": {}}], "filter": filters}},
        "size": request.page_size,
        "track_total_hits": True,
        "_source": False,
    }
    if request.with_facets:
        body["aggs"] = {
            name: {"terms": {"field": field, "size": 30}} for name, field in FACET_FIELDS.items()
        }
    if request.groups and request.sort == "relevance":
        body["sort"] = [{"_score": "desc"}, {"record_id": "desc"}]
        body["from"] = (request.page - 1) * request.page_size
    else:
        order = "asc" if request.sort == "date" else "desc"
        body["sort"] = [{"date": {"order": order, "missing": "_last"}}, {"record_id": order}]
        if request.after:
            body["search_after"] = _search_after(request.after, order)
        else:
            body["from"] = (request.page - 1) * request.page_size
    return body


# The sort value OpenSearch gives a record without a date (missing: _last), by order.
_NO_DATE = {"desc": -(2**63), "asc": 2**63 - 1}


def _search_after(cursor: str, order: str) -> list[int]:
    """A cursor "<YYYY-MM-DD or empty>|<record id>" (as the database backend makes them) as the
    sort values OpenSearch resumes after: epoch milliseconds, or the no-date sentinel."""
    import datetime as dt

    day, _, last_id = cursor.partition("|")
    try:
        if day:
            moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), tzinfo=dt.UTC)
            value = int(moment.timestamp() * 1000)
        else:
            value = _NO_DATE[order]
        return [value, int(last_id)]
    except ValueError:
        raise BrokenRule(
            f"after must be a cursor from a previous page, not {cursor!r}",
            problems=[FieldProblem("after", "a cursor from a previous page")],
        ) from None


def _filtered_check(filters: dict[str, str | None]) -> None:
    """Unknown filters and bad years refused as the database backend refuses them."""
    from ctassist.library.models import Record

    _filtered(Record.objects.none(), filters)


def _record_fields(record_ids: list[int]) -> dict[int, dict[str, Any]]:
    """What filters and facets read, for a batch of records: one query per table."""
    from ctassist.library.models import Record

    records = (
        Record.objects.filter(pk__in=record_ids)
        .select_related("country__region", "country__subregion")
        .prefetch_related("crime_types", "cross_cutting", "instruments")
    )
    out: dict[int, dict[str, Any]] = {}
    for r in records:
        country = r.country
        regions: list[str] = []
        if country is not None:
            regions = [g.m49 for g in (country.region, country.subregion) if g is not None]
        out[r.pk] = {
            "status": r.status,
            "type": r.type,
            "language": r.language,
            "country": country.code if country else None,
            "region": country.region.m49 if country and country.region else None,
            "regions": regions,
            "year": str(r.date.year) if r.date else None,
            "date": r.date.isoformat() if r.date else None,
            "published_at": r.published_at.isoformat() if r.published_at else None,
            "crime_type": [t.code for t in r.crime_types.all()],
            "cross_cutting": [t.code for t in r.cross_cutting.all()],
            "instrument": [i.code for i in r.instruments.all()],
            f"text_{r.language}": f"{r.title}\n{r.summary}",
        }
    return out
