"""Cases in a real browser: the unit head's dashboard puts the detainee held past the limit
first; a case page in English and Arabic; another country's prosecutor sees none of it."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_head_sees_overdue_detainee_and_opens_the_case(page, login, prefix):
    login(page, "demo-prosecutor-nga")
    page.goto(f"{prefix}/cases/")
    overdue = page.locator("#overdue li").first
    overdue.wait_for()
    assert page.locator("html").get_attribute("dir") == ("rtl" if prefix else "ltr")
    overdue.locator("a").click()
    page.wait_for_load_state()
    assert page.locator(".overdue").first.is_visible()
    assert page.locator("code.sha256").count() >= 1


def test_other_country_sees_nothing(page, login):
    from ctassist.cases.models import CaseFile

    nigerian = CaseFile.objects.filter(unit__country__code="NGA").first()
    login(page, "demo-prosecutor-ken")
    page.goto("/cases/")
    assert "NGA/CT" not in page.content()
    response = page.goto(f"/cases/{nigerian.pk}/")
    assert response.status == 404
