"""Talking to a Learning Record Store: POST statements to its `statements` resource, as the xAPI
1.0.3 specification's Part Three says (the version header, Basic authentication, JSON).

Pure transport: no database. What the answer means for the queue (sent, try again later, refused
for good) is decided by `outbox.py`.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from ctassist.learning.standards.xapi import XAPI_VERSION

MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Lrs:
    """Where statements go: the LRS's xAPI endpoint (the `statements` resource is appended) and
    the Basic credentials it issued to this platform."""

    endpoint: str
    username: str = ""
    password: str = ""
    timeout: float = 20.0

    @property
    def statements_url(self) -> str:
        return self.endpoint.rstrip("/") + "/statements"


@dataclass(frozen=True)
class LrsAnswer:
    """`status` is the HTTP status, or 0 when no answer came (refused connection, timeout)."""

    status: int
    detail: str = ""

    @property
    def stored(self) -> bool:
        return 200 <= self.status < 300

    @property
    def refused_for_good(self) -> bool:
        """The LRS read the statements and will never accept them as they are: a malformed
        statement (400) or an id it holds with other content (409). Authentication failures and
        server errors are not: they pass when the LRS or its configuration is mended."""
        return self.status in (400, 409, 413)


def statements_post(statements: list[dict[str, Any]], *, lrs: Lrs) -> LrsAnswer:
    body = json.dumps(statements, ensure_ascii=False).encode("utf-8")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "X-Experience-API-Version": XAPI_VERSION,
        "User-Agent": "ctassist learning",
    }
    if lrs.username or lrs.password:
        token = base64.b64encode(f"{lrs.username}:{lrs.password}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    request = urllib.request.Request(  # noqa: S310 — the URL is the operator's LRS setting
        lrs.statements_url, data=body, headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=lrs.timeout) as answer:  # noqa: S310
            answer.read(MAX_ANSWER_BYTES)
            return LrsAnswer(answer.status)
    except urllib.error.HTTPError as error:
        detail = error.read(MAX_ANSWER_BYTES).decode("utf-8", "replace")
        return LrsAnswer(error.code, _first_line(detail) or error.reason)
    except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        return LrsAnswer(0, _first_line(str(reason)) or type(error).__name__)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:300] if text.strip() else ""
