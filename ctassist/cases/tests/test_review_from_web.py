"""A unit member starts a review of the unit's open files from the web, shared among chosen
members; reviewers from outside the unit cannot be slipped in; outsiders cannot start one."""

from __future__ import annotations

from typing import Any

import pytest

from ctassist.cases.models import ReviewCampaign
from ctassist.cases.tests.factories import CaseFactory, MembershipFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_member_starts_a_review_shared_among_members(client, persona):
    unit: Any = UnitFactory(code="rev")
    head, colleague = persona("head", countries=("NGA",)), persona("col", countries=("NGA",))
    MembershipFactory(unit=unit, user=head, is_head=True)
    MembershipFactory(unit=unit, user=colleague)
    for _ in range(3):
        CaseFactory(unit=unit)
    stranger = persona("stranger", countries=("NGA",))
    client.force_login(head)
    assert "col" in client.get("/cases/reviews/new/").content.decode()
    refused = client.post(
        "/cases/reviews/new/", {"unit": unit.pk, "name": "2020 review", "reviewers": [stranger.pk]}
    )
    assert refused.status_code == 422 and not ReviewCampaign.objects.filter(unit=unit).exists()
    started = client.post(
        "/cases/reviews/new/",
        {"unit": unit.pk, "name": "2020 review", "reviewers": [head.pk, colleague.pk]},
    )
    campaign = ReviewCampaign.objects.get(unit=unit)
    assert started.status_code == 302 and started["Location"].endswith(f"/{campaign.pk}/")
    shares = sorted(campaign.items.values_list("reviewer__username", flat=True))
    assert shares == ["col", "col", "head"]  # in turn, members in name order
    client.force_login(stranger)
    outside = client.post(
        "/cases/reviews/new/", {"unit": unit.pk, "name": "x", "reviewers": [stranger.pk]}
    )
    assert outside.status_code == 404
