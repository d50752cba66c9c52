"""Cases in a real browser: the unit head's dashboard puts the detainee held past the limit
first; a case page in English and Arabic; another country's prosecutor sees none of it."""

from __future__ import annotations

from typing import Any

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


def test_prosecutor_flow_in_the_browser(page, login, tmp_path):
    """Open a case, add two accused (one a child), record custody, upload digital evidence and
    see its hash, schedule a hearing, record an outcome — all through the pages."""
    from ctassist.cases.models import CaseFile

    login(page, "demo-prosecutor-ken")
    page.goto("/cases/new/")
    page.get_by_label("Unit").select_option(index=1)
    page.get_by_label("Title").fill("State v. Browser Flow")
    page.get_by_label("Date of the alleged offence").fill("2019-08-01")
    page.get_by_role("button", name="Open case").click()
    page.wait_for_url("**/cases/*/")
    case = CaseFile.objects.get(title="State v. Browser Flow")
    for name, born in (("Adult Flow", "1985-02-02"), ("Child Flow", "2004-03-03")):
        page.locator("summary", has_text="Add a person").click()
        form = page.locator("#person-form")
        form.get_by_label("Role").select_option("accused")
        form.get_by_label("Full name").fill(name)
        form.get_by_label("Date of birth").fill(born)
        form.get_by_role("button", name="Add person").click()
        page.wait_for_load_state()
    assert page.locator("#juvenile").is_visible()
    assert page.locator(".child-flag").count() == 1
    adult_row = page.locator("tr", has_text="Adult Flow")
    adult_row.locator("summary", has_text="Record custody").click()
    adult_row.locator("select[name=detention]").select_option("in_custody")
    adult_row.locator("input[name=custody_start]").fill("2019-08-02")
    adult_row.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Custody recorded." in page.content()
    adult_row = page.locator("tr", has_text="Adult Flow")
    adult_row.locator("summary", has_text="Add a charge").click()
    adult_row.locator("input[name=offence]").fill("Recruitment for terrorism")
    adult_row.get_by_role("button", name="Add").click()
    page.wait_for_load_state()
    evidence = tmp_path / "phone.bin"
    evidence.write_bytes(b"phone image bytes")
    page.locator("summary", has_text="Register an exhibit").click()
    page.get_by_label("Exhibit number").fill("E1")
    page.get_by_label("Description").fill("Phone image")
    page.get_by_label("Kind").select_option("digital")
    page.get_by_label("Held by").fill("Lab")
    page.get_by_label("File", exact=True).set_input_files(str(evidence))
    page.get_by_role("button", name="Register", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("code.sha256").first.is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="phone.bin").click()
    assert download.value.path().read_bytes() == b"phone image bytes"
    page.locator("summary", has_text="Schedule a hearing").click()
    page.get_by_label("Date and time").fill("2030-01-15T09:30")
    page.get_by_label("Court", exact=True).fill("High Court of Kenya at Nairobi")
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_load_state()
    assert "closed session" in page.content()
    adult_row = page.locator("tr", has_text="Adult Flow")
    adult_row.locator("summary", has_text="Record outcome").click()
    adult_row.locator("select[name=disposition]").select_option("acquitted")
    adult_row.locator("input[name=on]").fill("2020-03-01")
    adult_row.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Outcome recorded." in page.content()
    assert case.persons.get(full_name="Adult Flow").charges.get().disposition == "acquitted"


def test_a_second_users_conflicting_edit_comes_first_and_a_reload_sends_nothing(
    browser, live_url, login
):
    """Two prosecutors of one unit edit the same case: the one who saves second meets the
    conflict first on the page (focused, announced), both versions side by side, their text kept
    in the form; the address is the case's again, so reloading does not post the form twice."""
    from ctassist.accounts.demo import demo_password
    from ctassist.accounts.tests.factories import UserFactory
    from ctassist.cases.models import CaseFile, Membership, Unit
    from ctassist.cases.services import case_open

    unit = Unit.objects.get(code="demo-nga-ctpu")
    first_user = unit.memberships.get(user__username="demo-prosecutor-nga").user
    colleague: Any = UserFactory(username="conflict-colleague-nga", countries=("NGA",))
    colleague.set_password(demo_password())
    colleague.save()
    Membership.objects.create(unit=unit, user=colleague)
    case = case_open(actor=first_user, unit=unit, title="State v. Two Editors")

    tabs = []
    for username in ("demo-prosecutor-nga", "conflict-colleague-nga"):
        context = browser.new_context(base_url=live_url, locale="en-GB")
        tab = context.new_page()
        login(tab, username)
        tab.goto(f"/cases/{case.pk}/")
        tab.locator("#edit-form").locator("xpath=..").locator("summary").click()
        tabs.append(tab)
    first, second = tabs
    first.locator("#edit-form").get_by_label("Facts").fill("The first account")
    first.locator("#edit-form").get_by_role("button", name="Save").click()
    first.wait_for_load_state()
    second.locator("#edit-form").get_by_label("Facts").fill("My careful text")
    second.locator("#edit-form").get_by_role("button", name="Save").click()
    second.wait_for_load_state()

    conflict = second.locator("#conflict")
    assert conflict.get_attribute("role") == "alert"
    assert second.evaluate("document.activeElement.id") == "conflict"
    box = conflict.bounding_box()
    assert -2 < box["y"] < second.viewport_size["height"]
    assert conflict.locator("td.yours").inner_text() == "My careful text"
    assert conflict.locator("td.saved").inner_text() == "The first account"
    assert second.locator("#edit-form").get_by_label("Facts").input_value() == "My careful text"
    assert second.url.endswith(f"/cases/{case.pk}/#conflict")

    version = CaseFile.objects.get(pk=case.pk).version
    response = second.reload()
    assert response.request.method == "GET" and response.status == 200
    saved = CaseFile.objects.get(pk=case.pk)
    assert (saved.facts, saved.version) == ("The first account", version)
    for tab in tabs:
        tab.context.close()
