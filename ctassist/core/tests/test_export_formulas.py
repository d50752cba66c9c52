"""No export runs a formula (issue 27, item 1): a text that begins like a spreadsheet formula
(`=`, `+`, `-`, `@`, tab, carriage return) comes out of every CSV prefixed with an apostrophe
(OWASP's rule) and out of every XLSX as a text cell, never a formula; numbers stay numbers."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctassist.cases.tests.factories import CaseFactory, MembershipFactory, UnitFactory
from ctassist.core.exports import FORMULA_STARTS, csv_text, table_export
from ctassist.core.tabular import render_records
from ctassist.geo.models import State

PLANTED = '=HYPERLINK("http://attacker.example/x","Open")'


@given(st.text())
def test_csv_text_never_begins_like_a_formula_and_keeps_the_text(text):
    safe = csv_text(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (text, "'" + text)


def test_numbers_stay_numbers_and_text_stays_text_in_a_download():
    rows = [{"title": "=1+1", "count": -3, "share": 27.5, "plain": "Niger"}]
    columns = [("title", "Title"), ("count", "Count"), ("share", "Share"), ("plain", "State")]
    xlsx = table_export(filename="t", columns=columns, rows=rows, fmt="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    title, count, share, plain = sheet[2]
    assert (title.value, title.data_type) == ("=1+1", "s")
    assert (count.value, count.data_type) == (-3, "n")
    assert share.value == 27.5 and plain.value == "Niger"
    text = table_export(filename="t", columns=columns, rows=rows, fmt="csv").content.decode()
    line = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1]
    assert line == ["'=1+1", "-3", "27.5", "Niger"]


@pytest.mark.django_db
def test_a_case_title_planted_through_the_api_is_text_in_the_case_exports(
    persona, api_client_for, client
):
    user = persona("prosecutor", countries=("NGA",))
    unit = UnitFactory(code="exp", country=State.objects.get(code="NGA"))
    MembershipFactory(unit=unit, user=user)
    case = CaseFactory(unit=unit, title="Harmless")
    patched = api_client_for(user).patch(
        f"/api/v1/cases/{case.pk}",
        {"version": case.version, "title": PLANTED},
        content_type="application/json",
    )
    assert patched.status_code == 200
    client.force_login(user)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/cases/?format=xlsx").content))
    cells = [c for row in book.active.iter_rows() for c in row if c.value == PLANTED]
    assert cells and all(c.data_type == "s" for c in cells)
    exported = client.get("/cases/?format=csv").content.decode("utf-8-sig")
    values = [v for row in csv.reader(io.StringIO(exported)) for v in row]
    assert "'" + PLANTED in values and PLANTED not in values


def test_the_cli_csv_is_formula_safe():
    printed = render_records([{"title": "+cmd|' /C calc'!A0", "n": 5}], fmt="csv")
    assert list(csv.reader(io.StringIO(printed)))[1] == ["'+cmd|' /C calc'!A0", "5"]


@pytest.mark.django_db
def test_the_library_export_is_formula_safe():
    from ctassist.library.models import Record
    from ctassist.library.payloads import export_text
    from ctassist.library.services import library_import

    line = {
        "id": "formula-1",
        "type": "legislation",
        "country": "KEN",
        "language": "en",
        "title": "@SUM(1+1)*cmd",
        "text": "",
        "status": "published",
    }
    library_import(actor=None, lines=[json.dumps(line)])
    exported = export_text(list(Record.objects.filter(external_id="formula-1")), fmt="csv")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert rows[0]["title"] == "'@SUM(1+1)*cmd"
