"""`ctassist library import`: strict and atomic — the first bad line stops it with its line
and field, and nothing is written; re-import updates by id."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.core.errors import InvalidInput
from ctassist.library.models import Record
from ctassist.library.services import library_import

pytestmark = pytest.mark.django_db

GOOD = {
    "id": "t-1",
    "type": "legislation",
    "country": "KEN",
    "language": "en",
    "title": "Prevention of Terrorism Act",
    "date": "2012-10-12",
    "text": "An Act to provide measures for the detection and prevention of terrorist activities.",
    "crime_types": ["financing-of-terrorism"],
    "instruments": ["FINANCING_1999"],
    "status": "published",
    "provisions": [
        {
            "number": "s. 5",
            "text": "Collection or provision of property.",
            "implements": [{"instrument": "FINANCING_1999", "article": "2"}],
        }
    ],
}


def lines(*objects):
    return [json.dumps(o) for o in objects]


def _state():
    return sorted(Record.objects.values_list("external_id", "title", "version"))


def test_import_creates_then_updates_by_id():
    report = library_import(actor=None, lines=lines(GOOD))
    assert report.created == 1
    record = Record.objects.get(external_id="t-1")
    assert record.provisions.get().implements == [{"instrument": "FINANCING_1999", "article": "2"}]
    again = library_import(actor=None, lines=lines(GOOD))
    assert again.unchanged == 1
    changed = library_import(actor=None, lines=lines({**GOOD, "title": "Amended title"}))
    assert changed.updated == 1
    assert Record.objects.get(external_id="t-1").title == "Amended title"


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"country": "ATL"}, "country"),
        ({"date": "2012-02-30"}, "date"),
        ({"crime_types": ["piracy-of-music"]}, "crime_types"),
        ({"instruments": ["NOPE_2000"]}, "instruments"),
        ({"type": "blog"}, "type"),
        ({"language": "English"}, "language"),
        ({"court": "High Court"}, "court"),  # a case field on legislation
        ({"title": ""}, "title"),
    ],
)
def test_first_bad_line_stops_everything(bad, field):
    before = _state()
    second = {**GOOD, "id": "t-2", **bad}
    with pytest.raises(InvalidInput) as error:
        library_import(actor=None, lines=lines(GOOD, second))
    problem = error.value.problems[0]
    assert problem.line == 2
    assert problem.field == field
    assert "Nothing was imported" in error.value.message
    assert _state() == before  # line 1 was valid, and still nothing was written


def test_malformed_json_names_the_line():
    with pytest.raises(InvalidInput) as error:
        library_import(actor=None, lines=[json.dumps(GOOD), "{not json"])
    assert error.value.problems[0].line == 2
    assert "not valid JSON" in error.value.message


def test_case_without_court_is_refused():
    case = {"id": "c-1", "type": "case", "language": "en", "title": "R v X"}
    with pytest.raises(InvalidInput) as error:
        library_import(actor=None, lines=lines(case))
    assert error.value.problems[0].field == "court"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.dictionaries(
                st.sampled_from(["id", "type", "language", "title", "country", "date"]),
                st.one_of(st.text(max_size=20), st.none(), st.integers()),
            ).map(json.dumps),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_random_lines_import_or_fail_cleanly(raw_lines):
    before = _state()
    try:
        library_import(actor=None, lines=[json.dumps(GOOD), *raw_lines])
    except InvalidInput as error:
        assert error.problems[0].line >= 2
        assert _state() == before
    else:
        Record.objects.filter(external_id="t-1").delete()
