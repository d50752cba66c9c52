"""Accessibility (WCAG 2.2 AA and axe's best practices) of the main pages, in English and Arabic,
signed in and not: axe-core finds no violation. The browser fixture also checks every page the
other browser tests reach (see conftest `page`)."""

from __future__ import annotations

import pytest

from ctassist.core.tests.accessibility import axe_violations

pytestmark = [pytest.mark.browser]

PAGES = (
    "/",
    "/states/",
    "/states/NGA/",
    "/treaties/",
    "/treaties/matrix/",
    "/treaties/period/",
    "/treaties/states/NGA/",
    "/treaties/FINANCING_1999/",
    "/library/",
    "/library/?q=terrorism",
    "/library/records/demo-leg-nga-2013/",
    "/cooperation/profiles/",
    "/cooperation/notices/",
    "/accounts/login/",
)
SIGNED_IN = (
    "/cases/",
    "/cases/monitoring/",
    "/cooperation/",
    "/cooperation/tracking/",
    "/cooperation/networks/",
    "/cooperation/e-evidence/",
    "/assistance/",
    "/assistance/results/",
    "/reports/",
    "/evaluations/",
)


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
