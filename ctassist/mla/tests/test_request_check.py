"""`ctassist mla check`: every missing or inconsistent element of a request with its field,
and advice from the real treaty data and the authorities directory."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.cli import main
from ctassist.mla.checks import legal_basis_suggestions, request_check

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "mla-request.json"


@pytest.fixture
def example():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _fields(result, severity="error"):
    return {p.field for p in result.problems if p.severity == severity}


def test_the_example_request_is_complete(example):
    result = request_check(example)
    assert result.complete, result.problems
    # Banking records are a coercive measure: the double-criminality prompt is shown.
    assert "assistance.0.type" in _fields(result, "warning")


def test_cli_prints_the_documented_shape_and_exits_1_when_incomplete(example, tmp_path):
    incomplete = copy.deepcopy(example)
    del incomplete["facts"]
    del incomplete["assistance"][0]["details"]["period_to"]
    incomplete["signature"].pop("name")
    path = tmp_path / "request.json"
    path.write_text(json.dumps(incomplete), encoding="utf-8")
    result = CliRunner().invoke(main, ["mla", "check", str(path), "--format", "json"])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert set(payload) == {"complete", "problems"}
    assert payload["complete"] is False
    assert all(set(p) == {"field", "severity", "message"} for p in payload["problems"])
    errors = {p["field"] for p in payload["problems"] if p["severity"] == "error"}
    assert errors == {"facts", "assistance.0.details.period_to", "signature.name"}
    good = tmp_path / "good.json"
    good.write_text(json.dumps(example), encoding="utf-8")
    assert CliRunner().invoke(main, ["mla", "check", str(good), "--format", "json"]).exit_code == 0


def test_legal_basis_suggestions_come_from_the_treaty_data(example):
    import datetime as dt

    codes = {
        s.instrument: s.article for s in legal_basis_suggestions("NER", "FRA", dt.date(2020, 3, 12))
    }
    assert codes["FINANCING_1999"] == "12"
    assert codes["BOMBINGS_1997"] == "10"
    assert "TOKYO_1963" not in codes  # both party, but it has no article on assistance
    without = copy.deepcopy(example)
    without["legal_basis"] = []
    result = request_check(without)
    note = next(p for p in result.problems if p.field == "legal_basis" and p.severity == "info")
    assert "art. 12" in note.message and "art. 10" in note.message
    assert "legal_basis" in _fields(result)  # still required


def test_an_instrument_the_records_cannot_confirm_is_a_warning_with_the_reason(example):
    # The Hague Convention's participation list is not held: "no record" for both States is
    # neither "party" nor "not party" (refusals are in test_legal_basis_from_treaties).
    unknown = copy.deepcopy(example)
    unknown["legal_basis"] = [{"type": "instrument", "instrument": "HAGUE_1970", "article": "10"}]
    result = request_check(unknown)
    assert "legal_basis.0.instrument" not in _fields(result)
    assert "legal_basis.0.instrument" in _fields(result, "warning")
    message = next(p.message for p in result.problems if p.field == "legal_basis.0.instrument")
    assert "cannot be confirmed from the treaty records" in message and "no record" in message
    misquoted = copy.deepcopy(example)
    misquoted["legal_basis"][0]["article"] = "18"
    assert "legal_basis.0.article" in _fields(request_check(misquoted), "warning")


def test_preserve_before_content_and_language_advice(example):
    request = copy.deepcopy(example)
    request["language"] = "en"
    request["assistance"].append(
        {
            "type": "stored_data",
            "purpose": "Messages arranging the transfers",
            "details": {
                "provider": "Provider (example)",
                "identifiers": ["user@example.org"],
                "data_categories": ["subscriber", "content"],
                "period_from": "2019-01-01",
                "period_to": "2019-12-31",
            },
        }
    )
    result = request_check(request)
    warnings = _fields(result, "warning")
    assert "assistance.1.details.data_categories" in warnings
    assert "language" in warnings  # the French central authority (demo directory) takes French
    request["preservation_reference"] = "PRES-2020-01"
    assert "assistance.1.details.data_categories" not in _fields(request_check(request), "warning")


def test_inconsistencies_are_caught(example):
    request = copy.deepcopy(example)
    request["requested_state"] = "NER"
    request["urgency"]["deadline"] = "2019-01-01"
    request["assistance"][0]["details"]["period_to"] = "2018-01-01"
    errors = _fields(request_check(request))
    assert {"requested_state", "urgency.deadline", "assistance.0.details.period_to"} <= errors


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    key=st.sampled_from(
        [
            "reference",
            "date",
            "channel",
            "legal_basis",
            "assistance",
            "persons",
            "urgency",
            "offences",
        ]
    ),
    value=JSON,
)
def test_any_value_in_any_field_gives_problems_not_a_crash(example, key, value):
    request = copy.deepcopy(example)
    request[key] = value
    result = request_check(request)
    for problem in result.problems:
        assert (
            problem.field and problem.message and problem.severity in ("error", "warning", "info")
        )
    if not result.complete:
        assert any(p.severity == "error" for p in result.problems)


@settings(max_examples=40, deadline=None)
@given(JSON)
def test_any_json_document_is_answered(document):
    result = request_check(document)
    assert isinstance(result.complete, bool)
