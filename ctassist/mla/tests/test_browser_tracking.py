"""A central authority starts tracking a request sent to France, is stopped when it records a
refusal without its reason, records the acknowledgement, and sees the timeline — in English
and in Arabic (right to left)."""

from __future__ import annotations

import uuid

import pytest

pytestmark = [pytest.mark.browser]


def _start_tracking(page, reference):
    page.goto("/cooperation/tracking/new/")
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Requesting State").select_option("NER")
    page.get_by_label("Requested State").select_option("FRA")
    page.get_by_label("Sent on").fill("2020-03-02")
    page.get_by_label("Deadline").fill("2020-04-01")
    page.get_by_role("button", name="Start tracking").click()
    page.wait_for_url("**/cooperation/tracking/*/")


def test_tracking_detail_records_the_next_event(page, login):
    login(page, "demo-central-authority-ner")
    reference = f"NER/BROWSER/{uuid.uuid4().hex[:8]}"
    _start_tracking(page, reference)
    assert page.get_by_role("heading", level=1).inner_text() == reference
    assert "sent" in page.locator("#status").inner_text()
    assert page.locator("#overdue").is_visible()
    assert page.locator("#timeline li").count() == 1
    form = page.locator("#event-form")
    form.get_by_label("What happened").select_option("refused")
    form.get_by_label("Date").fill("2020-03-10")
    form.get_by_role("button", name="Record").click()
    page.wait_for_load_state()
    assert "A refusal needs its reason." in page.locator("#event-form").inner_text()
    assert "sent" in page.locator("#status").inner_text()
    form = page.locator("#event-form")
    form.get_by_label("What happened").select_option("acknowledged")
    form.get_by_label("Date").fill("2020-03-09")
    form.get_by_role("button", name="Record").click()
    page.wait_for_load_state()
    assert "acknowledged" in page.locator("#status").inner_text()
    items = page.locator("#timeline li")
    assert items.count() == 2
    # The date as the reader's language writes it, with the machine-readable one beside it.
    assert "9 March 2020" in items.nth(1).inner_text()
    assert items.nth(1).locator("time").get_attribute("datetime") == "2020-03-09"


def test_tracking_detail_in_arabic(page, login):
    login(page, "demo-central-authority-ner")
    reference = f"NER/BROWSER-AR/{uuid.uuid4().hex[:8]}"
    _start_tracking(page, reference)
    path = page.url.split("/cooperation/", 1)[1]
    page.goto(f"/ar/cooperation/{path}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == reference
    form = page.locator("#event-form")
    form.locator("select[name=kind]").select_option("acknowledged")
    form.locator("input[name=on]").fill("2020-03-05")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "/ar/cooperation/tracking/" in page.url
    assert page.locator("#timeline li").count() == 2
    # Mirrored: the timeline starts at the right edge of the page.
    box = page.locator("#timeline").bounding_box()
    width = page.viewport_size["width"]
    assert box is not None and box["x"] + box["width"] > width / 2
