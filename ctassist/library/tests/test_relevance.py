"""The relevance set (ctassist/library/relevance.py) over the demo corpus, which the session
fixtures load: every query puts its record first."""

from __future__ import annotations

import pytest

from ctassist.library.relevance import RELEVANCE_SET, relevance_figure

pytestmark = pytest.mark.django_db


def test_every_query_of_the_relevance_set_finds_its_record_first():
    figure = relevance_figure()
    assert figure.queries == len(RELEVANCE_SET)
    assert figure.misses == []
    assert figure.mean_reciprocal_rank == 1.0


def test_the_figure_drops_when_a_record_is_missing():
    from ctassist.library.models import Record

    Record.objects.filter(external_id="demo-leg-chn-2015").update(status=Record.Status.DRAFT)
    figure = relevance_figure()
    assert figure.first == len(RELEVANCE_SET) - 2  # the two Chinese queries
    assert {query for query, _, _ in figure.misses} == {"反恐怖主义法", "国际合作"}
