"""Every learning event becomes a statement with the xAPI 1.0.3 structure; a statement without
it is named with the property at fault. The structure is held by the schema written from the
specification (data/xapi-1.0.3-statement.schema.json), checked here on hand-made statements the
specification's own examples resemble."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctassist.learning.standards.xapi import (
    VERBS,
    Activity,
    actor_account,
    duration_iso,
    statement_build,
    statement_problems,
)

SPEC_EXAMPLE: dict[str, Any] = {
    "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
    "actor": {
        "objectType": "Agent",
        "name": "Project Tin Can API",
        "mbox": "mailto:user@example.com",
    },
    "verb": {"id": "http://example.com/xapi/verbs#sent-a-statement", "display": {"en-US": "sent"}},
    "object": {
        "id": "http://example.com/xapi/activity/simplestatement",
        "definition": {"name": {"en-US": "simple statement"}},
    },
}


def _fields(statement: Any) -> list[str]:
    return [problem.field for problem in statement_problems(statement)]


def test_the_specifications_example_is_a_statement() -> None:
    assert statement_problems(SPEC_EXAMPLE) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda s: s.pop("verb"), "statement"),
        (lambda s: s["actor"].update(account={"homePage": "https://x.org", "name": "7"}), "actor"),
        (lambda s: s["actor"].pop("mbox"), "actor"),
        (lambda s: s["verb"].update(id="not an iri"), "verb.id"),
        (lambda s: s.update(id="12345"), "id"),
        (lambda s: s.update(result={"score": {"scaled": 1.5}}), "result.score.scaled"),
        (lambda s: s.update(result={"duration": "one hour"}), "result.duration"),
        (lambda s: s.update(timestamp="yesterday"), "timestamp"),
        (lambda s: s.update(colour="red"), "statement"),
        (lambda s: s["object"]["definition"].update(name={"not a tag!": "x"}), "object"),
    ],
)
def test_a_statement_without_the_structure_is_named_where(change: Any, field: str) -> None:
    statement = {
        key: (dict(value) if isinstance(value, dict) else value)
        for key, value in SPEC_EXAMPLE.items()
    }
    statement["object"] = {
        "id": SPEC_EXAMPLE["object"]["id"],
        "definition": {"name": {"en-US": "x"}},
    }
    change(statement)
    fields = _fields(statement)
    assert fields, "the broken statement passed"
    assert any(found.startswith(field) or field == "statement" for found in fields), fields


def test_durations_are_iso_8601() -> None:
    assert duration_iso(dt.timedelta(0)) == "PT0S"
    assert duration_iso(dt.timedelta(hours=1, minutes=2, seconds=3)) == "PT1H2M3S"
    assert duration_iso(dt.timedelta(minutes=90)) == "PT1H30M"


def test_a_timestamp_without_a_timezone_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone"):
        statement_build(
            statement_id=str(uuid.uuid4()),
            verb="completed",
            actor=actor_account(home_page="https://ctassist.example", name="1"),
            activity=Activity("https://ctassist.example/c/1", "course"),
            occurred=dt.datetime(2020, 5, 1, 12, 0),  # noqa: DTZ001 — the point of the test
        )


LANGUAGES = st.sampled_from(["en", "fr", "ar", "zh-hans", "ru", "es"])
TEXT = st.text(min_size=0, max_size=40)


@settings(max_examples=150, deadline=None)
@given(
    verb=st.sampled_from(sorted(VERBS)),
    kind=st.sampled_from(["course", "lesson", "quiz", "webinar", "certificate"]),
    names=st.dictionaries(LANGUAGES, TEXT, max_size=6),
    language=st.one_of(st.just(""), LANGUAGES),
    score=st.one_of(st.none(), st.floats(min_value=0, max_value=1)),
    success=st.one_of(st.none(), st.booleans()),
    completion=st.one_of(st.none(), st.booleans()),
    seconds=st.one_of(st.none(), st.integers(min_value=0, max_value=10**7)),
    occurred=st.datetimes(
        min_value=dt.datetime(2008, 1, 1),  # noqa: DTZ001 — hypothesis bounds are naive
        max_value=dt.datetime(2040, 1, 1),  # noqa: DTZ001
        timezones=st.just(dt.UTC),
    ),
    with_parent=st.booleans(),
    user=st.integers(min_value=1, max_value=10**9),
)
def test_every_event_we_build_is_a_statement(
    verb: str,
    kind: str,
    names: dict[str, str],
    language: str,
    score: float | None,
    success: bool | None,
    completion: bool | None,
    seconds: int | None,
    occurred: dt.datetime,
    with_parent: bool,
    user: int,
) -> None:
    statement = statement_build(
        statement_id=str(uuid.uuid4()),
        verb=verb,
        actor=actor_account(home_page="https://ctassist.example", name=str(user)),
        activity=Activity(
            f"https://ctassist.example/learning/xapi/activities/{kind}/7", kind, names
        ),
        parent=Activity("https://ctassist.example/learning/xapi/activities/course/x", "course")
        if with_parent
        else None,
        occurred=occurred,
        language=language,
        score_scaled=score,
        success=success,
        completion=completion,
        duration=dt.timedelta(seconds=seconds) if seconds is not None else None,
    )
    assert statement_problems(statement) == []
    assert statement["verb"]["id"] == VERBS[verb]
    assert statement["timestamp"].endswith("Z")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(anything=JSON)
def test_any_json_is_judged_never_crashes(anything: Any) -> None:
    problems = statement_problems(anything)
    assert problems, "random JSON is never an xAPI statement (it lacks actor, verb and object)"
    assert all(problem.message for problem in problems)
