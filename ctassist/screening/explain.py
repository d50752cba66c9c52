"""A score's explanation in the reader's language.

The matcher explains a score as data: per feature, its contribution, a reason code and the
values the reason names (`matching.types.Contribution`). Here each code gets its sentence, so
web pages, the API and the CLI word it in the language of the request (the CLI: the site's).
A code without a sentence here falls back to the matcher's English one (`matching.REASONS`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ctassist.screening.matching import REASONS

FEATURES: Mapping[str, Promise] = {
    "name": _("name"),
    "birth_date": _("date of birth"),
    "nationality": _("nationality"),
    "document": _("document"),
    "name_quality": _("quality of the listed name"),
}

# One sentence per reason code of the matcher (matching/reasons.py); the values each names are
# %(placeholders)s: "query" (what was searched), "entry" (what the list says), "pairs".
SENTENCES: Mapping[str, Promise] = {
    "name_exact": _("“%(query)s” is the listed name “%(entry)s”, part for part."),
    "name_parts": _("“%(query)s” compared with the listed name “%(entry)s”: %(pairs)s."),
    "part_exact": _("“%(query)s” is the listed “%(entry)s”."),
    "part_symbol": _(
        "“%(query)s” is the same name as the listed “%(entry)s”, in another spelling or script."
    ),
    "part_skeleton": _(
        "“%(query)s” has the consonants of the listed “%(entry)s” (a transliteration)."
    ),
    "part_phonetic": _("“%(query)s” sounds like the listed “%(entry)s”."),
    "part_typo": _("“%(query)s” differs from the listed “%(entry)s” by a letter or two."),
    "part_joined": _(
        "“%(query)s” and the listed “%(entry)s” are the same parts written together or apart."
    ),
    "part_abd_typo": _(
        "“%(query)s” is “Abdul” and the listed “%(entry)s”, with a typing error in “Abdul”."
    ),
    "name_order": _(
        "The parts come in another order than in the listed name: this counts a "
        "little against the match."
    ),
    "part_query_only": _("“%(query)s” has no counterpart in the listed name."),
    "part_entry_only": _("The listed “%(entry)s” is missing from the name searched."),
    "weak_alias": _("The list marks the alias “%(entry)s” as low quality: it counts for less."),
    "dob_same_day": _("Born %(query)s: the same day as listed (%(entry)s)."),
    "dob_same_month": _("Born %(query)s: the same month as listed (%(entry)s)."),
    "dob_within": _("Born %(query)s: within what the list gives (%(entry)s)."),
    "dob_near": _("Born %(query)s: close to, but outside, what the list gives (%(entry)s)."),
    "dob_disjoint": _("Born %(query)s: years away from what the list gives (%(entry)s)."),
    "nationality_same": _("Nationality %(query)s: one of those listed (%(entry)s)."),
    "nationality_differs": _("Nationality %(query)s: none of those listed (%(entry)s)."),
    "document_match": _("Document number %(query)s is listed (%(entry)s)."),
}
_COUNTRY_REASONS = frozenset({"nationality_same", "nationality_differs"})


def _country_names(codes: str) -> str:
    """'IQ, SY' -> the States' names in the active language (codes are never shown raw)."""
    from ctassist.geo.models import State

    wanted = [code.strip() for code in codes.split(",") if code.strip()]
    names = {s.iso2: s.name for s in State.objects.filter(iso2__in=wanted)}
    return ", ".join(names.get(code, code) for code in wanted)


def feature_label(feature: str) -> str:
    return str(FEATURES.get(feature, feature))


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def contribution_detail(item: Mapping[str, Any]) -> str:
    """One stored contribution ({"feature", "score", "reason", "values"}) as a sentence."""
    reason = str(item.get("reason", ""))
    values = _Values({k: str(v) for k, v in (item.get("values") or {}).items()})
    if reason in _COUNTRY_REASONS:
        for key in ("query", "entry"):
            values[key] = _country_names(values[key])
    template: Promise | str | None = SENTENCES.get(reason)
    if template is None:
        template = REASONS.get(reason, reason)
    try:
        return str(template) % values
    except (KeyError, ValueError, TypeError):
        return str(template)


def explanation_out(
    items: Sequence[Mapping[str, Any]], *, labelled: bool = False
) -> list[dict[str, Any]]:
    """The contract's shape: [{"feature", "score", "detail"}], detail in the active language;
    `labelled` adds the feature's name for pages ("feature_label")."""
    out = []
    for item in items:
        line = {
            "feature": str(item.get("feature", "")),
            "score": item.get("score", 0.0),
            "detail": contribution_detail(item),
        }
        if labelled:
            line["feature_label"] = feature_label(line["feature"])
        out.append(line)
    return out
