"""The reader is told what the records can and cannot show: the period page explains beside the
paragraph why the two bases name different States, and links to the coverage of each instrument;
a State's profile shows, per instrument, how much of the depositary's list is held."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ctassist.treaties.selectors import period_changes

pytestmark = pytest.mark.django_db
PERIOD = "/treaties/period/?from=2019-06-01&to=2020-05-31"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_period_page_explains_beside_the_paragraph_why_the_bases_differ(client):
    deposit = period_changes(start=dt.date(2019, 6, 1), end=dt.date(2020, 5, 31))
    body = client.get(PERIOD + "&basis=deposit").content.decode()
    paragraph = body.split('id="report-paragraph">')[1].split("</blockquote>")[0]
    aside = _text(body.split('id="basis-explanation"')[1].split("</aside>")[0])
    assert "Why these States" not in paragraph
    assert f"the records name {len(deposit.states)} States" in aside or (
        f"the records name {len(deposit.states)} State:" in aside
    )
    assert "not the dates of deposit" in aside
    # The paragraph's closing pointer is a link to the coverage table.
    assert '<a href="/treaties/#coverage">' in paragraph
    assert 'id="coverage"' in client.get("/treaties/").content.decode()


def test_the_explanation_counts_what_each_basis_counts(client):
    start, end = dt.date(2019, 6, 1), dt.date(2020, 5, 31)
    deposit = period_changes(start=start, end=end, basis="deposit")
    effective = period_changes(start=start, end=end, basis="effective")
    aside = _text(
        client.get(PERIOD + "&basis=effective")
        .content.decode()
        .split('id="basis-explanation"')[1]
        .split("</aside>")[0]
    )
    assert f"name {len(deposit.states)} State" in aside
    assert f"they name {len(effective.states)} State" in aside
    undated = [
        s.state.name
        for s in effective.states
        if any(a.date is None for a in s.actions)
        and s.state.code not in {d.state.code for d in deposit.states}
    ]
    assert undated, "the demo period holds parties known only by their date of effect"
    assert sorted(undated)[0] in aside


def test_a_states_profile_shows_the_coverage_of_each_instrument(client):
    body = client.get("/treaties/states/NGA/").content.decode()
    cells = re.findall(r'<td class="coverage">(.*?)</td>', body, flags=re.S)
    assert len(cells) == 19
    assert all('#coverage-heading"' in cell for cell in cells)
    text = _text(" ".join(cells))
    assert "of the depositary" in text or "count is not recorded" in text
    assert "complete as at" in text or "not known to be complete" in text
