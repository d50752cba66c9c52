"""The library in a real browser: search with facets, a record page, an editor publishing."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_search_with_facets(page, prefix):
    page.goto(f"{prefix}/library/")
    page.locator("#q").fill("terrorisme")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**q=terrorisme**")
    page.locator(".results li").first.wait_for()
    before = page.locator(".results > li").count()
    # Languages go by their own names, not their codes.
    page.locator(".facets section[data-facet=language] a", has_text="français").first.click()
    page.wait_for_url("**language=fr**")
    assert page.locator(".results > li").count() <= before
    assert all(
        lang == "fr"
        for lang in page.locator(".results > li .hit-title").evaluate_all(
            "items => items.map(i => i.lang)"
        )
    )


def test_record_page(page):
    page.goto("/library/records/demo-leg-chn-2015/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("反恐怖主义法")
    # The record's own text is marked as Chinese; the page's labels stay in the page's language.
    assert page.get_by_role("heading", level=1).get_attribute("lang") == "zh"
    assert page.locator("article dl.facts").get_attribute("lang") is None


def test_editor_publishes_a_draft(page, login):
    from ctassist.library.models import Record

    login(page, "demo-editor")
    page.goto("/library/records/demo-draft-sen-2020/")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert page.get_by_text("Status changed.").is_visible()
    record = Record.objects.get(external_id="demo-draft-sen-2020")
    assert record.status == "published"
    # Put the shared demo record back as it was for other tests (the live server commits).
    Record.objects.filter(pk=record.pk).update(status="draft", published_at=None)
    from ctassist.library.search import search_index_records

    search_index_records(Record.objects.filter(pk=record.pk))


def test_practitioner_saves_a_search_and_sees_versions_side_by_side(page, login):
    from ctassist.library.models import SavedSearch

    login(page, "demo-practitioner-ken")
    page.goto("/library/?q=financing&type=legislation")
    page.get_by_label("Save this search as").fill("Financing laws")
    page.get_by_role("button", name="Save search").click()
    page.wait_for_url("**/library/saved/")
    assert page.get_by_role("link", name="Financing laws").is_visible()
    saved = SavedSearch.objects.get(name="Financing laws")
    assert saved.filters == {"type": "legislation"}
    page.get_by_role("link", name="Financing laws").click()
    page.locator(".results li").first.wait_for()
    assert "type=legislation" in page.url
    # Clean up the shared live database for other tests.
    saved.delete()
    page.goto("/library/records/demo-leg-fra-2014/")
    page.get_by_role("link", name="side by side").click()
    columns = page.locator("table.side-by-side thead th")
    assert columns.nth(0).get_attribute("lang") == "fr"
    assert columns.nth(1).get_attribute("lang") == "en"
