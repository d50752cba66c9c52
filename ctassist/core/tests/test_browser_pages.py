"""The main pages in a real browser (Playwright driving Debian's Chromium), in English and
Arabic: layout direction, language switching, keyboard access, htmx filtering, sign-in."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


def test_home_in_english_then_switch_to_arabic(page):
    page.goto("/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("link", name="States").first.is_visible()
    page.get_by_label("Language").select_option("ar")
    page.wait_for_url("**/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    # Mirrored layout: the brand sits at the right edge in Arabic.
    brand = page.locator(".brand").bounding_box()
    viewport = page.viewport_size
    assert brand["x"] > viewport["width"] / 2


def test_skip_link_is_the_first_stop_and_reaches_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_states_filter_by_region_with_htmx(page):
    page.goto("/states/")
    assert page.get_by_role("link", name="Nigeria").is_visible()
    page.get_by_label("Region").select_option("143")
    page.wait_for_url("**region=143**")
    page.get_by_role("link", name="Kazakhstan").wait_for()
    assert page.get_by_role("link", name="Nigeria").count() == 0
    assert page.get_by_text("5 States").is_visible()


def test_state_page_in_arabic(page):
    page.goto("/ar/states/NGA/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == "نيجيريا"
    assert page.locator("td[lang=zh-Hans]").inner_text() == "尼日利亚"


def test_phone_width_has_no_horizontal_scroll(browser, live_url):
    context = browser.new_context(base_url=live_url, viewport={"width": 360, "height": 740})
    tab = context.new_page()
    for path in ("/", "/ar/", "/states/"):
        tab.goto(path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
    context.close()


def test_sign_in_shows_the_user_and_role(page, login):
    login(page, "demo-analyst")
    assert page.get_by_text("demo-analyst · Analyst").is_visible()
    page.goto("/accounts/users/")
    assert page.get_by_role("cell", name="demo-practitioner-nga").is_visible()


def test_api_docs_render_offline(page):
    page.goto("/api/v1/docs")
    page.get_by_text("ctassist API").first.wait_for()
