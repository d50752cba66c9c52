"""Review campaigns (¶21: files reviewed, improved, recommended for dismissal) and the
monitoring figures the periodic report can use — counts only, within the user's scope."""

from __future__ import annotations

import datetime as dt

import pytest

from ctassist.cases import services
from ctassist.cases.models import Charge, ReviewItem
from ctassist.cases.selectors import campaign_progress_for, case_figures_for
from ctassist.cases.tests.factories import (
    CaseFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)
from ctassist.core.errors import InvalidInput, NotFound

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_with_people(persona):
    unit = UnitFactory(code="rev")
    head = persona("head", countries=("NGA",))
    reviewer = persona("reviewer", countries=("NGA",))
    MembershipFactory(unit=unit, user=head, is_head=True)
    MembershipFactory(unit=unit, user=reviewer)
    cases = [CaseFactory(unit=unit, opened_on=dt.date(2019, 7, 1)) for _ in range(4)]
    return unit, head, reviewer, cases


def test_campaign_shares_files_and_counts_findings(unit_with_people, client):
    unit, head, reviewer, _cases = unit_with_people
    campaign = services.review_campaign_start(
        actor=head, unit=unit, name="1,500 files", reviewers=[head, reviewer]
    )
    progress = campaign_progress_for(user=reviewer, campaign_id=campaign.pk)
    assert progress.total == 4 and len(progress.mine) == 2
    item = progress.mine[0]
    with pytest.raises(InvalidInput):
        services.review_record(
            actor=reviewer, item=item, expected_version=item.version, outcome="improved", reasons=""
        )
    services.review_record(
        actor=reviewer,
        item=item,
        expected_version=item.version,
        outcome=ReviewItem.Outcome.DISMISSAL,
        reasons="No admissible evidence",
    )
    progress = campaign_progress_for(user=head, campaign_id=campaign.pk)
    assert (progress.done, progress.by_outcome, progress.percent) == (1, {"dismissal": 1}, 25)
    client.force_login(reviewer)
    second = campaign_progress_for(user=reviewer, campaign_id=campaign.pk).mine[1]
    response = client.post(
        f"/cases/reviews/{campaign.pk}/items/{second.pk}/",
        {"version": second.version, "outcome": "improved", "reasons": "Charges re-drafted"},
    )
    assert response.status_code == 302
    assert "2 of 4 files reviewed" in client.get(f"/cases/reviews/{campaign.pk}/").content.decode()


def test_outsiders_do_not_see_a_campaign(unit_with_people, persona):
    unit, head, _reviewer, _cases = unit_with_people
    campaign = services.review_campaign_start(actor=head, unit=unit, name="c", reviewers=[head])
    with pytest.raises(NotFound):
        campaign_progress_for(user=persona("ken", countries=("KEN",)), campaign_id=campaign.pk)


def test_figures_count_outcomes_in_the_period(unit_with_people, persona):
    _unit, head, _reviewer, cases = unit_with_people
    accused = PersonFactory(case=cases[0])
    for disposition, day in [
        ("convicted", dt.date(2019, 12, 30)),
        ("discharged", dt.date(2020, 2, 1)),
        ("discharged", dt.date(2021, 1, 1)),  # outside the period
    ]:
        Charge.objects.create(
            person_id=accused.pk,
            offence="Financing",
            disposition=disposition,
            disposition_date=day,
            sentence="5 years" if disposition == "convicted" else "",
        )
    figures = case_figures_for(user=head, start=dt.date(2019, 6, 1), end=dt.date(2020, 5, 31))
    assert figures.outcomes == {"convicted": 1, "discharged": 1}
    assert figures.cases_opened == 4
    assert figures.outcomes_by_offence[0] == ("Financing", "convicted", 1)
    assert figures.median_days_to_disposition == (dt.date(2020, 2, 1) - dt.date(2019, 7, 1)).days
    outsider = case_figures_for(
        user=persona("o", countries=("KEN",)), start=dt.date(2019, 6, 1), end=dt.date(2020, 5, 31)
    )
    assert outsider.outcomes == {} and outsider.cases_opened == 0
