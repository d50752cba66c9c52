"""Accessibility (WCAG 2.2 AA and axe's best practices) of the main pages, in English and Arabic,
signed in and not: axe-core finds no violation. The browser fixture also checks every page the
other browser tests reach (see conftest `page`)."""

from __future__ import annotations

import pytest

from ctassist.core.tests.accessibility import axe_violations
from ctassist.core.tests.main_pages import PUBLIC_PAGES, SIGNED_IN_PAGES

pytestmark = [pytest.mark.browser]

PAGES = (*PUBLIC_PAGES, "/accounts/login/")
SIGNED_IN = SIGNED_IN_PAGES


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_public_pages_have_no_violation(page, prefix):
    found = {}
    for path in PAGES:
        page.goto(prefix + path)
        if violations := axe_violations(page):
            found[prefix + path] = violations
    assert found == {}


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_signed_in_pages_have_no_violation(page, login, prefix):
    login(page, "demo-admin")
    found = {}
    for path in PAGES[:3] + SIGNED_IN:
        page.goto(prefix + path)
        if violations := axe_violations(page):
            found[prefix + path] = violations
    assert found == {}
