"""Assistance pages in a real browser: the dashboard with its charts and filters, and an
activity with its participants (names for office staff only), in English and Arabic."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_dashboard_and_an_activity_with_participants(page, login, prefix):
    login(page, "demo-admin")
    page.goto(f"{prefix}/assistance/")
    assert int(page.locator("#totals dd").first.inner_text().replace(",", "")) >= 150
    assert page.locator("table.bars").count() == 5
    page.locator("#region").select_option(label=page.locator("#region option").nth(1).inner_text())
    page.locator("form.filters button").click()
    page.wait_for_load_state()
    assert "region=" in page.url
    page.locator("main ul li a").first.click()
    page.wait_for_load_state()
    assert page.locator("#participants tbody tr").count() >= 1


def test_public_sees_counts_not_names(page):
    from ctassist.assistance.models import Activity

    activity = Activity.objects.order_by("pk").first()
    page.goto(f"/assistance/activities/{activity.pk}/")
    assert page.locator("#attendance").inner_text() != "0"
    assert page.locator("#participants").count() == 0
