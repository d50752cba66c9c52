"""The tokenizer: UNA, whitespace, release characters, refusals; round-trip properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctassist.core.errors import InvalidInput
from ctassist.travel.edifact import (
    ServiceChars,
    ddmmmyy_date,
    edifact_date,
    segments_read,
    segments_write,
)


def test_release_character_keeps_a_separator_as_data() -> None:
    tokenized = segments_read(b"UNA:+.? 'NAD+FL+++O?'BRIEN?+:ANN?:MARIE'")
    (nad,) = tokenized.segments
    assert nad.components(3) == ("O'BRIEN+", "ANN:MARIE")


def test_numbering_counts_the_una_and_lines_are_reported() -> None:
    tokenized = segments_read(b"  \r\nUNA:+.? '\r\nUNB+UNOA:4'\r\n  UNH+1+PAXLST:D:05B'")
    assert [(s.tag, s.number, s.line) for s in tokenized.segments] == [
        ("UNB", 2, 3),
        ("UNH", 3, 4),
    ]
    without_una = segments_read(b"UNB+UNOA:4'UNH+1'")
    assert [s.number for s in without_una.segments] == [1, 2]


def test_line_breaks_inside_a_segment_are_not_data() -> None:
    (nad,) = segments_read(b"NAD+FL+++SMI\r\nTH:JOHN'").segments
    assert nad.value(3) == "SMITH"


@pytest.mark.parametrize(
    ("raw", "segment", "fault"),
    [
        (b"", 1, "holds no EDIFACT segment"),
        (b"   \n ", 1, "holds no EDIFACT segment"),
        (b"UNA:+", 1, "cut short"),
        (b"UNA::.? 'UNB'", 1, "one character for two purposes"),
        (b"UNB+X'12+3'", 2, "is not a segment tag"),
        (b"UNA:+.? 'UNB+1'\x00\x01\x02'", 3, "is not a segment tag"),
    ],
)
def test_unreadable_files_are_refused_naming_the_segment(raw: bytes, segment: int, fault: str):
    with pytest.raises(InvalidInput) as refused:
        segments_read(raw)
    (problem,) = refused.value.problems
    assert problem.field == "segment" and problem.line == segment
    assert fault in problem.message


def test_dates() -> None:
    assert edifact_date("720907", past=True, reference_year=2007) == dt.date(1972, 9, 7)
    assert edifact_date("050101", past=True, reference_year=2007) == dt.date(2005, 1, 1)
    assert edifact_date("20240229") == dt.date(2024, 2, 29)
    assert ddmmmyy_date("26DEC48", past=True, reference_year=2018) == dt.date(1948, 12, 26)
    with pytest.raises(ValueError, match="month"):
        edifact_date("991399")


SEPARATOR_SETS = st.sampled_from(
    [
        ServiceChars(),
        ServiceChars(element="*", terminator="$"),
        ServiceChars(component="^", element="|", release="\\", terminator="~"),
    ]
)
VALUES = st.text(alphabet="ABCXYZ019 :+*$'?|^~\\.,-/", max_size=8)
SEGMENTS = st.lists(
    st.tuples(
        st.from_regex(r"[A-Z]{3}", fullmatch=True).filter(lambda t: t != "UNA"),
        st.lists(st.lists(VALUES, min_size=1, max_size=3).map(tuple), max_size=4).map(tuple),
    ),
    min_size=1,
    max_size=6,
)


@given(segments=SEGMENTS, service=SEPARATOR_SETS, newline=st.sampled_from(["", "\n", "\r\n"]))
def test_written_segments_read_back_the_same(segments, service, newline) -> None:
    text = segments_write(segments, service, newline=newline)
    tokenized = segments_read(text.encode())
    assert tokenized.service == service
    assert [(s.tag, s.elements) for s in tokenized.segments] == [
        (tag, elements if elements else ()) for tag, elements in segments
    ]
    assert [s.number for s in tokenized.segments] == list(range(2, len(segments) + 2))
    assert tokenized.problems == []


@given(segments=SEGMENTS, service=SEPARATOR_SETS)
def test_reading_then_writing_is_stable(segments, service) -> None:
    first = segments_read(segments_write(segments, service))
    again = segments_write([(s.tag, s.elements) for s in first.segments], first.service)
    assert again == segments_write(segments, service)
