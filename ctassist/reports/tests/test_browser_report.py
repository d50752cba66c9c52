"""The results page and the report page in a real browser, in English and Arabic: indicator
progress drawn as bars, a highlight written and merged, the report downloaded as a Word file."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_results_page_shows_progress_against_targets(page, login, prefix):
    login(page, "demo-admin")
    page.goto(f"{prefix}/assistance/results/?project=DEMO-02")
    rows = page.locator("#indicator-progress tbody tr")
    assert rows.count() == 3
    assert page.locator("#indicator-progress .bar").count() >= 2
    if prefix:
        assert page.locator("html").get_attribute("dir") == "rtl"


def test_report_page_merges_a_highlight_and_downloads_docx(page, login):
    login(page, "demo-admin")
    page.goto("/reports/?from=2019-06-01&to=2020-05-31")
    assert page.locator("#figures tbody tr").count() > 10
    page.get_by_text("Write a highlight").click()
    page.locator("#h-on").fill("2019-10-01")
    page.locator("#h-area").select_option("policy")
    page.locator("#h-text").fill("A national strategy was validated by the cabinet (browser test).")
    page.locator("#h-status").select_option("ready")
    page.get_by_role("button", name="Save highlight").click()
    page.wait_for_load_state()
    assert "validated by the cabinet" in page.locator("#highlights").inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="DOCX").click()
    content = Path(download.value.path()).read_bytes()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "validated by the cabinet (browser test)" in text
    assert "I. Introduction" in text


def test_editor_replaces_a_paragraph_freezes_and_sees_what_changed(page, login):
    """A period of its own (the edits of this test stay in the session's database)."""
    login(page, "demo-admin")
    page.goto("/reports/?from=2019-07-01&to=2020-05-31")
    page.get_by_label("Replace paragraph 1", exact=True).click()
    page.locator("#p-text").fill("UNODC is mandated to assist States on request (browser edit).")
    page.get_by_role("button", name="Save paragraph").click()
    page.wait_for_load_state()
    first = page.locator("#p-1").inner_text()
    assert "(browser edit)" in first and "demo-admin" in first
    page.get_by_role("button", name="Freeze the final version").click()
    page.wait_for_load_state()
    assert "Frozen by demo-admin" in page.locator("#final").inner_text()
    assert "No change since the final version." in page.locator("#final").inner_text()
    page.get_by_label("Add a paragraph after paragraph 2", exact=True).click()
    page.locator("#p-text").fill("A paragraph added after freezing (browser edit).")
    page.get_by_role("button", name="Save paragraph").click()
    page.wait_for_load_state()
    assert "added after freezing" in page.locator("#p-3").inner_text()
    assert (
        "New paragraph: A paragraph added after freezing" in page.locator("#changes").inner_text()
    )
