"""Absurd numbers in a search are a clear refusal, not a server error (issue 27, item 7)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "query", [f"page={HUGE}", f"year={HUGE}", "year=0", "page=abc", "year=abc"]
)
def test_the_search_page_refuses_absurd_numbers(client, query):
    answer = client.get(f"/library/?{query}")
    assert 400 <= answer.status_code < 500


@pytest.mark.parametrize("query", [f"page={HUGE}", f"year={HUGE}", "page=100001"])
def test_the_search_api_refuses_absurd_numbers(client, query):
    answer = client.get(f"/api/v1/library/search?{query}")
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid"
