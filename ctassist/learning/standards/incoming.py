"""Statements in: an external course (launched through LTI, or any system the office registered)
reports that a learner completed it, as xAPI statements posted to
`POST /api/v1/learning/xapi/statements`. A completion becomes the course's completion here, through
the one path every completion takes (`services.course_completion_record`): enrolment, certificate,
events, assistance participant.

The endpoint is not a Learning Record Store: it acts on `completed` and `passed` statements about
an external course and acknowledges the others without storing them. A request is taken whole or
not at all: every statement is checked first, and one that cannot be acted on refuses the request,
naming the statement and the property at fault.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ctassist.accounts.models import User
from ctassist.core.errors import BrokenRule, FieldProblem, PermissionDenied
from ctassist.learning.services import course_completion_record
from ctassist.learning.standards.lti import issuer
from ctassist.learning.standards.models import ExternalCourse
from ctassist.learning.standards.xapi import VERBS, statement_problems

MAX_STATEMENTS = 100
ACTED_ON = {VERBS["completed"]: "completed", VERBS["passed"]: "passed"}
PERMISSION = "learning.report_external_completion"


@dataclass(frozen=True)
class Completion:
    user: User
    external: ExternalCourse
    completed_at: dt.datetime
    score_scaled: float | None
    success: bool | None
    language: str


@dataclass(frozen=True)
class Received:
    """The statement ids in the order received (xAPI's answer) and how many completions they
    recorded."""

    ids: list[str]
    completions: int


def _problem(where: str, message: str) -> FieldProblem:
    return FieldProblem(where, message)


def _learner(statement: dict[str, Any], where: str) -> User:
    actor = statement.get("actor", {})
    account = actor.get("account")
    user: User | None = None
    if account is not None:
        if (
            account.get("homePage", "").rstrip("/") == issuer().rstrip("/")
            and str(account.get("name", "")).isdigit()
        ):
            user = User.objects.filter(pk=int(account["name"]), is_active=True).first()
    elif "mbox" in actor:
        email = str(actor["mbox"]).removeprefix("mailto:")
        user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise BrokenRule(
            _("The statement's actor is no learner of this platform."),
            problems=[_problem(f"{where}actor", _("unknown learner"))],
        )
    return user


def _completion(statement: dict[str, Any], where: str, now: dt.datetime) -> Completion | None:
    verb = ACTED_ON.get(statement["verb"]["id"])
    if verb is None:
        return None
    result = statement.get("result", {})
    if result.get("success") is False:
        return None
    object_id = statement["object"].get("id", "")
    external = (
        ExternalCourse.objects.select_related("course").filter(activity_iri=object_id).first()
    )
    if external is None:
        raise BrokenRule(
            _("The statement is about no external course registered here."),
            problems=[_problem(f"{where}object.id", _("unknown activity"))],
        )
    user = _learner(statement, where)
    completed_at = now
    if "timestamp" in statement:
        parsed = parse_datetime(statement["timestamp"])
        if parsed is None or parsed > now + dt.timedelta(minutes=5):
            raise BrokenRule(
                _("A completion cannot lie in the future."),
                problems=[_problem(f"{where}timestamp", _("in the future"))],
            )
        completed_at = parsed
    scaled = result.get("score", {}).get("scaled")
    if scaled is not None and scaled < 0:
        raise BrokenRule(
            _("A completion's scaled score lies between 0 and 1."),
            problems=[_problem(f"{where}result.score.scaled", _("below 0"))],
        )
    wanted = str(statement.get("context", {}).get("language", "")).lower()
    version = external.course.version_in(wanted or "en")  # else English, else any
    language = version.language if version is not None else ""
    if not language:
        raise BrokenRule(
            _("The course has no version to certify in."),
            problems=[_problem(f"{where}object.id", _("no course version"))],
        )
    return Completion(
        user=user,
        external=external,
        completed_at=completed_at,
        score_scaled=None if scaled is None else float(scaled),
        success=result.get("success", True if verb == "passed" else None),
        language=language,
    )


def statements_receive(*, actor: Any, payload: Any, now: dt.datetime | None = None) -> Received:
    """Check every statement, then record every completion in one transaction."""
    if not actor.has_perm(PERMISSION):
        raise PermissionDenied(_("Only a registered learning system may report completions."))
    statements = payload if isinstance(payload, list) else [payload]
    if not statements or len(statements) > MAX_STATEMENTS:
        raise BrokenRule(
            _("Send between 1 and %(most)d statements at once.") % {"most": MAX_STATEMENTS},
            problems=[_problem("statements", str(len(statements)))],
        )
    now = now or timezone.now()
    problems: list[FieldProblem] = []
    for index, statement in enumerate(statements):
        where = f"[{index}]" if isinstance(payload, list) else ""
        problems += [
            _problem(problem.field, problem.message)
            for problem in statement_problems(statement, where=where)
        ]
    if problems:
        raise BrokenRule(_("Not an xAPI 1.0.3 statement."), problems=problems[:50])
    completions: list[Completion] = []
    for index, statement in enumerate(statements):
        where = f"[{index}]." if isinstance(payload, list) else ""
        completion = _completion(statement, where, now)
        if completion is not None:
            completions.append(completion)
    with transaction.atomic():
        for completion in completions:
            course_completion_record(
                actor=actor,
                user=completion.user,
                course=completion.external.course,
                language=completion.language,
                completed_at=completion.completed_at,
                score_scaled=completion.score_scaled,
                success=completion.success,
                source="external",
            )
    ids = [str(statement.get("id") or uuid.uuid4()) for statement in statements]
    return Received(ids=ids, completions=len(completions))
