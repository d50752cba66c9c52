"""National watchlists in CSV and FollowTheMoney JSON lines: what they read, every problem with
its line and field, and (hypothesis) no input that breaks them other than with a clear error."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctassist.core.errors import InvalidInput
from ctassist.screening.entries import NameKind, Schema
from ctassist.screening.watchlists import csv_watchlist_parse, ftm_watchlist_parse

CODES = {"iraq": "IQ", "iq": "IQ", "irq": "IQ", "kenya": "KE", "ke": "KE"}


def code(name: str) -> str | None:
    return CODES.get(name.strip().lower())


def rows(*lines: dict[str, str]):
    return list(enumerate(lines, start=2))


def test_csv_reads_names_dates_countries_documents():
    parsed = csv_watchlist_parse(
        rows(
            {
                "id": "N-1",
                "name": "Hassan Ali Mahmoud",
                "aliases": "Abu Ali; H. Mahmoud",
                "weak_aliases": "Al-Iraqi",
                "birth_dates": "1975; 1976-03",
                "nationalities": "Iraq",
                "documents": "A1234567",
                "program": "national terrorist list",
            },
            {
                "id": "N-2",
                "name": "Example Relief Society",
                "schema": "Organization",
                "previous_names": "Old Relief Society",
            },
        ),
        name="Kenya national list",
        country_code=code,
    )
    first, second = parsed.entries
    assert [(n.text, n.kind) for n in first.names] == [
        ("Hassan Ali Mahmoud", NameKind.PRIMARY),
        ("Abu Ali", NameKind.ALIAS),
        ("H. Mahmoud", NameKind.ALIAS),
        ("Al-Iraqi", NameKind.WEAK),
    ]
    assert [d.text for d in first.birth_dates] == ["1975", "1976-03"]
    assert first.nationalities == ("IQ",) and first.documents[0].number == "A1234567"
    assert second.schema is Schema.ORGANIZATION and second.names[1].kind is NameKind.PREVIOUS
    assert parsed.generated is None and parsed.individuals == 1 and parsed.organizations == 1


def test_csv_lists_every_problem_with_line_and_field():
    with pytest.raises(InvalidInput) as caught:
        csv_watchlist_parse(
            rows(
                {"id": "1", "name": "A B", "birth_dates": "1975-13"},
                {"id": "1", "name": "", "nationalities": "Atlantis"},
                {"id": "3", "name": "C D", "schema": "Vessel"},
            ),
            name="x",
            country_code=code,
        )
    found = {(p.line, p.field) for p in caught.value.problems}
    assert {(2, "birth_dates"), (3, "id"), (3, "name"), (4, "schema")} <= found


def test_csv_unknown_or_missing_columns_refused_at_the_header():
    with pytest.raises(InvalidInput) as caught:
        csv_watchlist_parse(rows({"ident": "1", "name": "A"}), name="x", country_code=code)
    assert {p.field for p in caught.value.problems} == {"id", "ident"}
    assert all(p.line == 1 for p in caught.value.problems)


def ftm(entity: dict) -> str:
    return json.dumps(entity)


def test_ftm_reads_people_and_organisations_and_skips_other_schemas():
    lines = [
        ftm(
            {
                "id": "os-1",
                "schema": "Person",
                "properties": {
                    "name": ["Ivan Petrov"],
                    "alias": ["Иван Петров"],
                    "weakAlias": ["Vanya"],
                    "birthDate": ["1970-01-02"],
                    "nationality": ["iq"],
                    "passportNumber": ["P-99"],
                },
            }
        ),
        "",
        ftm({"id": "os-2", "schema": "Company", "properties": {"name": ["Acme Trading LLC"]}}),
        ftm({"id": "san-1", "schema": "Sanction", "properties": {"entity": ["os-1"]}}),
    ]
    parsed = ftm_watchlist_parse(lines, name="ftm", country_code=code)
    assert [e.key for e in parsed.entries] == ["os-1", "os-2"]
    person = parsed.entries[0]
    assert [n.kind for n in person.names] == [NameKind.PRIMARY, NameKind.ALIAS, NameKind.WEAK]
    assert person.nationalities == ("IQ",) and person.documents[0].number == "P-99"
    assert parsed.entries[1].schema is Schema.ORGANIZATION


def test_ftm_problems_name_their_line():
    lines = [
        "{not json",
        ftm({"id": "a", "schema": "Person", "properties": {"name": "not a list"}}),
        ftm({"id": "b", "schema": "Person", "properties": {"name": ["X"], "birthDate": ["soon"]}}),
        ftm({"schema": "Person", "properties": {}}),
    ]
    with pytest.raises(InvalidInput) as caught:
        ftm_watchlist_parse(lines, name="ftm", country_code=code)
    assert {(p.line, p.field) for p in caught.value.problems} >= {
        (1, "json"),
        (2, "properties.name"),
        (3, "properties.birthDate"),
        (4, "id"),
    }


cells = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                ["id", "name", "schema", "aliases", "birth_dates", "nationalities", "documents"]
            ),
            cells,
        ),
        max_size=5,
    )
)
def test_csv_any_rows_give_entries_or_a_clear_error(given_rows):
    try:
        parsed = csv_watchlist_parse(rows(*given_rows), name="h", country_code=code)
    except InvalidInput as error:
        assert error.problems and all(p.line is not None for p in error.problems)
    else:
        assert all(e.names and e.key for e in parsed.entries)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | cells,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(cells, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.one_of(
            cells,
            json_values.map(json.dumps),
            st.builds(
                lambda i, s, p: json.dumps({"id": i, "schema": s, "properties": p}),
                cells,
                st.sampled_from(["Person", "Company", "Sanction", "Vessel"]),
                st.dictionaries(
                    st.sampled_from(["name", "alias", "birthDate", "nationality"]),
                    st.lists(cells, max_size=2) | cells,
                ),
            ),
        ),
        max_size=5,
    )
)
def test_ftm_any_lines_give_entries_or_a_clear_error(lines):
    try:
        parsed = ftm_watchlist_parse(lines, name="h", country_code=code)
    except InvalidInput as error:
        assert error.problems and all(p.line is not None for p in error.problems)
    else:
        assert parsed.entries
