"""The UN Consolidated List parser on the real file: counts, names with their quality, original
script, dates of birth of every type; a broken file is refused with its line."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctassist.core.errors import InvalidInput
from ctassist.screening.entries import NameKind, Schema
from ctassist.screening.tests.listfiles import un_list_path
from ctassist.screening.un_xml import un_list_parse


@pytest.fixture(scope="module")
def parsed():
    return un_list_parse(un_list_path(), country_code=lambda name: {"Iraq": "IQ"}.get(name))


def test_counts_and_date(parsed):
    assert parsed.individuals == 730
    assert parsed.organizations == 273
    assert parsed.generated is not None and parsed.generated.isoformat().startswith("2026-02-27")
    assert len({e.key for e in parsed.entries}) == 1003


def test_names_keep_their_quality_and_script(parsed):
    kinds = {name.kind for entry in parsed.entries for name in entry.names}
    assert kinds == set(NameKind)
    by_ref = {e.ref: e for e in parsed.entries}
    badege = by_ref["CDi.001"]
    assert [n.text for n in badege.names] == ["ERIC BADEGE"]  # the empty alias pair is dropped
    kakolele = by_ref["CDi.002"]
    assert ("AIGLE BLANC", NameKind.ALIAS) in [(n.text, n.kind) for n in kakolele.names]
    original = [e for e in parsed.entries if any(n.kind is NameKind.ORIGINAL for n in e.names)]
    assert len(original) >= 370  # 378 records carry NAME_ORIGINAL_SCRIPT, a few repeat a name
    arabic = [n.text for e in original for n in e.names if n.kind is NameKind.ORIGINAL]
    assert any("\u0600" <= ch <= "\u06ff" for text in arabic for ch in text)
    weak = sum(1 for e in parsed.entries for n in e.names if n.kind is NameKind.WEAK)
    assert weak > 500  # Low-quality aliases (615 in the file, some split on "; ")
    previous = [e for e in parsed.entries if any(n.kind is NameKind.PREVIOUS for n in e.names)]
    assert previous and all(e.schema is Schema.ORGANIZATION for e in previous)


def test_dates_of_birth_of_every_type(parsed):
    dates = [d for e in parsed.entries for d in e.birth_dates]
    assert {d.precision for d in dates} == {"day", "month", "year"}
    assert any(d.approximate for d in dates)
    ranges = [d for d in dates if d.latest.year > d.earliest.year]
    assert ranges  # BETWEEN FROM_YEAR/TO_YEAR
    assert by_ref_dates(parsed, "CDi.006") == ["1978-04-28"]
    assert by_ref_dates(parsed, "CDi.001") == ["1971"]


def by_ref_dates(parsed, ref):
    return [d.text for e in parsed.entries if e.ref == ref for d in e.birth_dates]


def test_nationality_as_codes_where_known_and_names_kept(parsed):
    iraqis = [e for e in parsed.entries if "IQ" in e.nationalities]
    assert iraqis
    assert all("Iraq" in e.details["nationality_names"] for e in iraqis)
    # An unknown name is kept as written, never guessed.
    assert any(e.details.get("nationality_names") and not e.nationalities for e in parsed.entries)


def test_broken_file_is_refused_with_its_line():
    text = (
        b'<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">\n'
        b"<INDIVIDUALS>\n<INDIVIDUAL><DATAID>1</DATAID>\n</INDIVIDUALS>"
    )
    with pytest.raises(InvalidInput) as caught:
        un_list_parse(io.BytesIO(text))
    assert caught.value.problems[0].line in (5, 4)


def test_record_without_name_is_refused_naming_element_and_line():
    text = (
        b'<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS>\n'
        b"<INDIVIDUAL><DATAID>7</DATAID><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER></INDIVIDUAL>\n"
        b"</INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    with pytest.raises(InvalidInput) as caught:
        un_list_parse(io.BytesIO(text))
    assert caught.value.problems[0].field == "FIRST_NAME"
    assert caught.value.problems[0].line == 2


def test_other_xml_and_entities_are_refused():
    with pytest.raises(InvalidInput, match="not a UN Consolidated List"):
        un_list_parse(io.BytesIO(b"<rss/>"))
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">]>'
        b'<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>'
        b"<DATAID>1</DATAID><FIRST_NAME>&a;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS>"
        b"</CONSOLIDATED_LIST>"
    )
    try:
        parsed = un_list_parse(io.BytesIO(bomb))
    except InvalidInput:
        return
    assert "aaaaaaaaaa" not in parsed.entries[0].names[0].text  # never expanded


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_list_or_a_clear_error(data):
    try:
        un_list_parse(io.BytesIO(data))
    except InvalidInput as error:
        assert error.problems
