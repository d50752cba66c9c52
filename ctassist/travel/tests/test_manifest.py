"""The JSON and CSV forms: the same dataclasses as the EDIFACT readers, strict validation."""

from __future__ import annotations

import json

import pytest

from ctassist.core.errors import InvalidInput
from ctassist.travel.manifest import manifest_csv_write, manifest_json_write
from ctassist.travel.messages import kind_detect, message_read
from ctassist.travel.records import ListKind, SourceFormat

from .fixtures import fixture_bytes

EDI = [
    "paxlst_d05b_passengers_2legs.edi",
    "paxlst_d05b_passengers_3legs_docs.edi",
    "paxlst_d02b_custom_una_separators.edi",
    "paxlst_d02b_crew_single_line.edi",
    "pnrgov_v10_two_travellers.edi",
    "pnrgov_v13_docs_doco.edi",
]
CONTENT = ("kind", "envelope", "list_kind", "reporting_party", "flights", "travellers", "pnrs")


@pytest.mark.parametrize("name", EDI)
def test_json_form_carries_the_same_content(name: str) -> None:
    edifact = message_read(fixture_bytes(name), name=name)
    raw = manifest_json_write(edifact)
    assert kind_detect(raw) == "JSON"
    again = message_read(raw, name="again.json")
    assert again.source_format is SourceFormat.JSON
    for field in CONTENT:
        assert getattr(again, field) == getattr(edifact, field), field


def test_csv_form_of_a_single_leg_list() -> None:
    edifact = message_read(fixture_bytes("paxlst_d02b_crew_single_line.edi"), name="crew")
    raw = manifest_csv_write(edifact)
    assert kind_detect(raw) == "CSV"
    again = message_read(raw, name="crew.csv")
    assert again.list_kind is ListKind.CREW and again.crew_count == 8
    assert again.flights == edifact.flights
    first, original = again.travellers[0], edifact.travellers[0]
    assert (first.family_name, first.born_on, first.documents) == (
        original.family_name, original.born_on, original.documents)  # fmt: skip


def _json(**changes: object) -> bytes:
    edifact = message_read(fixture_bytes("paxlst_d05b_passengers_2legs.edi"), name="x")
    data = json.loads(manifest_json_write(edifact))
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value
    return json.dumps(data, indent=1).encode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"travellers__1__born_on": "07/09/1972"}, "travellers[1].born_on", "YYYY-MM-DD"),
        ({"travellers__0__sexe": "M"}, "travellers[0].sexe", "unknown field"),
        ({"kind": "APIS"}, "kind", "must be one of PAXLST, PNRGOV"),
        ({"flights__0__legs__0__departs_at": "2007-02-19T15:40+01:00"},
         "flights[0].legs[0].departs_at", "without an offset"),
        ({"travellers__0__documents": "P"}, "travellers[0].documents", "must be a list"),
        ({"format": "other/2"}, "format", "ctassist.travel/1"),
    ],
)  # fmt: skip
def test_json_refusals_name_the_field(changes, field, message) -> None:
    with pytest.raises(InvalidInput) as refused:
        message_read(_json(**changes), name="bad.json")
    assert [(p.field, message in p.message) for p in refused.value.problems] == [(field, True)]


def test_json_syntax_error_names_the_line() -> None:
    with pytest.raises(InvalidInput) as refused:
        message_read(b'{\n "kind": "PAXLST",\n oops\n}', name="bad.json")
    (problem,) = refused.value.problems
    assert (problem.field, problem.line) == ("json", 3)


def test_json_input_passes_through_the_sensitive_filter() -> None:
    data = json.loads(_json())
    data["travellers"][0]["services"] = ["MOML", "FQTV"]
    data["travellers"][0]["remarks"] = ["wheelchair needed", "window seat please"]
    message = message_read(json.dumps(data).encode(), name="x.json")
    assert message.travellers[0].services == ["FQTV"]
    assert message.travellers[0].remarks == ["window seat please"]
    assert message.filtered.counts == {"special_meal": 1, "health": 1}


HEADER = (
    "carrier,flight_number,departure_airport,departs_at,arrival_airport,role,family_name,born_on"
)


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        ("AA,100,JFK,2024-05-01T10:00,LHR,passenger,DOE,1980-13-01", 2, "born_on"),
        ("AA,100,JFK,2024-05-01T10:00,LHR,pilot,DOE,", 2, "role"),
        ("AA,100,JFK,2024-05-01T10:00,LHR,passenger,,", 2, "family_name"),
        ("AA,100,JFK,2024-05-01T10:00,LHR,crew,DOE,\nAA,101,JFK,2024-05-01T10:00,LHR,crew,ROE,",
         3, "carrier"),
        ("AA,100,JFK,2024-05-01T10:00,LONDON,crew,DOE,", 2, "arrival_airport"),
    ],
)  # fmt: skip
def test_csv_refusals_name_line_and_column(body: str, line: int, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        message_read(f"{HEADER}\n{body}\n".encode(), name="bad.csv")
    assert [(p.line, p.field) for p in refused.value.problems] == [(line, field)]


def test_csv_header_must_be_known_and_complete() -> None:
    with pytest.raises(InvalidInput) as refused:
        message_read(b"carrier,family_name,religion\nAA,DOE,x\n", name="bad.csv")
    fields = {p.field for p in refused.value.problems}
    assert "religion" in fields and "flight_number" in fields
