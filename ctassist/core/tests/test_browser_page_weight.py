"""Pages on a slow link, in a real browser (docs/adr/0016): every main page, in English and
Arabic, signed in or not, transfers at most 200 kB before media (compressed as sent, the browser's
cache off) and is no wider than a 360 px phone screen."""

from __future__ import annotations

from typing import Any

import pytest

from ctassist.core.tests.main_pages import PUBLIC_PAGES, SIGNED_IN_PAGES

pytestmark = [pytest.mark.browser]

PHONE = {"width": 360, "height": 740}
MAX_BYTES = 200_000
MEDIA = ("image", "media", "font")


def page_weight(tab: Any, path: str) -> tuple[int, int]:
    """(bytes transferred before media, page width in px) for `path` loaded afresh."""
    finished: list[Any] = []

    def keep(request: Any) -> None:
        finished.append(request)

    tab.on("requestfinished", keep)
    try:
        response = tab.goto(path)
        assert response is not None and response.status == 200, path
        tab.wait_for_load_state("load")
        width = tab.evaluate("document.documentElement.scrollWidth")
    finally:
        tab.remove_listener("requestfinished", keep)
    sent = 0
    for request in finished:
        if request.resource_type in MEDIA:
            continue
        sizes = request.sizes()
        sent += sizes["responseHeadersSize"] + sizes["responseBodySize"]
    return sent, width


def _on_a_phone_without_cache(tab: Any) -> None:
    tab.set_viewport_size(PHONE)
    tab.context.new_cdp_session(tab).send("Network.setCacheDisabled", {"cacheDisabled": True})


def _too_heavy_or_wide(tab: Any, paths: tuple[str, ...]) -> dict[str, str]:
    found = {}
    for path in paths:
        sent, width = page_weight(tab, path)
        if sent > MAX_BYTES or width > PHONE["width"]:
            found[path] = f"{sent:,} bytes, {width} px wide"
    return found


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_public_pages_are_light_and_fit_a_phone(page, prefix):
    _on_a_phone_without_cache(page)
    assert _too_heavy_or_wide(page, tuple(prefix + path for path in PUBLIC_PAGES)) == {}


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_signed_in_pages_are_light_and_fit_a_phone(page, login, prefix):
    login(page, "demo-admin")
    _on_a_phone_without_cache(page)
    assert _too_heavy_or_wide(page, tuple(prefix + path for path in SIGNED_IN_PAGES)) == {}


def test_the_matrix_is_sent_compressed(page):
    _on_a_phone_without_cache(page)
    response = page.goto("/treaties/matrix/")
    assert response is not None
    assert response.headers["content-encoding"] == "gzip"
    assert response.request.sizes()["responseBodySize"] < 30_000


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_the_matrix_on_a_phone(page, prefix):
    """The whole matrix is there (every State, every instrument) and scrolls sideways in its box;
    each cell says its status to a screen reader; the column links are big enough to tap."""
    _on_a_phone_without_cache(page)
    page.goto(f"{prefix}/treaties/matrix/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = page.locator(".matrix")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")
    rows = page.locator(".matrix tbody tr")
    assert rows.count() > 190
    assert page.locator(".matrix tbody td").count() == rows.count() * 19
    first = page.locator(".matrix tbody td").first
    party = "party" if not prefix else "طرف"
    cell = page.locator(f".matrix tbody td[title$=': {party}']").first
    assert cell.inner_text() == party  # in the accessibility tree, as the cell's text
    assert cell.evaluate("td => td.scrollWidth > td.clientWidth")  # pushed out of sight
    assert first.bounding_box()["width"] >= 24
    for link in page.locator(".matrix thead a").all():
        size = link.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24, size
    # The State column stays in view when the instruments scroll.
    name = page.locator(".matrix tbody th").first
    before = name.bounding_box()["x"]
    box.evaluate("b => b.scrollBy({left: getComputedStyle(b).direction === 'rtl' ? -200 : 200})")
    assert abs(box.evaluate("b => b.scrollLeft")) >= 200
    assert abs(name.bounding_box()["x"] - before) < 1


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_the_highlight_form_fits_a_phone(page, login, prefix):
    login(page, "demo-admin")
    page.set_viewport_size(PHONE)
    page.goto(f"{prefix}/reports/")
    page.locator("#highlights summary").click()
    form = page.locator("#highlight-form")
    assert form.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for control in form.locator("select, textarea, input:not([type=hidden])").all():
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
