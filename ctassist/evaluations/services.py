"""Writes for evaluations: advancing through the stages (no skipping, each dated and audited),
the management response to a recommendation (a partial or negative one needs its
justification), and follow-up actions. Office staff (analysts and above) only."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from ctassist.core.access import Role, has_role_at_least
from ctassist.core.audit import Actor
from ctassist.core.errors import FieldProblem, InvalidInput, NotFound
from ctassist.core.services import record_create, record_update
from ctassist.evaluations.models import STAGE_ORDER, Action, Evaluation, Recommendation, StageEvent


def _staff(actor: Actor) -> None:
    if not has_role_at_least(actor, Role.ANALYST):
        raise NotFound(_("No such evaluation."))


def evaluation_advance(
    *,
    actor: Actor,
    evaluation: Evaluation,
    expected_version: int,
    to: str,
    on: dt.date,
    document: str = "",
) -> Evaluation:
    """Move to the next stage only (initiated → … → follow-up plan)."""
    _staff(actor)
    current = STAGE_ORDER.index(evaluation.stage)
    if to not in STAGE_ORDER or STAGE_ORDER.index(to) != current + 1:
        raise InvalidInput(
            _("An evaluation moves one stage at a time; the next stage is %(next)s.")
            % {"next": STAGE_ORDER[current + 1] if current + 1 < len(STAGE_ORDER) else "—"},
            problems=[FieldProblem("to", "not the next stage")],
        )
    changes: dict[str, object] = {"stage": to}
    if to == "final":
        changes["final_report_on"] = on
    if to == "follow_up":
        changes["follow_up_plan_on"] = on
    with transaction.atomic():
        updated = record_update(
            actor=actor, instance=evaluation, expected_version=expected_version, changes=changes
        )
        StageEvent.objects.create(evaluation=updated, stage=to, on=on, document=document)
    return updated


def recommendation_respond(
    *,
    actor: Actor,
    recommendation: Recommendation,
    expected_version: int,
    response: str,
    justification: str = "",
) -> Recommendation:
    _staff(actor)
    if response not in ("accepted", "partial", "rejected"):
        raise InvalidInput(_("Choose a response."), problems=[FieldProblem("response", "required")])
    if response != "accepted" and not justification.strip():
        raise InvalidInput(
            _("A partial or negative response needs its justification."),
            problems=[FieldProblem("justification", "required")],
        )
    return record_update(
        actor=actor,
        instance=recommendation,
        expected_version=expected_version,
        changes={"response": response, "justification": justification.strip()},
    )


def action_add(
    *, actor: Actor, recommendation: Recommendation, description: str, owner: str, deadline: dt.date
) -> Action:
    _staff(actor)
    if recommendation.response == "rejected":
        raise InvalidInput(
            _("A recommendation that was not accepted has no follow-up actions."),
            problems=[FieldProblem("recommendation", "not accepted")],
        )
    if not description.strip() or not owner.strip():
        raise InvalidInput(
            _("Describe the action and name its owner."),
            problems=[FieldProblem("description", "required"), FieldProblem("owner", "required")],
        )
    return record_create(
        actor=actor,
        instance=Action(
            recommendation=recommendation,
            description=description.strip(),
            owner=owner.strip(),
            deadline=deadline,
        ),
    )


def action_update(
    *, actor: Actor, action: Action, expected_version: int, status: str, evidence: str = ""
) -> Action:
    _staff(actor)
    if status == "implemented" and not evidence.strip():
        raise InvalidInput(
            _("Give the evidence that the action was implemented."),
            problems=[FieldProblem("evidence", "required")],
        )
    return record_update(
        actor=actor,
        instance=action,
        expected_version=expected_version,
        changes={"status": status, "evidence": evidence.strip()},
    )
