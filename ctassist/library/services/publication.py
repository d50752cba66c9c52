"""The publication workflow of a record: draft → in review → published (→ withdrawn), editors
only, audited, a stale version conflicting; and the history of a record's changes."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ctassist.core.access import can_edit_reference_data
from ctassist.core.audit import Actor
from ctassist.core.errors import FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.services import record_update
from ctassist.library.models import Record

_TRANSITIONS = {
    ("draft", "review"),
    ("review", "draft"),
    ("review", "published"),
    ("published", "withdrawn"),
    ("withdrawn", "review"),
    ("draft", "published"),
}


def allowed_transitions(record: Record) -> list[str]:
    return sorted(to for frm, to in _TRANSITIONS if frm == record.status)


def record_transition(
    *, actor: Actor, record: Record, expected_version: int, to: str, note: str = ""
) -> Record:
    """Move a record through draft → in review → published (→ withdrawn). Editors only;
    audited; a stale version conflicts."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied("Only editors and administrators can change a record's status.")
    if (record.status, to) not in _TRANSITIONS:
        raise InvalidInput(
            f"A {record.status} record cannot become {to}",
            problems=[FieldProblem("status", f"not allowed from {record.status}")],
        )
    changes: dict[str, Any] = {"status": to}
    if to == Record.Status.PUBLISHED:
        changes["published_at"] = timezone.now()
    updated = record_update(
        actor=actor,
        instance=record,
        expected_version=expected_version,
        changes=changes,
        note=note or f"status → {to}",
    )
    from ctassist.library.search import search_index_records

    search_index_records(Record.objects.filter(pk=updated.pk))
    return updated


def _field_label(name: str) -> str:
    """A record field's name as editors read it ("summary", "status"), not its column name."""
    try:
        field = Record._meta.get_field(name)
    except Exception:  # a field since removed still has its history
        return name.replace("_", " ")
    return str(getattr(field, "verbose_name", name.replace("_", " ")))


def record_history(record: Record) -> list[dict[str, Any]]:
    """The audit entries of a record with the fields each change touched (editor's view)."""
    from ctassist.core.models import AuditEntry

    entries = (
        AuditEntry.objects.filter(model="library.record", object_pk=str(record.pk))
        .exclude(action="read")
        .order_by("at", "id")
    )
    history = []
    for entry in entries:
        before, after = entry.before or {}, entry.after or {}
        changed = sorted(
            k
            for k in set(before) | set(after)
            if before.get(k) != after.get(k) and k not in {"version", "updated_at"}
        )
        if entry.action == AuditEntry.Action.CREATE:
            changed = []  # a new record: every field is new, none "changed"
        history.append(
            {
                "at": entry.at,
                "actor": entry.actor_label,
                "action": AuditEntry.Action(entry.action).label
                if entry.action in AuditEntry.Action.values
                else entry.action,
                "changed": [(_field_label(k), before.get(k), after.get(k)) for k in changed],
                "note": entry.note,
            }
        )
    return history
