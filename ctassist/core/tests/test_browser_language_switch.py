"""The language switch in a real browser: from each of the six languages to each of the other
five (30 pairs) on the home page, a State page and a search page, for an anonymous reader and a
signed-in one; the page stays, only its language changes."""

from __future__ import annotations

import itertools

import pytest

pytestmark = [pytest.mark.browser]

PREFIX = {"en": "", "ar": "/ar", "zh-hans": "/zh-hans", "fr": "/fr", "ru": "/ru", "es": "/es"}
PAGES = ("/", "/states/NGA/", "/library/?q=terrorism")


def _every_pair_once() -> list[str]:
    """A walk through the six languages that takes each of the 30 ordered pairs exactly once
    (an Eulerian circuit of the complete directed graph, by Hierholzer's algorithm)."""
    unused = {source: [t for t in PREFIX if t != source] for source in PREFIX}
    stack, walk = ["en"], []
    while stack:
        if unused[stack[-1]]:
            stack.append(unused[stack[-1]].pop())
        else:
            walk.append(stack.pop())
    return walk[::-1]


def _switch_through_every_pair(tab, base_url: str, path: str) -> list[str]:
    walk = _every_pair_once()
    assert len(set(itertools.pairwise(walk))) == 30
    tab.goto(f"{PREFIX[walk[0]]}{path}")
    failures = []
    for source, target in itertools.pairwise(walk):
        with tab.expect_navigation():
            tab.locator("#language-select").select_option(target)
        expected = f"{base_url}{PREFIX[target]}{path}"
        lang = tab.locator("html").get_attribute("lang")
        if tab.url != expected or lang != target:
            failures.append(f"{source}→{target} on {path}: {tab.url} (lang={lang})")
            tab.goto(f"{PREFIX[target]}{path}")
    return failures


@pytest.mark.parametrize("path", PAGES)
def test_every_pair_for_an_anonymous_reader(page, live_url, path):
    assert _switch_through_every_pair(page, live_url, path) == []


def test_every_pair_for_a_signed_in_user(page, live_url, login):
    login(page, "demo-editor")
    assert _switch_through_every_pair(page, live_url, "/states/NGA/") == []
    assert page.get_by_text("demo-editor").first.is_visible()
