"""Screening in a real browser (en, ar): a reviewer checks a name, reads why it matched, goes to
the review queue and records a decision with a reason; the decision shows on the screening."""

from __future__ import annotations

import pytest

from ctassist.screening.tests.listfiles import un_list_path

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_search_then_review(page, login, prefix):
    un_list_path()
    login(page, "demo-reviewer-ken")
    page.goto(f"{prefix}/screening/")
    name = "Erick Badege" if prefix else "Eric Badeje"
    page.locator("#id_name").fill(name)
    page.locator("#id_schema").select_option("Person")
    page.locator("#check-form button[type=submit]").click()
    page.wait_for_load_state()
    hit = page.locator("article.hit").first
    assert "CDi.001" in hit.inner_text()
    assert hit.locator(".explanation li").count() >= 2  # the name, then its parts
    hit.locator("a[href*='/screening/hits/']").click()
    page.wait_for_load_state()
    page.locator("#id_decision").select_option("false_positive")
    page.locator("#id_reason").fill("Born 1990 in Nairobi: a different person.")
    page.locator("#decision-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/screening/review/" in page.url
    page.goto(f"{prefix}/screening/review/?decision=false_positive")
    assert "a different person" not in page.locator("#queue").inner_text()  # reasons stay on hits
    assert name in page.locator("#queue").inner_text()
