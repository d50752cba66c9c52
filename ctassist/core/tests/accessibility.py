"""axe-core (the copy shipped by axe-playwright-python) run on a Playwright page: the rules of
WCAG 2.0–2.2 A/AA and axe's best practices; each violation as "rule: target"."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
_axe = Axe()


def axe_violations(page: Any) -> list[str]:
    results = _axe.run(page, options=RULES)
    return [
        f"{violation['id']}: {' '.join(str(t) for t in node['target'])}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]
