"""An evaluation's follow-up plan in a real browser, English and Arabic."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_follow_up_plan_shows_responses_actions_and_rate(page, login, prefix):
    from ctassist.evaluations.models import Evaluation

    evaluation = (
        Evaluation.objects.filter(illustrative=True, stage="follow_up").order_by("pk").first()
    )
    login(page, "demo-analyst")
    page.goto(f"{prefix}/evaluations/")
    page.locator(f"a[href$='/evaluations/{evaluation.pk}/']").click()
    page.wait_for_load_state()
    assert page.locator("section.recommendation").count() == 4
    assert page.locator("#rate").inner_text().strip().startswith(("50", "33", "1", "0"))
    assert page.locator("li.action").count() >= 3
