"""Personas (issue 20): staff of the prison see and change its prisoners; staff of another
prison, an analyst and the public get "not found" — through the pages, the API, the search and
the exports; an analyst gets figures without names; every read is logged; a prisoner's case
file is linked only for a user who may see both."""

from __future__ import annotations

import pytest

from ctassist.cases.memberships import membership_save
from ctassist.cases.tests.factories import CaseFactory, UnitFactory
from ctassist.core.models import AuditEntry
from ctassist.geo.models import State
from ctassist.prisons.selectors import instrument_current
from ctassist.prisons.services import assessment_submit

from .conftest import DAY, HIGH, ratings_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(site):
    prisoner = site.admit("X-1", full_name="Zebulon Quarantotto")
    assessment = assessment_submit(
        actor=site.officer,
        prisoner=prisoner,
        instrument=instrument_current(),
        trigger="intake",
        assessed_on=DAY,
        ratings=ratings_for(HIGH),
        level="high",
    )
    return prisoner, assessment


def _pages(prisoner, assessment):
    return [
        f"/prisons/prisoners/{prisoner.pk}/",
        f"/prisons/prisoners/{prisoner.pk}/assess/",
        f"/prisons/assessments/{assessment.pk}/",
        "/prisons/test-ken/",
        "/prisons/test-ken/admit/",
    ]


def test_staff_of_the_prison_see_it_everywhere_and_reads_are_logged(
    client, api_client_for, site, held
):
    prisoner, assessment = held
    client.force_login(site.officer)
    for path in _pages(prisoner, assessment):
        assert client.get(path).status_code == 200, path
    assert "Zebulon" in client.get("/prisons/?q=Zebulon").content.decode()
    assert "Zebulon" in client.get("/prisons/?q=Zebulon&format=csv").content.decode()
    api = api_client_for(site.officer)
    assert api.get(f"/api/v1/prisons/prisoners/{prisoner.pk}").json()["number"] == "X-1"
    assert [p["number"] for p in api.get("/api/v1/prisons/prisoners?q=zebulon").json()] == ["X-1"]
    reads = AuditEntry.objects.filter(
        action="read", model="prisons.prisoner", object_pk=str(prisoner.pk), actor=site.officer
    )
    assert reads.count() >= 4
    exported = AuditEntry.objects.filter(action="export", object_pk=str(prisoner.pk))
    assert exported.count() == 1


@pytest.mark.parametrize("who", ["outsider", "analyst"])
def test_others_see_not_found_through_pages_api_search_and_exports(
    client, api_client_for, site, held, who
):
    prisoner, assessment = held
    user = getattr(site, who)
    client.force_login(user)
    for path in _pages(prisoner, assessment):
        assert client.get(path).status_code == 404, path
    search = client.get("/prisons/?q=Zeb").content.decode()
    assert "Quarantotto" not in search and f"/prisons/prisoners/{prisoner.pk}/" not in search
    export = client.get("/prisons/?q=Zeb&format=csv").content.decode()
    assert "Quarantotto" not in export and "X-1" not in export
    api = api_client_for(user)
    for path in (
        f"/api/v1/prisons/prisoners/{prisoner.pk}",
        f"/api/v1/prisons/prisoners/{prisoner.pk}/assessments",
        f"/api/v1/prisons/assessments/{assessment.pk}",
        "/api/v1/prisons/prisons/test-ken/housing",
    ):
        assert api.get(path).status_code == 404, path
    assert api.get("/api/v1/prisons/prisoners?q=Zebulon").json() == []
    review = api.post(
        f"/api/v1/prisons/assessments/{assessment.pk}/review",
        {"version": assessment.version, "decision": "approve", "reason": ""},
        content_type="application/json",
    )
    assert review.status_code == 404
    edit = api.patch(
        f"/api/v1/prisons/prisoners/{prisoner.pk}",
        {"version": prisoner.version, "full_name": "Changed"},
        content_type="application/json",
    )
    assert edit.status_code == 404


def test_the_public_sees_nothing(client, api_client_for, site, held):
    prisoner, assessment = held
    for path in _pages(prisoner, assessment):
        assert client.get(path).status_code == 302, path
    assert api_client_for(None).get(f"/api/v1/prisons/prisoners/{prisoner.pk}").status_code == 401


def test_an_analyst_gets_figures_without_names(client, api_client_for, site, held):
    client.force_login(site.analyst)
    page = client.get("/prisons/statistics/")
    assert page.status_code == 200
    assert "Zebulon" not in page.content.decode()
    figures = api_client_for(site.analyst).get("/api/v1/prisons/figures").json()
    assert figures["population"] >= 1
    assert "Zebulon" not in str(figures)
    state = client.get("/states/KEN/").content.decode()
    assert "Test prison" in state and "Zebulon" not in state


def test_a_stale_edit_through_the_api_is_409(api_client_for, site, held):
    prisoner, _assessment = held
    api = api_client_for(site.officer)
    url = f"/api/v1/prisons/prisoners/{prisoner.pk}"
    first = api.patch(
        url, {"version": prisoner.version, "full_name": "A"}, content_type="application/json"
    )
    assert first.status_code == 200
    second = api.patch(
        url, {"version": prisoner.version, "full_name": "B"}, content_type="application/json"
    )
    assert second.status_code == 409 and second.json()["code"] == "conflict"


def test_housing_and_override_refusals_through_the_api(api_client_for, site, held):
    api = api_client_for(site.officer)
    woman = api.post(
        "/api/v1/prisons/prisoners",
        {
            "prison": "test-ken",
            "number": "F-1",
            "full_name": "Generated F",
            "sex": "female",
            "admitted_on": "2025-03-01",
        },
        content_type="application/json",
    ).json()
    moved = api.post(
        f"/api/v1/prisons/prisoners/{woman['id']}/housing",
        {
            "version": woman["version"],
            "cell": site.cells["M"].pk,
            "on": "2025-03-01",
            "reason": "space",
        },
        content_type="application/json",
    )
    assert moved.status_code == 422 and moved.json()["code"] == "rule"
    assert "woman" in moved.json()["message"]
    override = api.post(
        f"/api/v1/prisons/prisoners/{woman['id']}/assessments",
        {
            "trigger": "intake",
            "assessed_on": "2025-03-02",
            "level": "high",
            "ratings": [r.__dict__ for r in ratings_for({})],
        },
        content_type="application/json",
    )
    assert override.status_code == 422
    assert override.json()["problems"][0]["field"] == "override_reason"


def test_the_case_link_shows_only_to_who_may_see_both(client, site, held):
    prisoner, _assessment = held
    unit = UnitFactory(country=State.objects.get(code="KEN"))
    case = CaseFactory(unit=unit, title="State v. Quarantotto")
    prisoner.case = case
    prisoner.save()
    client.force_login(site.officer)
    assert (
        "State v. Quarantotto"
        not in client.get(f"/prisons/prisoners/{prisoner.pk}/").content.decode()
    )
    membership_save(actor=None, unit=unit, username=site.officer.username)
    page = client.get(f"/prisons/prisoners/{prisoner.pk}/").content.decode()
    assert "State v. Quarantotto" in page and f"/cases/{case.pk}/" in page
