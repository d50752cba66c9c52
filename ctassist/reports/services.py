"""Writes of staff-written highlight paragraphs (audited, versioned)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ctassist.core.access import Role, has_role_at_least
from ctassist.core.audit import Actor
from ctassist.core.errors import PermissionDenied
from ctassist.core.services import record_create, record_update
from ctassist.geo.models import Region
from ctassist.reports.models import Highlight


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
