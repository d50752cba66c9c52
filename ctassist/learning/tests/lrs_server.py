"""A Learning Record Store for the tests: a real HTTP server on loopback that takes
`POST /xapi/statements` as the xAPI 1.0.3 specification (Part Three) says an LRS does — the
version header, Basic authentication, a statement or a list, an id already held with the same
content accepted again, with other content refused (409) — and can be told to be down."""

from __future__ import annotations

import base64
import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

USERNAME, PASSWORD = "ctassist", "lrs-secret"


@dataclass
class RecordStore:
    url: str = ""
    stored: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: int = 0
    fail_with: int = 0  # answer every request with this status while non-zero
    refuse_verb: str = ""  # answer 400 to a request holding a statement with this verb id
    problems: list[str] = field(default_factory=list)  # protocol faults the LRS saw

    def statements(self) -> list[dict[str, Any]]:
        return list(self.stored.values())


@contextmanager
def record_store() -> Iterator[RecordStore]:
    lrs = RecordStore()
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def _answer(self, status: int, body: Any = None) -> None:
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Experience-API-Version", "1.0.3")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            with lock:
                lrs.requests += 1
                if self.path != "/xapi/statements":
                    self._answer(404, {"error": "no such resource"})
                    return
                if lrs.fail_with:
                    self._answer(lrs.fail_with, {"error": "unavailable"})
                    return
                if self.headers.get("X-Experience-API-Version") != "1.0.3":
                    lrs.problems.append("missing version header")
                    self._answer(400, {"error": "X-Experience-API-Version"})
                    return
                expected = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
                if self.headers.get("Authorization") != f"Basic {expected}":
                    self._answer(401, {"error": "unauthorised"})
                    return
                body = json.loads(raw)
                batch = body if isinstance(body, list) else [body]
                if lrs.refuse_verb and any(s["verb"]["id"] == lrs.refuse_verb for s in batch):
                    self._answer(400, {"error": "statement refused"})
                    return
                for statement in batch:
                    held = lrs.stored.get(statement["id"])
                    if held is not None and held != statement:
                        self._answer(409, {"error": f"conflict on {statement['id']}"})
                        return
                for statement in batch:
                    lrs.stored[statement["id"]] = statement
                self._answer(200, [statement["id"] for statement in batch])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    lrs.url = f"http://127.0.0.1:{server.server_address[1]}/xapi"
    try:
        yield lrs
    finally:
        server.shutdown()
        server.server_close()
