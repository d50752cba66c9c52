"""Links between records (cases ↔ legislation, laws ↔ instruments) and versions side by side."""

from __future__ import annotations

import pytest

from ctassist.core.errors import InvalidInput
from ctassist.library.models import Record
from ctassist.library.selectors import (
    cases_applying,
    legislation_applied,
    records_for_instrument,
    versions_side_by_side,
)
from ctassist.library.services import library_import

pytestmark = pytest.mark.django_db


def _line(**fields):
    import json

    base = {"language": "en", "title": "T", "status": "published"}
    return json.dumps(base | fields)


def test_case_links_to_the_law_it_applies_even_when_imported_first(persona):
    editor = persona("ed", role="editor")
    library_import(
        actor=editor,
        lines=[_line(id="c-1", type="case", court="High Court", legislation=["l-1"])],
    )
    case = Record.objects.get(external_id="c-1")
    assert [(w.target, w.record) for w in legislation_applied(user=None, record=case)] == [
        ("l-1", None)
    ]
    library_import(actor=editor, lines=[_line(id="l-1", type="legislation", work="w")])
    law = Record.objects.get(external_id="l-1")
    assert legislation_applied(user=None, record=case)[0].record == law
    assert cases_applying(user=None, record=law) == [case]


def test_record_pages_show_both_directions(client):
    case_page = client.get("/library/records/demo-case-ken-2018-01/").content.decode()
    assert "Legislation applied" in case_page and "/library/records/demo-leg-ken-2012/" in case_page
    law_page = client.get("/library/records/demo-leg-ken-2012/").content.decode()
    assert "Cases applying this law" in law_page
    assert "/library/records/demo-case-ken-2018-01/" in law_page
    # The reference "1999 Convention" in the text is a link to the instrument.
    assert 'data-instrument="FINANCING_1999">1999 Convention</a>' in law_page


def test_instrument_page_lists_implementing_laws_and_references(client):
    listing = records_for_instrument(user=None, code="BOMBINGS_1997")
    assert "demo-leg-nga-2022" in [r.external_id for r in listing["implementing"]]
    page = client.get("/treaties/FINANCING_1999/").content.decode()
    assert "National provisions implementing it" in page
    assert "/library/records/demo-leg-ken-2012/" in page


def test_language_versions_side_by_side_align_provisions(client):
    pair = versions_side_by_side(
        user=None, left_id="demo-leg-fra-2014", right_id="demo-leg-fra-2014-en"
    )
    assert [row.number for row in pair.provisions] == ["Art. 421-2-2", "Art. L. 224-1"]
    assert all(row.left and row.right for row in pair.provisions)
    page = client.get("/library/records/demo-leg-fra-2014/compare/demo-leg-fra-2014-en/")
    body = page.content.decode()
    assert 'lang="fr"' in body and "Financing a terrorist enterprise" in body


def test_points_in_time_show_what_one_version_lacks():
    pair = versions_side_by_side(
        user=None, left_id="demo-leg-nga-2013", right_id="demo-leg-nga-2022"
    )
    added = [row for row in pair.provisions if row.left is None]
    assert [row.number for row in added] == ["Sec. 21"]


def test_unrelated_records_are_not_compared(client):
    with pytest.raises(InvalidInput):
        versions_side_by_side(user=None, left_id="demo-leg-fra-2014", right_id="demo-leg-ken-2012")
    assert (
        client.get("/library/records/demo-leg-fra-2014/compare/demo-draft-sen-2020/").status_code
        == 404
    )
