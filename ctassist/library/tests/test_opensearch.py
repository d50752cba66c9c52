"""The OpenSearch backend (ctassist/library/opensearch.py). Its query is checked here always;
the searches run against a real server when CTASSIST_SEARCH_OPENSEARCH_URL names one (a
throwaway index is created and dropped), and are skipped otherwise: no server can be
installed on the development machines (docs/library-search.md says how to run them)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from ctassist.core.errors import InvalidInput
from ctassist.library.models import Record, SearchDocument
from ctassist.library.opensearch import OpenSearchBackend, search_body
from ctassist.library.relevance import RELEVANCE_SET, relevance_figure
from ctassist.library.search import DatabaseBackend, IndexDocument, SearchRequest, library_search

pytestmark = pytest.mark.django_db

SERVER = os.environ.get("CTASSIST_SEARCH_OPENSEARCH_URL", "")
needs_server = pytest.mark.skipif(
    not SERVER,
    reason="no OpenSearch server: set CTASSIST_SEARCH_OPENSEARCH_URL (e.g. "
    "http://127.0.0.1:9200) to run the backend's searches against one",
)


def test_every_word_must_match_and_drafts_and_filters_are_applied():
    body = search_body(
        SearchRequest(
            groups=[["financ", "financement"], ["terror"]],
            filters={"region": "002", "type": "legislation"},
        )
    )
    query = body["query"]["bool"]
    assert len(query["must"]) == 2  # one clause per word, all required
    first_word = query["must"][0]["bool"]
    assert first_word["minimum_should_match"] == 1
    assert {"term": {"body_terms": "financement"}} in first_word["should"]
    assert {"term": {"status": "published"}} in query["filter"]
    assert {"term": {"regions": "002"}} in query["filter"]  # a region or a sub-region
    assert set(body["aggs"]) == {
        "type",
        "country",
        "region",
        "year",
        "language",
        "crime_type",
        "cross_cutting",
        "instrument",
    }


def test_an_unknown_filter_is_refused_as_on_the_database():
    with pytest.raises(InvalidInput):
        search_body(SearchRequest(groups=[], filters={"colour": "red"}))


@pytest.fixture
def backend() -> Iterator[OpenSearchBackend]:
    server = OpenSearchBackend(url=SERVER.rstrip("/"), index_name=f"ctassist-test-{uuid.uuid4()}")
    server.index_create()
    documents = [
        IndexDocument(d.record_id, d.title_terms, d.body_terms)
        for d in SearchDocument.objects.all()
    ]
    assert server.index(documents) == Record.objects.count()
    server.refresh()
    yield server
    server.index_drop()


@needs_server
def test_the_relevance_set_on_opensearch(backend):
    figure = relevance_figure(backend)
    assert figure.misses == []
    assert figure.first == len(RELEVANCE_SET)


@needs_server
def test_the_same_matches_and_facet_counts_as_the_database(backend):
    for query in ("terrorism", "financer", "ارهاب تمويل", "恐怖主义", "терроризм", ""):
        ours = library_search(query=query, backend=DatabaseBackend(), page_size=100)
        theirs = library_search(query=query, backend=backend, page_size=100)
        assert theirs.total == ours.total, query
        assert {h.record.pk for h in theirs.hits} == {h.record.pk for h in ours.hits}, query
        for name in ("type", "language", "country"):
            assert sorted(theirs.facets[name]) == sorted(ours.facets[name]), (query, name)


@needs_server
def test_drafts_stay_hidden_on_opensearch(backend):
    assert library_search(query="brouillon", backend=backend).total == 0
    found = library_search(query="brouillon", backend=backend, include_unpublished=True)
    assert [h.record.external_id for h in found.hits] == ["demo-draft-sen-2020"]


@needs_server
def test_keyset_pages_on_opensearch(backend):
    walked: list[int] = []
    after = None
    for _ in range(3):
        page = library_search(query="", sort="-date", page_size=5, after=after, backend=backend)
        walked += [h.record.pk for h in page.hits]
        after = page.next_after
    expected = [
        h.record.pk
        for n in (1, 2, 3)
        for h in library_search(
            query="", sort="-date", page=n, page_size=5, backend=DatabaseBackend()
        ).hits
    ]
    assert walked == expected
