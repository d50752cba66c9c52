"""The taxonomy: crime types and cross-cutting issues loaded from data/taxonomy.csv (terms an
editor changed keep the editor's text), and edited by editors, audited and versioned."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.db import transaction

from ctassist.core.access import can_edit_reference_data
from ctassist.core.audit import Actor
from ctassist.core.errors import PermissionDenied
from ctassist.core.services import record_update
from ctassist.core.setup import Progress
from ctassist.library.models import Term
from ctassist.library.services.importing import DATA_DIR
from ctassist.treaties.models import Instrument


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def taxonomy_load(*, progress: Progress | None = None) -> int:
    """The crime types and cross-cutting issues (data/taxonomy.csv). Terms an editor changed
    (version > 1) keep the editor's text."""
    instruments = {i.code: i for i in Instrument.objects.all()}
    rows = _csv(DATA_DIR / "taxonomy.csv")
    for row in rows:
        existing = Term.objects.filter(scheme=row["scheme"], code=row["code"]).first()
        if existing is not None and existing.version > 1:
            continue
        Term.objects.update_or_create(
            scheme=row["scheme"],
            code=row["code"],
            defaults={
                "instrument": instruments.get(row["instrument_id"]),
                **{f"name_{s}": row[f"name_{s}"] for s in ("ar", "zh", "en", "fr", "ru", "es")},
            },
        )
        if progress:
            progress(1, len(rows))
    return len(rows)


TERM_FIELDS = (
    "name_ar",
    "name_zh",
    "name_en",
    "name_fr",
    "name_ru",
    "name_es",
    "parent",
    "instrument",
)


def term_save(
    *, actor: Actor, term: Term, expected_version: int | None, changes: dict[str, Any]
) -> Term:
    """Create or edit a taxonomy term (editors). Audited; a stale version conflicts."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied("Only editors and administrators can change the taxonomy.")
    if term.pk is None:
        for name, value in changes.items():
            setattr(term, name, value)
        from ctassist.core.services import record_create

        return record_create(actor=actor, instance=term, note="taxonomy")
    return record_update(
        actor=actor,
        instance=term,
        expected_version=expected_version or term.version,
        changes={k: v for k, v in changes.items() if k in TERM_FIELDS},
        note="taxonomy",
    )
