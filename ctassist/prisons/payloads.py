"""JSON shapes of prison records, shared by the API and the CLI."""

from __future__ import annotations

from typing import Any

from ctassist.prisons.models import Assessment, Cell, Prisoner


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def prisoner_out(p: Prisoner) -> dict[str, Any]:
    return {
        "id": p.pk,
        "version": p.version,
        "prison": p.prison.code,
        "number": p.number,
        "full_name": p.full_name,
        "sex": p.sex,
        "date_of_birth": _day(p.date_of_birth),
        "nationality": p.nationality.code if p.nationality_id and p.nationality else None,
        "admitted_on": _day(p.admitted_on),
        "released_on": _day(p.released_on),
        "level": p.level or None,
        "review_due": _day(p.review_due),
        "review_trigger": p.review_trigger or None,
        "illustrative": p.illustrative,
    }


def cell_out(c: Cell) -> dict[str, Any]:
    return {
        "id": c.pk,
        "unit": c.unit.code,
        "cell": c.code,
        "capacity": c.capacity,
        "security_level": c.unit.security_level,
        "holds": c.unit.holds,
        "allows_high_risk": c.unit.allows_high_risk,
    }


def assessment_out(a: Assessment, *, ratings: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": a.pk,
        "version": a.version,
        "prisoner": a.prisoner_id,
        "instrument": f"{a.instrument.code} v{a.instrument.number}",
        "trigger": a.trigger,
        "status": a.status,
        "assessed_on": _day(a.assessed_on),
        "suggested_level": a.suggested_level,
        "level": a.level,
        "override_reason": a.override_reason,
        "next_review_on": _day(a.next_review_on),
        "reviewed_on": _day(a.reviewed_on),
        "review_reason": a.review_reason,
        "needs": sorted(n.kind for n in a.needs.all()),
    }
    if ratings:
        data["ratings"] = [
            {
                "item": f"{r.item.domain.code}.{r.item.code}",
                "value": r.value,
                "evidence": r.evidence,
                "source": r.source,
            }
            for r in a.ratings.select_related("item__domain")
        ]
    return data
