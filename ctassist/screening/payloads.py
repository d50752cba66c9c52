"""The JSON shapes the CLI and the API share (issue 18's contracts: keep them exactly)."""

from __future__ import annotations

from typing import Any

from ctassist.screening.explain import explanation_out
from ctassist.screening.selectors import explanation_stored, versions_cited
from ctassist.screening.services import BatchLine, CheckResult, Found


def match_out(found: Found) -> dict[str, Any]:
    entry = found.match.entry
    return {
        "ref": entry.ref,
        "list": found.version.watchlist.name,
        "name": entry.caption,
        "score": round(found.match.score, 4),
        "explanation": explanation_out(explanation_stored(found.match)),
    }


def check_out(result: CheckResult) -> dict[str, Any]:
    """{"list_versions": [...], "threshold": T, "matches": [...]}, best first."""
    return {
        "list_versions": versions_cited(result.versions),
        "threshold": result.threshold,
        "matches": [match_out(found) for found in result.found],
    }


def batch_line_out(line: BatchLine) -> dict[str, Any]:
    """{"id", "matches": [{"ref", "score"}]}."""
    return {
        "id": line.external_id,
        "matches": [{"ref": f.ref, "score": round(f.match.score, 4)} for f in line.matches],
    }
