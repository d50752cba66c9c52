"""The one entry point for a travel message, whatever form it arrives in: `message_read`, with
`kind_detect` (which reader) and `message_digest` (the same message sent twice is recognised).
"""

from __future__ import annotations

import hashlib
import re

from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.travel.edifact import segments_read
from ctassist.travel.manifest import manifest_csv_read, manifest_json_read
from ctassist.travel.paxlst import paxlst_read
from ctassist.travel.pnrgov import pnrgov_read
from ctassist.travel.records import ReadMessage

KINDS = ("PAXLST", "PNRGOV", "JSON", "CSV")
_EDIFACT_START = (b"UNA", b"UNB", b"UNH")
_MESSAGE_TYPE = re.compile(rb"UNH.{1,40}?(PAXLST|PNRGOV)", re.DOTALL)
_LEADING = b" \t\r\n\xef\xbb\xbf"


def kind_detect(raw: bytes) -> str:
    """ "PAXLST", "PNRGOV", "JSON" or "CSV", from the first bytes (a UTF-8 byte-order mark and
    leading whitespace skipped). Raises InvalidInput for anything else."""
    head = raw.lstrip(_LEADING)
    if head.startswith(_EDIFACT_START):
        found = _MESSAGE_TYPE.search(head[:4096])
        if found is None:
            raise InvalidInput(
                "An EDIFACT interchange, but not a PAXLST or PNRGOV message",
                problems=[FieldProblem(field="segment", message="no UNH PAXLST or PNRGOV")],
            )
        return found.group(1).decode()
    if head.startswith(b"{"):
        return "JSON"
    first_line = head.split(b"\n", 1)[0].lower()
    if b"," in first_line and b"family_name" in first_line:
        return "CSV"
    raise InvalidInput(
        "Not a travel message: expected a PAXLST or PNRGOV EDIFACT interchange, or the JSON or "
        "CSV form (docs/travel.md)",
        problems=[FieldProblem(field="file", message="unknown kind", line=1)],
    )


def message_digest(raw: bytes) -> str:
    """SHA-256 (hex) of the message normalised so that a resend is recognised: byte-order mark
    and surrounding whitespace removed, line endings made LF; for EDIFACT, whose line breaks
    are never data, every line also stripped and the lines joined without breaks (a one-line
    and a wrapped copy of one message get one digest)."""
    text = raw.lstrip(_LEADING).rstrip().replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if text.startswith(_EDIFACT_START):
        text = b"".join(line.strip() for line in text.split(b"\n"))
    return hashlib.sha256(text).hexdigest()


def message_read(raw: bytes, *, name: str) -> ReadMessage:
    """Read one message (PAXLST, PNRGOV, or our JSON or CSV form). Problems the carrier made
    are in `.problems`; a file that cannot be read at all raises InvalidInput naming the
    segment (or line and field) at fault. Sensitive data never reaches the result."""
    kind = kind_detect(raw)
    digest = message_digest(raw)
    if kind == "JSON":
        return manifest_json_read(raw, name=name, digest=digest)
    if kind == "CSV":
        return manifest_csv_read(raw, name=name, digest=digest)
    tokenized = segments_read(raw)
    if not any(segment.tag == "UNH" for segment in tokenized.segments):
        first = tokenized.segments[0].number
        raise InvalidInput(
            "Not a readable EDIFACT message: there is no UNH message header",
            problems=[FieldProblem(field="segment", message="no UNH", line=first)],
        )
    if kind == "PAXLST":
        return paxlst_read(tokenized, name=name, digest=digest)
    return pnrgov_read(tokenized, name=name, digest=digest)
