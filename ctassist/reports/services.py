"""Writes of the periodic report: staff highlights, editors' paragraphs and the frozen final
version (audited, versioned)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from ctassist.core.access import Role, has_role_at_least
from ctassist.core.audit import Actor
from ctassist.core.errors import ConflictError, FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.services import record_create, record_update
from ctassist.geo.models import Region
from ctassist.reports.models import FrozenReport, Highlight, ParagraphEdit


def _require_staff(actor: Actor) -> None:
    if actor is not None and not has_role_at_least(actor, Role.ANALYST):
        raise PermissionDenied("Only office staff write highlights.")


def highlight_create(
    *,
    actor: Actor,
    on: dt.date,
    thematic_area: str,
    text: str,
    region: Region | None = None,
    language: str = "en",
    status: str = Highlight.Status.DRAFT,
    illustrative: bool = False,
) -> Highlight:
    _require_staff(actor)
    author: Any = actor if getattr(actor, "pk", None) else None
    return record_create(
        actor=actor,
        instance=Highlight(
            on=on,
            thematic_area=thematic_area,
            region=region,
            text=text.strip(),
            language=language,
            status=status,
            author=author,
            illustrative=illustrative,
        ),
    )


def highlight_update(
    *, actor: Actor, highlight: Highlight, expected_version: int, changes: dict[str, Any]
) -> Highlight:
    _require_staff(actor)
    if "text" in changes:
        changes["text"] = str(changes["text"]).strip()
    return record_update(
        actor=actor, instance=highlight, expected_version=expected_version, changes=changes
    )


def paragraph_edit_save(
    *,
    actor: Actor,
    start: dt.date,
    end: dt.date,
    language: str,
    key: str,
    action: str,
    text: str,
    expected_version: int | None = None,
) -> ParagraphEdit:
    """Replace the paragraph `key` of the period's report, or add one after it. A second save
    at the same place updates the first and must name its version (two editors at once:
    the second gets a conflict instead of overwriting the first)."""
    _require_staff(actor)
    if not text.strip():
        raise InvalidInput(_("The paragraph is empty."), problems=[FieldProblem("text", "empty")])
    if action not in ParagraphEdit.Action.values:
        raise InvalidInput(
            _("Replace the paragraph or add one after it."),
            problems=[FieldProblem("action", action)],
        )
    found = ParagraphEdit.objects.filter(
        start=start, end=end, language=language, key=key, action=action
    ).first()
    author: Any = actor if getattr(actor, "pk", None) else None
    if found is None:
        return record_create(
            actor=actor,
            instance=ParagraphEdit(
                start=start,
                end=end,
                language=language,
                key=key,
                action=action,
                text=text.strip(),
                author=author,
            ),
        )
    if expected_version is None:  # the editor saw no paragraph here: someone added it since
        raise ConflictError(
            model="paragraph", pk=found.pk, expected_version=0, current_version=found.version
        )
    return record_update(
        actor=actor,
        instance=found,
        expected_version=expected_version,
        changes={"text": text.strip(), "author": author},
    )


def report_freeze(*, actor: Actor, start: dt.date, end: dt.date, language: str) -> FrozenReport:
    """Freeze the period's report in `language` as it reads now, with its figures."""
    from django.utils import translation

    from ctassist.reports.document import report_build
    from ctassist.reports.editing import report_content

    _require_staff(actor)
    with translation.override(language):
        built = report_build(start, end)
    frozen_by: Any = actor if getattr(actor, "pk", None) else None
    return record_create(
        actor=actor,
        instance=FrozenReport(
            start=start,
            end=end,
            language=language,
            frozen_by=frozen_by,
            content=report_content(built.parts, built.figures),
        ),
    )
