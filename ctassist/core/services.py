"""Generic writes every app's services build on: create, versioned update, delete — each atomic
and audited. App services validate their own rules, then call these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core.audit import Actor, audit_write, record_snapshot
from ctassist.core.errors import BrokenRule, ConflictError, FieldProblem, InvalidInput
from ctassist.core.models import AuditEntry, VersionedModel

M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=VersionedModel)


# Model validation that compares with stored rows or across fields: rules no schema can state.
_RULE_CODES = frozenset(
    {"unique", "unique_together", "unique_for_date", "constraint_violated", "constraint"}
)


def invalid_from_validation_error(error: ValidationError) -> InvalidInput:
    codes = (
        {item.code for item in error.error_list}
        if not hasattr(error, "error_dict")
        else {item.code for items in error.error_dict.values() for item in items}
    )
    problems = (
        [
            FieldProblem(field=name, message=str(message))
            for name, messages in error.message_dict.items()
            for message in messages
        ]
        if hasattr(error, "error_dict")
        else [FieldProblem(field="__all__", message=m) for m in error.messages]
    )
    summary = "; ".join(f"{p.field}: {p.message}" for p in problems)
    kind = BrokenRule if codes and codes <= _RULE_CODES else InvalidInput
    return kind(f"Invalid input — {summary}", problems=problems)


def _full_clean(instance: models.Model) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise invalid_from_validation_error(error) from None


def fields_known(given: Iterable[str], allowed: Iterable[str]) -> None:
    """Refuse any field a service does not change (a typo in an API call must not pass)."""
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise InvalidInput(
            _("Unknown fields."), problems=[FieldProblem(name, "unknown") for name in unknown]
        )


def record_create(*, actor: Actor, instance: M, note: str = "") -> M:
    """Validate and save a new record, with its audit entry, in one transaction."""
    _full_clean(instance)
    with transaction.atomic():
        instance.save()
        audit_write(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            instance=instance,
            after=record_snapshot(instance),
            note=note,
        )
    return instance


def record_update(
    *, actor: Actor, instance: V, expected_version: int, changes: dict[str, Any], note: str = ""
) -> V:
    """Apply `changes` if the stored version is still `expected_version`; else ConflictError.

    The check and the write are one UPDATE ... WHERE version = expected, so two concurrent
    editors can never both succeed.
    """
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().filter(pk=instance.pk).first()
        if current is None:
            raise ConflictError(
                model=str(model._meta.verbose_name),
                pk=instance.pk,
                expected_version=expected_version,
                current_version=None,
            )
        before = record_snapshot(current)
        for name, value in changes.items():
            setattr(current, name, value)
        _full_clean(current)
        field_values = {name: getattr(current, name) for name in changes}
        updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
            **field_values, version=F("version") + 1, updated_at=timezone.now()
        )
        if updated != 1:
            raise ConflictError(
                model=str(model._meta.verbose_name),
                pk=instance.pk,
                expected_version=expected_version,
                current_version=before.get("version"),
            )
        current.refresh_from_db()
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=current,
            before=before,
            after=record_snapshot(current),
            note=note,
        )
    return current


def record_delete(*, actor: Actor, instance: models.Model, note: str = "") -> None:
    with transaction.atomic():
        before = record_snapshot(instance)
        audit_write(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            instance=instance,
            before=before,
            note=note,
        )
        instance.delete()
