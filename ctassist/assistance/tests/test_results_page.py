"""The results page: indicator progress against targets (approved actuals only), exports, and
approval by a second member of staff from the page."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ctassist.assistance.models import Indicator, IndicatorValue
from ctassist.assistance.services import indicator_value_record

pytestmark = pytest.mark.django_db


def test_progress_table_exports_and_second_person_approves(client, persona):
    officer, reviewer = persona("officer", role="analyst"), persona("reviewer", role="analyst")
    indicator = Indicator.objects.get(project__code="DEMO-01", code="OC1.1")
    value = indicator_value_record(
        actor=officer,
        indicator=indicator,
        start=indicator.periods.get().start,
        end=indicator.periods.get().end,
        kind="actual",
        value=Decimal(7),
        source="draft laws register (test)",
    )
    page = client.get("/assistance/results/?project=DEMO-01").content.decode()
    assert "Indicator progress against targets" in page and "OP1.2" in page
    assert "awaiting approval" in page and 'id="pending"' not in page  # the public sees no queue
    client.force_login(officer)
    page = client.get("/assistance/results/?project=DEMO-01").content.decode()
    assert "recorded by you" in page
    client.force_login(reviewer)
    response = client.post(
        f"/assistance/results/values/{value.pk}/approve/",
        {"version": value.version, "project": "DEMO-01"},
    )
    assert response.status_code == 302 and "project=DEMO-01" in response["Location"]
    value.refresh_from_db()
    assert value.approved_by == reviewer
    stale = client.post(
        f"/assistance/results/values/{value.pk}/approve/", {"version": value.version - 1}
    )
    assert stale.status_code == 409
    sheet = client.get("/assistance/results/?project=DEMO-01&format=xlsx")
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[1][:2] == ("project", "indicator")
    oc = next(r for r in rows if r[1] == "OC1.1")
    assert oc[6] == "7"  # the approved actual, as stored
    assert IndicatorValue.objects.get(pk=value.pk).approved


def test_dashboard_chart_tables_export(client):
    response = client.get("/assistance/?format=csv&table=by_sex")
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and "sex,count" in text and "female" in text


def test_dashboard_filters_by_country(client):
    everything = client.get("/assistance/").context["board"].activities
    page = client.get("/assistance/?country=NGA")
    assert 0 < page.context["board"].activities < everything
    assert '<option value="NGA" selected>' in page.content.decode()
