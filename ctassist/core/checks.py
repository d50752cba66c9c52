"""What a completeness check reports: problems with a field path, a severity and a message.

Shared by every check that advises a drafter before a document leaves (the MLA request check,
the e-evidence request check), so that pages, API and CLI show problems one way.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Problem:
    field: str
    severity: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "severity": self.severity, "message": self.message}
