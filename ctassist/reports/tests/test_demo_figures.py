"""On the demo programme, 1 June 2019 – 31 May 2020: women were 1,101 of the 4,001 distinct
participants, 27.5 per cent, and the report says "28 per cent"; the dashboard's tables by sex
and by agency have one row per sex and per agency, on the page and in the CSV/XLSX downloads
(they once had 542 and 1,664 rows, one per name, and the report said 15 per cent)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from ctassist.assistance.models import Participant
from ctassist.assistance.selectors import Filters, dashboard
from ctassist.reports.document import report_build
from ctassist.reports.figures import period_figures

pytestmark = pytest.mark.django_db

START, END = dt.date(2019, 6, 1), dt.date(2020, 5, 31)
PERIOD = "from=2019-06-01&to=2020-05-31"


def test_the_demo_report_says_women_were_28_per_cent():
    with translation.override("en"):
        figures = period_figures(START, END)
        report = report_build(START, END)
    assert figures["participants"].value == 4001
    assert figures["women_share"].value == 27.5
    assert figures["women_share"].text == "28 per cent"
    intro = " ".join(report.parts[0].paragraphs)
    assert "of whom 28 per cent were women" in intro


def test_the_dashboard_counts_each_sex_and_agency_once():
    board = dashboard(Filters(start=START, end=END))
    assert len(board.by_sex) <= len(Participant.Sex) and len(board.by_agency) <= 9
    assert dict(board.by_sex)["female"] == 1101
    assert sum(n for _, n in board.by_sex) == board.participants == 4001
    assert sum(n for _, n in board.by_agency) == board.participants


@pytest.mark.parametrize(("table", "most"), [("by_sex", 3), ("by_agency", 9)])
def test_the_downloads_carry_one_row_per_group(client, table, most):
    text = client.get(f"/assistance/?{PERIOD}&format=csv&table={table}").content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))[2:]  # the note, the header
    sheet = client.get(f"/assistance/?{PERIOD}&format=xlsx&table={table}").content
    cells = list(load_workbook(io.BytesIO(sheet)).active.iter_rows(values_only=True))[2:]
    for found in ([(name, int(n)) for name, n in rows], [(name, n) for name, n in cells]):
        names = [name for name, _ in found]
        assert 0 < len(found) <= most and len(set(names)) == len(names)
        assert sum(n for _, n in found) == 4001
