"""E-evidence in a real browser (en, ar): a central authority drafts a preservation request to a
provider; the check lists what is missing and sending stays closed until it is complete."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_draft_a_preservation_and_see_the_check(page, login, prefix):
    login(page, "demo-central-authority-ner")
    page.goto(f"{prefix}/cooperation/e-evidence/new/")
    page.locator("#id_kind").select_option("preservation")
    page.locator("#id_requesting_state").select_option("NER")
    page.locator("#id_provider").select_option(label="Example Social Network (demo)")
    page.locator("#id_reference").fill(f"NE-BROWSER{prefix.replace('/', '-')}")
    page.locator("#id_identifiers").fill("account browser-test")
    page.locator("input[name=categories][value=content]").check()
    page.locator("#data-request-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#problems li").count() >= 2  # offence and facts still missing
    assert page.locator("#to option[value=sent]").is_disabled()
    page.goto(f"{prefix}/cooperation/e-evidence/")
    assert page.locator("#data-requests tbody tr").count() >= 3
