"""Experience API (xAPI 1.0.3) statements, pure: what a learning event says to a Learning Record
Store, and whether a statement has the structure the specification requires (docs/adr/0023).

The statements carry no personal data beyond an opaque account: the actor is
`{"account": {"homePage": <this platform>, "name": <the user's opaque id>}}`, never a name or an
e-mail address, so an LRS outside the office learns who did what only through the platform.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from ctassist.core.checks import ERROR, Problem

XAPI_VERSION = "1.0.3"

# ADL's verb vocabulary (http://adlnet.gov/expapi/verbs/) and, where ADL has none, the
# registry's (id.tincanapi.com): the IRIs every LRS report knows.
VERBS: dict[str, str] = {
    "registered": "http://adlnet.gov/expapi/verbs/registered",
    "launched": "http://adlnet.gov/expapi/verbs/launched",
    "experienced": "http://adlnet.gov/expapi/verbs/experienced",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "attended": "http://adlnet.gov/expapi/verbs/attended",
    "earned": "http://id.tincanapi.com/verb/earned",
}

ACTIVITY_TYPES: dict[str, str] = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "webinar": "http://id.tincanapi.com/activitytype/webinar",
    "certificate": "http://id.tincanapi.com/activitytype/certificate",
}


@dataclass(frozen=True)
class Activity:
    """An xAPI activity: a stable IRI, its kind (a key of ACTIVITY_TYPES) and its name in the
    languages it has."""

    iri: str
    kind: str
    names: dict[str, str] = field(default_factory=dict)

    def as_object(self) -> dict[str, Any]:
        definition: dict[str, Any] = {"type": ACTIVITY_TYPES[self.kind]}
        names = {language: text for language, text in self.names.items() if text}
        if names:
            definition["name"] = names
        return {"objectType": "Activity", "id": self.iri, "definition": definition}


def duration_iso(duration: dt.timedelta) -> str:
    """ISO 8601 duration as xAPI writes it: whole seconds, `PT0S` for none."""
    seconds = max(0, round(duration.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = "".join(
        f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if value
    )
    return f"PT{parts or '0S'}"


def actor_account(*, home_page: str, name: str) -> dict[str, Any]:
    return {"objectType": "Agent", "account": {"homePage": home_page, "name": name}}


def statement_build(
    *,
    statement_id: str,
    verb: str,
    actor: dict[str, Any],
    activity: Activity,
    occurred: dt.datetime,
    language: str = "",
    parent: Activity | None = None,
    score_scaled: float | None = None,
    success: bool | None = None,
    completion: bool | None = None,
    duration: dt.timedelta | None = None,
    platform: str = "ctassist",
) -> dict[str, Any]:
    """One statement. `occurred` must be timezone-aware (xAPI timestamps carry their offset)."""
    if occurred.tzinfo is None:
        raise ValueError("an xAPI timestamp needs a timezone")
    statement: dict[str, Any] = {
        "id": statement_id,
        "actor": actor,
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": activity.as_object(),
        "timestamp": occurred.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "version": XAPI_VERSION,
    }
    result: dict[str, Any] = {}
    if score_scaled is not None:
        result["score"] = {"scaled": round(float(score_scaled), 4)}
    if success is not None:
        result["success"] = success
    if completion is not None:
        result["completion"] = completion
    if duration is not None:
        result["duration"] = duration_iso(duration)
    if result:
        statement["result"] = result
    context: dict[str, Any] = {"platform": platform}
    if language:
        context["language"] = language
    if parent is not None:
        context["contextActivities"] = {"parent": [parent.as_object()]}
    statement["context"] = context
    return statement


@cache
def _validator() -> jsonschema.protocols.Validator:
    text = (
        resources.files("ctassist.learning")
        .joinpath("data/xapi-1.0.3-statement.schema.json")
        .read_text(encoding="utf-8")
    )
    schema = json.loads(text)
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema)


def statement_problems(statement: Any, *, where: str = "") -> list[Problem]:
    """What keeps `statement` from having the xAPI 1.0.3 structure: one problem per fault, with
    the JSON path of the property at fault (`actor.account.homePage`); empty when it is sound."""
    problems = []
    for error in sorted(_validator().iter_errors(statement), key=lambda e: list(e.path)):
        best = jsonschema.exceptions.best_match([error]) or error
        path = ".".join(str(part) for part in best.absolute_path)
        prefix = f"{where}." if where and path else where
        problems.append(Problem(f"{prefix}{path}" or "statement", ERROR, _message(best)))
    return problems


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        return error.message.replace("'", "", 2).replace(" is a required property", " is required")
    if error.validator in ("oneOf", "anyOf") and list(error.absolute_path)[-1:] == ["actor"]:
        return "an Agent needs exactly one of mbox, mbox_sha1sum, openid or account"
    if error.validator == "additionalProperties":
        return error.message
    if error.validator == "pattern":
        return f"{json.dumps(error.instance)[:80]} is not in the required form"
    return error.message[:200]
