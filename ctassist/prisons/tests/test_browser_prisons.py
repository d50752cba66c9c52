"""Prisons in a real browser (en, ar): an officer admits a prisoner and assesses them,
overriding the suggested level with a reason; the head (a supervisor) approves; the prisoner is
housed in a unit and enrolled in a programme; the dashboard shows the review due."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize(("prefix", "number"), [("", "BROWSER-EN"), ("/ar", "BROWSER-AR")])
def test_admit_assess_approve_house_enrol(page, login, prefix, number):
    from django.utils import timezone

    today = timezone.localdate()
    login(page, "demo-prison-officer-ken")
    page.goto(f"{prefix}/prisons/demo-ken-prison/admit/")
    page.locator("#id_number").fill(number)
    page.locator("#id_full_name").fill("Generated Browser Person")
    page.locator("#id_sex").select_option("male")
    page.locator("#id_date_of_birth").fill("1991-04-04")
    page.locator("#admit-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/prisons/prisoners/" in page.url
    prisoner_url = page.url

    page.locator("#assess-link").click()
    page.wait_for_load_state()
    page.locator("#id_trigger").select_option("intake")
    # every item left at its lowest point: the rule suggests low; the officer decides medium
    page.locator("#id_level").select_option("medium")
    page.locator("#id_override_reason").fill("Recruitment attempts reported by two guards.")
    page.locator("#id_next_review_on").fill((today + dt.timedelta(days=10)).isoformat())
    page.locator("#assessment-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/prisons/assessments/" in page.url
    assessment_url = page.url
    assert (
        page.locator("#suggested").inner_text().strip()
        != page.locator("#decided").inner_text().strip().split(" (")[0]
    )

    page.context.clear_cookies()
    login(page, "demo-prison-head-ken")
    page.goto(assessment_url)
    page.locator("#id_decision").select_option("approve")
    page.locator("#review-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#review-form").count() == 0  # reviewed: no form any more

    page.goto(prisoner_url)
    cell = page.locator("#id_house-cell option", has_text="B08").first.get_attribute("value")
    page.locator("#id_house-cell").select_option(cell)
    page.locator("#id_house-reason").fill("Medium risk: block B, away from the recruiters.")
    page.locator("#house-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "B/B08" in page.locator("#stays").inner_text()
    page.locator("#enrol-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#enrolments tbody tr").count() >= 1
    assert "Literacy" in page.locator("#enrolments").inner_text()

    page.goto(f"{prefix}/prisons/demo-ken-prison/")
    due = page.locator("#due-soon").inner_text()
    assert number in due and (today + dt.timedelta(days=10)).isoformat() in due
