"""Writing the audit trail. Services call these; nothing else writes AuditEntry."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models.fields.files import FieldFile

from ctassist.core.models import AuditEntry

Actor = AbstractBaseUser | AnonymousUser | None


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, bytes | memoryview):
        return f"<{len(value)} bytes>"
    if isinstance(value, FieldFile):
        return value.name or ""  # the stored path, never the content
    return value


def record_snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of a record, JSON-safe (foreign keys as primary keys)."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"password"}:
            data[field.name] = "<hidden>"
            continue
        data[field.attname] = _json_value(getattr(instance, field.attname))
    return data


def _actor_fields(actor: Actor) -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_label": "system" if actor is None else "anonymous"}
    return {"actor": actor, "actor_label": actor.get_username()}


def _entry(
    *,
    actor: Actor,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """An unsaved entry. Records holding personal data get no text representation in the log."""
    personal = getattr(instance, "audit_reads", False)
    return AuditEntry(
        **_actor_fields(actor),
        action=action,
        model=instance._meta.label_lower,
        object_pk=str(instance.pk),
        object_repr="" if personal else str(instance)[:200],
        before=before,
        after=after,
        note=note[:300],
    )


def audit_write(
    *,
    actor: Actor,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    entry = _entry(
        actor=actor, action=action, instance=instance, before=before, after=after, note=note
    )
    entry.save()
    return entry


def audit_reads(*, actor: Actor, instances: Iterable[models.Model], note: str = "") -> int:
    """Log that `actor` read these personal records (no content is copied into the log)."""
    entries = [
        _entry(actor=actor, action=AuditEntry.Action.READ, instance=instance, note=note)
        for instance in instances
    ]
    for entry in entries:
        entry.object_repr = ""
    AuditEntry.objects.bulk_create(entries)
    return len(entries)


def audit_creates(*, actor: Actor, instances: Iterable[models.Model], note: str = "") -> int:
    """One create entry per record saved in bulk (importers)."""
    entries = [
        _entry(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            instance=instance,
            after=record_snapshot(instance),
            note=note,
        )
        for instance in instances
    ]
    AuditEntry.objects.bulk_create(entries)
    return len(entries)
