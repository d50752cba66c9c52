"""Writing the audit trail. Services call these; nothing else writes AuditEntry."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

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


def audit_create_prepare(instance: models.Model) -> tuple[str, str]:
    """What the create entry of a record not yet saved will say, worked out before any write
    transaction: (text representation, snapshot as JSON without the primary key). Importers
    pass these to `audit_creates_written` once the rows have their keys."""
    snapshot = record_snapshot(instance)
    snapshot.pop(instance._meta.pk.attname, None)
    personal = getattr(instance, "audit_reads", False)
    return ("" if personal else str(instance)[:200], json.dumps(snapshot))


def audit_creates_written(
    *,
    actor: Actor,
    model: type[models.Model],
    created: list[tuple[Any, tuple[str, str]]],
    note: str = "",
) -> int:
    """One create entry per (primary key, audit_create_prepare(...)) pair, in one plain
    statement: the same entries as audit_creates, at a cost that keeps a bulk import's write
    transaction short."""
    if not created:
        return 0
    fields = _actor_fields(actor)
    actor_id = fields["actor"].pk if fields["actor"] is not None else None
    at = AuditEntry._meta.get_field("at").get_db_prep_save(timezone.now(), connection)
    pk_name = model._meta.pk.attname
    json_value = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    rows = []
    for pk, (text, snapshot) in created:
        rest = snapshot[1:] if snapshot == "{}" else ", " + snapshot[1:]
        after = "{" + json.dumps(pk_name) + ": " + json.dumps(_json_value(pk)) + rest
        rows.append(
            (
                at,
                actor_id,
                fields["actor_label"],
                AuditEntry.Action.CREATE.value,
                model._meta.label_lower,
                str(pk),
                text,
                after,
                note[:300],
            )
        )
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (at, actor_id, actor_label, action, model, object_pk, "  # noqa: S608 (names from the model)
            f"object_repr, before, after, note) "
            f"VALUES (%s, %s, %s, %s, %s, %s, %s, NULL, {json_value}, %s)",
            rows,
        )
    return len(rows)
