"""The EDIFACT envelope shared by PAXLST and PNRGOV: UNB/UNZ (interchange), UNG/UNE (group),
UNH/UNT (message), and the control checks carriers often get wrong (segment counts,
references), which are reported as problems and never stop the reading."""

from __future__ import annotations

import datetime as dt

from ctassist.travel.edifact import Segment, yymmdd_hhmm
from ctassist.travel.records import Envelope, Problem

SERVICE_TAGS = frozenset({"UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"})


def message_version(message_type: str, components: tuple[str, ...]) -> str:
    """UNH S009 to our notation: PAXLST D:05B → "D05B"; PNRGOV 10:1 → "10.1"."""
    version = components[1] if len(components) > 1 else ""
    release = components[2] if len(components) > 2 else ""
    if message_type == "PAXLST" or version.upper() == "D":
        return f"{version}{release}".upper()
    return f"{version}.{release}" if release else version


class EnvelopeReader:
    """Feed it every service segment in order; it fills the `Envelope` of the first message and
    appends a problem for each control that does not hold."""

    def __init__(self, problems: list[Problem]) -> None:
        self.envelope = Envelope()
        self.problems = problems
        self._interchange: Segment | None = None
        self._group: Segment | None = None
        self._message: Segment | None = None
        self._message_start = 0
        self._messages_in_interchange = 0
        self._groups_in_interchange = 0
        self._messages_in_group = 0
        self.messages = 0

    def _problem(self, segment: Segment, message: str) -> None:
        self.problems.append(Problem(segment.number, message))

    def read(self, segment: Segment, segment_index: int) -> None:
        """`segment_index` is the segment's position in the tokenized list (for UNT counts)."""
        getattr(self, f"_{segment.tag.lower()}")(segment, segment_index)

    def _unb(self, segment: Segment, _index: int) -> None:
        if self._interchange is not None:
            self._problem(segment, "a second UNB before the first interchange ended")
        self._interchange = segment
        envelope = self.envelope
        envelope.sender = envelope.sender or segment.value(1)
        envelope.recipient = envelope.recipient or segment.value(2)
        envelope.interchange_reference = envelope.interchange_reference or segment.value(4)
        if envelope.prepared_at is None and segment.value(3):
            try:
                envelope.prepared_at = yymmdd_hhmm(segment.value(3), segment.value(3, 1))
            except ValueError:
                self._problem(segment, f"UNB date {segment.value(3)!r} is not a date")

    def _ung(self, segment: Segment, _index: int) -> None:
        self._group = segment
        self._groups_in_interchange += 1
        self._messages_in_group = 0

    def _unh(self, segment: Segment, index: int) -> None:
        if self._message is not None:
            self._problem(segment, "a UNH before the previous message's UNT")
        self._message = segment
        self._message_start = index
        self._messages_in_interchange += 1
        self._messages_in_group += 1
        self.messages += 1
        if not self.envelope.message_type:
            message_type = segment.value(1).upper()
            self.envelope.message_reference = segment.value(0)
            self.envelope.message_type = message_type
            self.envelope.message_version = message_version(message_type, segment.components(1))

    def _unt(self, segment: Segment, index: int) -> None:
        if self._message is None:
            self._problem(segment, "UNT without a UNH")
            return
        held = index - self._message_start + 1
        declared = segment.value(0)
        if not declared.isdigit() or int(declared) != held:
            self._problem(
                segment,
                f"UNT says the message has {declared or 'no number of'} segments; "
                f"it has {held} (UNH to UNT)",
            )
        reference = segment.value(1)
        if reference != self._message.value(0):
            self._problem(
                segment,
                f"UNT message reference {reference or '(none)'!r} is not the UNH's "
                f"{self._message.value(0)!r}",
            )
        self._message = None

    def _une(self, segment: Segment, _index: int) -> None:
        if self._group is None:
            self._problem(segment, "UNE without a UNG")
            return
        self._control(segment, "UNE", "messages", self._messages_in_group, self._group.value(4))
        self._group = None

    def _unz(self, segment: Segment, _index: int) -> None:
        if self._interchange is None:
            self._problem(segment, "UNZ without a UNB")
            return
        units = self._groups_in_interchange or self._messages_in_interchange
        kind = "groups" if self._groups_in_interchange else "messages"
        self._control(segment, "UNZ", kind, units, self._interchange.value(4))
        self._interchange = None

    def _control(self, segment: Segment, tag: str, kind: str, held: int, opening: str) -> None:
        declared = segment.value(0)
        if not declared.isdigit() or int(declared) != held:
            self._problem(segment, f"{tag} counts {declared or 'no'} {kind}; there are {held}")
        if segment.value(1) != opening:
            opener = "UNG" if tag == "UNE" else "UNB"
            self._problem(
                segment,
                f"{tag} control reference {segment.value(1) or '(none)'!r} is not the "
                f"{opener}'s {opening!r}",
            )

    def finish(self, last: Segment) -> None:
        """After the last segment: what was opened and never closed."""
        for opened, closer in ((self._message, "UNT"), (self._group, "UNE")):
            if opened is not None:
                self._problem(last, f"the {opened.tag} of segment {opened.number} has no {closer}")
        if self._interchange is not None:
            self._problem(last, f"the UNB of segment {self._interchange.number} has no UNZ")

    @property
    def reference_year(self) -> int:
        """For two-digit years of birth: the year the message was prepared, else this year."""
        if self.envelope.prepared_at is not None:
            return self.envelope.prepared_at.year
        return dt.datetime.now(dt.UTC).year
