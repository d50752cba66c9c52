"""Writes for evaluations: advancing through the stages (no skipping, each dated and audited),
the management response to a recommendation (a partial or negative one needs its
justification), and follow-up actions. Office staff (analysts and above) only."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ctassist.core.access import Role, has_role_at_least
from ctassist.core.audit import Actor
from ctassist.core.backup import DigestCheck, stored_digests_check
from ctassist.core.errors import FieldProblem, IntegrityFailure, InvalidInput, NotFound
from ctassist.core.services import record_create, record_update
from ctassist.core.stored_files import file_store
from ctassist.evaluations.models import (
    STAGE_ORDER,
    Action,
    Evaluation,
    EvaluationDocument,
    Recommendation,
    StageEvent,
)


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


DOCUMENT_TYPES = {
    ".pdf": b"%PDF",
    ".docx": b"PK",
    ".xlsx": b"PK",
    ".odt": b"PK",
}
DOCUMENT_MAX_BYTES = 25 * 1024 * 1024


def evaluation_document_add(
    *,
    actor: Actor,
    evaluation: Evaluation,
    stage: str,
    title: str,
    filename: str,
    content: bytes,
) -> EvaluationDocument:
    """Store a document of a stage (PDF, DOCX, XLSX or ODT, at most 25 MB) with its SHA-256."""
    _staff(actor)
    suffix = Path(filename).suffix.lower()
    magic = DOCUMENT_TYPES.get(suffix)
    problems = []
    if magic is None or not content.startswith(magic):
        problems.append(FieldProblem("file", _("a PDF, DOCX, XLSX or ODT file")))
    if len(content) > DOCUMENT_MAX_BYTES:
        problems.append(FieldProblem("file", _("at most 25 MB")))
    if stage not in STAGE_ORDER:
        problems.append(FieldProblem("stage", _("unknown stage")))
    if not title.strip():
        problems.append(FieldProblem("title", _("required")))
    if problems:
        raise InvalidInput(
            "; ".join(f"{p.field}: {p.message}" for p in problems), problems=problems
        )
    uploader: Any = actor if getattr(actor, "pk", None) else None
    document = EvaluationDocument(
        evaluation=evaluation,
        stage=stage,
        title=title.strip(),
        filename=Path(filename).name,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        uploaded_by=uploader,
    )
    with transaction.atomic():
        file_store(document.file, document.filename, content)  # removed if nothing is recorded
        return record_create(actor=actor, instance=document)


def evaluation_document_content(document: EvaluationDocument) -> bytes:
    """The stored bytes, refused if they no longer match the SHA-256 taken on upload."""
    with document.file.open("rb") as handle:
        content: bytes = handle.read()
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise IntegrityFailure(_("The stored file no longer matches its SHA-256: do not use it."))
    return content


def evaluation_documents_verify(*, using: str = "default") -> DigestCheck:
    """Every evaluation document's stored file against the SHA-256 taken on upload: run after a
    restore (`ctassist restore`, CTASSIST_BACKUP_VERIFIERS in settings)."""
    documents = EvaluationDocument.objects.using(using).only("pk", "file", "sha256")
    return stored_digests_check(
        "evaluation documents",
        ((f"evaluation document {d.pk}", d.file, d.sha256) for d in documents.order_by("pk")),
    )


@dataclass
class ReminderReport:
    evaluations: int = 0
    emails: int = 0


def _reminder_lines(evaluation: Evaluation, plan: Any, day: dt.date) -> list[str]:
    lines = []
    if (
        plan.plan_due
        and evaluation.follow_up_plan_on is None
        and plan.plan_due <= day + dt.timedelta(days=7)
    ):
        lines.append(
            (_("The follow-up plan was due on %(day)s.") if plan.plan_overdue
             else _("The follow-up plan is due on %(day)s."))
            % {"day": plan.plan_due.isoformat()}
        )  # fmt: skip
    for action in plan.overdue_actions:
        lines.append(
            _("Action past its deadline (%(deadline)s), owner %(owner)s: %(action)s")
            % {
                "deadline": action.deadline.isoformat(),
                "owner": action.owner,
                "action": action.description[:200],
            }
        )
    return lines


def evaluation_reminders_send(*, today: dt.date | None = None) -> ReminderReport:
    """E-mail each evaluation manager, at most once a day, about a follow-up plan due within a
    week or overdue and about actions past their deadline. Run it from cron
    (`ctassist evaluations reminders`)."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    from ctassist.evaluations.selectors import follow_up_for

    day = today or timezone.localdate()
    report = ReminderReport()
    pending = (
        Evaluation.objects.exclude(manager=None)
        .filter(manager__is_active=True)
        .exclude(reminded_on=day)
    )
    for evaluation in pending.select_related("manager"):
        manager = evaluation.manager
        assert manager is not None
        plan = follow_up_for(user=None, evaluation_id=evaluation.pk, today=day, staff_check=False)
        language = getattr(manager, "language", None) or "en"
        with translation.override(language):
            lines = _reminder_lines(evaluation, plan, day)
        if not lines:
            continue
        report.evaluations += 1
        if manager.email:
            with translation.override(language):
                url = settings.CTASSIST_BASE_URL + reverse(
                    "evaluations:follow_up", args=[evaluation.pk]
                )
                send_mail(
                    _("Evaluation follow-up: %(title)s") % {"title": evaluation.title[:120]},
                    "\n".join([*lines, "", url]),
                    None,
                    [manager.email],
                )
            report.emails += 1
        Evaluation.objects.filter(pk=evaluation.pk).update(reminded_on=day)
    return report
