"""Writes for geo: loading the reference data (idempotent: running it twice changes nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from ctassist.core.access import can_edit_reference_data
from ctassist.core.audit import Actor
from ctassist.core.errors import FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.services import record_update
from ctassist.core.setup import Progress
from ctassist.geo.models import Region, State, StateAlias
from ctassist.geo.reference import normalize_name, region_rows, state_rows


@dataclass
class GeoLoadReport:
    regions: int
    states: int
    aliases: int


@transaction.atomic
def geo_reference_load(*, progress: Progress | None = None) -> GeoLoadReport:
    regions: dict[str, Region] = {}
    for region_row in region_rows():
        region, _ = Region.objects.update_or_create(
            m49=region_row.m49,
            defaults={
                "level": region_row.level,
                "parent": regions.get(region_row.parent) if region_row.parent else None,
                **{f"name_{suffix}": name for suffix, name in region_row.names.items()},
            },
        )
        regions[region_row.m49] = region
    alias_count = 0
    rows = state_rows()
    seen_aliases: dict[str, str] = {}
    for row in rows:
        existing = State.objects.filter(code=row.code).first()
        if existing is not None and existing.version > 1:
            state = existing  # corrected by an editor: the edit stands over the source
        else:
            state, _ = State.objects.update_or_create(
                code=row.code,
                defaults={
                    "kind": row.kind,
                    "iso2": row.iso2,
                    "iso3": row.iso3,
                    "m49": row.m49,
                    "official_name_en": row.official_name_en,
                    "name_source": row.name_source,
                    "region": regions.get(row.region) if row.region else None,
                    "subregion": regions.get(row.subregion) if row.subregion else None,
                    "intermediate_region": (
                        regions.get(row.intermediate_region) if row.intermediate_region else None
                    ),
                    **{
                        f"name_{suffix}": row.names.get(suffix, "")
                        for suffix in ("ar", "zh", "en", "fr", "ru", "es")
                    },
                },
            )
        for alias, source in [(row.code, "code"), (row.iso2, "ISO 3166 alpha-2"), *row.aliases]:
            if not alias:
                continue
            key = normalize_name(alias)
            owner = seen_aliases.setdefault(key, row.code)
            if owner != row.code:
                raise ValueError(
                    f"geo reference: name {alias!r} would mean both {owner} and {row.code}"
                )
            StateAlias.objects.update_or_create(
                normalized=key, defaults={"state": state, "alias": alias, "source": source}
            )
            alias_count += 1
        if progress:
            progress(1, len(rows))
    return GeoLoadReport(regions=len(regions), states=len(rows), aliases=alias_count)


def geo_reference_size() -> int:
    return len(state_rows())


EDITABLE_STATE_FIELDS = (
    "name_ar",
    "name_zh",
    "name_en",
    "name_fr",
    "name_ru",
    "name_es",
    "official_name_en",
)


def state_update(
    *, actor: Actor, state: State, expected_version: int, changes: dict[str, str]
) -> State:
    """An editor corrects a State's names. Stale versions conflict (409), nothing is lost."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied("Only editors and administrators can change reference data.")
    unknown = sorted(set(changes) - set(EDITABLE_STATE_FIELDS))
    if unknown:
        raise InvalidInput(
            f"These fields cannot be changed: {', '.join(unknown)}",
            problems=[FieldProblem(name, "not editable") for name in unknown],
        )
    if "name_en" in changes and not changes["name_en"].strip():
        raise InvalidInput(
            "The English name is required", problems=[FieldProblem("name_en", "is required")]
        )
    return record_update(
        actor=actor,
        instance=state,
        expected_version=expected_version,
        changes=changes,
        note="reference data correction",
    )
