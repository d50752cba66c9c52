"""Words for the codes case figures are counted by (dispositions, review findings)."""

from __future__ import annotations

from django import template

from ctassist.cases.models import Charge, ReviewItem

register = template.Library()

_LABELS = {**dict(Charge.Disposition.choices), **dict(ReviewItem.Outcome.choices)}


@register.filter
def outcome_label(code: str | None) -> str:
    """`"convicted"` → "convicted" in the reader's language; an unknown code as it is."""
    if not code:
        return ""
    return str(_LABELS.get(code, code))
