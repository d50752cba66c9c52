"""The bounded first page: exact counts while few records match, estimated ones (and the page
saying so) when more than SAMPLE do; keyset pages for the date orders."""

from __future__ import annotations

import pytest

from ctassist.library import search
from ctassist.library.analysis import query_alternatives
from ctassist.library.models import Record, SearchDocument
from ctassist.library.search import library_search

pytestmark = pytest.mark.django_db


def _published_matching(word: str) -> list[Record]:
    """The published records a one-word query matches, from the stored analysed terms (not
    the engine): any of the word's alternatives among a record's title or body terms."""
    (alternatives,) = query_alternatives(word)
    documents = SearchDocument.objects.filter(record__status=Record.Status.PUBLISHED)
    return [
        document.record
        for document in documents.select_related("record")
        if set(alternatives) & set(f"{document.title_terms} {document.body_terms}".split())
    ]


def test_a_narrow_query_has_exact_total_and_facets():
    result = library_search(query="terrorism")
    assert not result.estimated
    published = Record.objects.filter(status=Record.Status.PUBLISHED)
    matching = {r.pk for r in _published_matching("terrorism")}
    assert result.total == len(matching)
    languages = {value: count for value, _, count in result.facets["language"]}
    expected: dict[str, int] = {}
    for record in published.filter(pk__in=matching):
        expected[record.language] = expected.get(record.language, 0) + 1
    assert languages == expected


def test_a_broad_query_is_estimated_from_the_newest_matches(monkeypatch, client):
    monkeypatch.setattr(search, "SAMPLE", 3)
    exact = library_search(query="terrorism", with_facets=False)
    assert exact.total > 3  # the demo corpus has more matches than this sample
    result = library_search(query="terrorism")
    assert result.estimated
    assert result.sample == 4  # SAMPLE + 1 read, which is how the engine knows there are more
    assert result.total >= result.sample
    newest = sorted((r.pk for r in _published_matching("terrorism")), reverse=True)[:4]
    assert {h.record.pk for h in result.hits} <= set(newest)
    page = client.get("/library/", {"q": "terrorism"})
    text = page.content.decode()
    assert "Results: about" in text
    assert "most recently added are ranked here" in text


def test_a_broad_browse_without_words_is_estimated_too(monkeypatch):
    monkeypatch.setattr(search, "SAMPLE", 3)
    result = library_search(query="")
    assert result.estimated
    assert len(result.hits) == 10  # the newest-first listing itself is not limited to the sample


def test_keyset_pages_walk_the_same_order_as_numbered_pages():
    for sort in ("-date", "date"):
        by_number = [
            h.record.pk
            for page in (1, 2, 3)
            for h in library_search(query="", sort=sort, page=page, page_size=5).hits
        ]
        walked: list[int] = []
        after = None
        for _ in range(3):
            result = library_search(query="", sort=sort, page_size=5, after=after)
            walked += [h.record.pk for h in result.hits]
            after = result.next_after
        assert walked == by_number


def test_a_forged_cursor_is_refused_with_the_field_named(client):
    answer = client.get("/api/v1/library/search", {"sort": "-date", "after": "not-a-cursor"})
    assert answer.status_code == 422
    assert "after" in answer.content.decode()
