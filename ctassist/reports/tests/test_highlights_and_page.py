"""Staff highlights are merged into the report of their period and language; the web page shows
the figures, writes highlights and downloads the same document as the CLI."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from ctassist.geo.models import Region
from ctassist.reports.document import report_build, report_file
from ctassist.reports.figures import period_figures
from ctassist.reports.models import Highlight
from ctassist.reports.services import highlight_create

pytestmark = pytest.mark.django_db
START, END = dt.date(2019, 6, 1), dt.date(2020, 5, 31)


def _text(start=START, end=END, language="en"):
    content = report_file(start, end, fmt="docx", language=language)
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_ready_highlights_of_the_period_and_language_are_merged(persona):
    staff = persona("writer", role="analyst")
    west_africa = Region.objects.get(m49="011")  # the office's "West and Central Africa"
    highlight_create(
        actor=staff, on=dt.date(2019, 7, 1), thematic_area="capacity", region=west_africa,
        text="Judges in Niger held their first trial with remote testimony.", status="ready",
    )  # fmt: skip
    highlight_create(
        actor=staff, on=dt.date(2019, 7, 2), thematic_area="legislative",
        text="A draft law was reviewed line by line.", status="draft",
    )  # fmt: skip
    highlight_create(
        actor=staff, on=dt.date(2019, 7, 3), thematic_area="prisons", language="fr",
        text="Des agents pénitentiaires ont été formés.", status="ready",
    )  # fmt: skip
    highlight_create(
        actor=staff, on=dt.date(2021, 1, 1), thematic_area="capacity",
        text="Outside the period.", status="ready",
    )  # fmt: skip
    text = _text()
    assert "first trial with remote testimony" in text
    assert "line by line" not in text and "Outside the period" not in text
    assert "agents pénitentiaires" not in text
    assert "agents pénitentiaires" in _text(language="fr")
    # Under its region, after the region's count.
    parts = {p.heading: p.paragraphs for p in report_build(START, END).parts}
    regional = parts["West and Central Africa"]
    assert any("remote testimony" in p for p in regional)
    assert regional.index(next(p for p in regional if "remote testimony" in p)) > regional.index(
        next(p for p in regional if p.startswith("In West and Central Africa"))
    )


def test_field_presence_and_indicators_are_figures_in_the_text():
    figures = period_figures(START, END)
    assert figures["field_presence"].value == 18
    assert 0 < figures["indicators.met"].value <= figures["indicators.with_target"].value
    text = _text()
    assert f"field presence in {figures['field_presence'].text} countries" in text
    assert f"Of {figures['indicators.with_target'].text} indicators" in text
    facilitated = figures["mla.facilitated"]
    assert facilitated.value > 0
    assert f"facilitated cooperation on {facilitated.text} requests" in text
    by_network = [f.value for n, f in figures.items() if n.startswith("mla.facilitated.network.")]
    assert sum(by_network) >= facilitated.value  # a request may be helped by two networks


def test_report_page_for_staff_only(client, persona):
    client.force_login(persona("p", countries=("NGA",)))
    assert client.get("/reports/").status_code == 403
    client.force_login(persona("staff", role="analyst"))
    page = client.get("/reports/?from=2019-06-01&to=2020-05-31").content.decode()
    assert "Countries with a field office" in page and "Write a highlight" in page
    saved = client.post(
        "/reports/highlights/",
        {
            "from": "2019-06-01", "to": "2020-05-31", "on": "2019-08-01",
            "thematic_area": "cooperation", "region": "", "language": "en",
            "text": "Central authorities met online.", "status": "draft",
        },
    )  # fmt: skip
    assert saved.status_code == 302
    highlight = Highlight.objects.get(text="Central authorities met online.")
    assert highlight.region is None
    client.post(
        f"/reports/highlights/{highlight.pk}/status/",
        {"version": highlight.version, "status": "ready"},
    )
    document = client.get("/reports/report.docx?from=2019-06-01&to=2020-05-31&language=en")
    assert document.status_code == 200
    assert document["Content-Disposition"].startswith("attachment;")
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(document.content)).paragraphs)
    assert "Central authorities met online." in body
    stale = client.post(
        f"/reports/highlights/{highlight.pk}/status/",
        {"version": highlight.version, "status": "draft"},
    )
    assert stale.status_code == 409
    assert client.get("/reports/report.odt").status_code == 422
    unknown = client.post(
        "/reports/highlights/",
        {"on": "2019-08-01", "thematic_area": "policy", "region": "999", "text": "x"},
    )
    assert unknown.status_code == 422
