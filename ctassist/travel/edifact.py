"""A small UN/EDIFACT tokenizer for PAXLST and PNRGOV (ISO 9735 syntax levels A/B, versions 3
and 4), and the EDIFACT date forms those messages use. Why our own and not pydifact: docs/adr/0021.

What it honours:
- the UNA service string advice (component, element, decimal mark, release character, the
  reserved/repetition character, segment terminator); without UNA, ISO 9735's defaults
  ``:+.? '``;
- whitespace before the first segment and between segments (after each terminator), line breaks
  anywhere outside data (carriers wrap segments), one-line files;
- the release character: ``?+`` is a literal ``+``; a release character in the UNA of a space
  means "none".

What it does not do: the repetition separator of syntax version 4 is kept in the value (no
PAXLST/PNRGOV element repeats, and senders use ``*`` as a plain character in party names such
as ``APIS*ABE``).

Numbering: segments are numbered from 1 in the order of the file, counting the UNA when there
is one (so UNB is segment 2 after a UNA, 1 without). The number is what every `Problem` and
every refusal names, together with the line the segment starts on.

Refused (`InvalidInput`, field "segment", `line` = the segment number): a file with no segment,
an unusable UNA, a segment whose tag is not three letters. Everything else is read, and what
looks wrong is reported as a `Problem`: a tag with spaces around it (``UNG ``), text after the
last terminator, a release character at the very end.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.travel.records import Problem


@dataclass(frozen=True)
class ServiceChars:
    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"  # " " means no release character
    reserved: str = " "
    terminator: str = "'"

    @property
    def una(self) -> str:
        return (
            "UNA"
            + self.component
            + self.element
            + self.decimal
            + self.release
            + self.reserved
            + self.terminator
        )

    @property
    def releases(self) -> bool:
        return self.release != " "


DEFAULT_SERVICE = ServiceChars()
_TAG = re.compile(r"[A-Z]{3}")
_SPACES = " \t\r\n"


@dataclass(frozen=True)
class Segment:
    """A segment: its tag, its data elements (each a tuple of components, the tag excluded), its
    number in the file (1-based, UNA included) and the line it starts on (1-based)."""

    tag: str
    elements: tuple[tuple[str, ...], ...]
    number: int
    line: int

    def value(self, element: int, component: int = 0) -> str:
        """The component, stripped of surrounding spaces; "" when the segment does not have it."""
        if element >= len(self.elements):
            return ""
        components = self.elements[element]
        if component >= len(components):
            return ""
        return components[component].strip()

    def components(self, element: int) -> tuple[str, ...]:
        if element >= len(self.elements):
            return ()
        return tuple(c.strip() for c in self.elements[element])


@dataclass
class Tokenized:
    service: ServiceChars
    una_present: bool
    segments: list[Segment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _refuse(number: int, message: str) -> InvalidInput:
    return InvalidInput(
        f"Not a readable EDIFACT message: segment {number}: {message}",
        problems=[FieldProblem(field="segment", message=message, line=number)],
    )


def text_decode(raw: bytes) -> str:
    """UTF-8 when the bytes are UTF-8 (UNOW, and ASCII for UNOA/UNOB), else Latin-1 (UNOC)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.lstrip("\ufeff")


def _una_read(text: str) -> ServiceChars:
    chars = text[3:9]
    if len(chars) < 6:
        raise _refuse(1, "the UNA service string advice is cut short (it needs six characters)")
    service = ServiceChars(*chars)
    functional = [service.component, service.element, service.terminator]
    if service.releases:
        functional.append(service.release)
    if len(set(functional)) != len(functional):
        raise _refuse(1, f"the UNA {chars!r} uses one character for two purposes")
    if any(c.isalnum() or c in "\r\n\t" for c in functional):
        raise _refuse(1, f"the UNA {chars!r} uses a letter, digit or line break as a separator")
    if service.decimal not in ".,":
        raise _refuse(1, f"the UNA decimal mark {service.decimal!r} is neither '.' nor ','")
    return service


def _split_released(body: str, service: ServiceChars) -> tuple[tuple[str, ...], ...]:
    """Elements and components of a segment body that holds release characters."""
    elements: list[tuple[str, ...]] = []
    components: list[str] = []
    current: list[str] = []
    index, size = 0, len(body)
    while index < size:
        char = body[index]
        if char == service.release:
            index += 1
            if index < size:
                current.append(body[index])
        elif char == service.element:
            components.append("".join(current))
            elements.append(tuple(components))
            components, current = [], []
        elif char == service.component:
            components.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    components.append("".join(current))
    elements.append(tuple(components))
    return tuple(elements)


def _split(body: str, service: ServiceChars) -> tuple[tuple[str, ...], ...]:
    if service.releases and service.release in body:
        return _split_released(body, service)
    return tuple(tuple(element.split(service.component)) for element in body.split(service.element))


def _segment_pattern(service: ServiceChars) -> re.Pattern[str]:
    terminator = re.escape(service.terminator)
    if service.releases:
        release = re.escape(service.release)
        return re.compile(f"((?:[^{release}{terminator}]|{release}.)*){terminator}", re.DOTALL)
    return re.compile(f"([^{terminator}]*){terminator}", re.DOTALL)


def segments_read(raw: bytes | str) -> Tokenized:
    """The segments of an EDIFACT interchange, with problems found on the way (see the module
    docstring for what is tolerated and what is refused)."""
    text = text_decode(raw) if isinstance(raw, bytes) else raw.lstrip("\ufeff")
    start = len(text) - len(text.lstrip(_SPACES))
    line = 1 + text.count("\n", 0, start)
    service, una_present, number = DEFAULT_SERVICE, False, 0
    if text.startswith("UNA", start):
        service = _una_read(text[start:])
        una_present, number = True, 1
        line += text.count("\n", start, start + 9)
        start += 9
    result = Tokenized(service=service, una_present=una_present)
    line_breaks = "".join(c for c in "\r\n" if c != service.terminator)
    skip = "".join(c for c in _SPACES if c != service.terminator)
    position = start
    pattern = _segment_pattern(service)
    spaces = re.compile(f"[{re.escape(skip)}]*")
    while True:
        gap = spaces.match(text, position)
        if gap is not None and gap.end() > position:
            line += text.count("\n", position, gap.end())
            position = gap.end()
        if position >= len(text):
            break
        match = pattern.match(text, position)
        number += 1
        if match is None:
            rest = text[position:]
            message = f"{len(rest)} characters after the last segment terminator were ignored"
            if service.releases and rest.endswith(service.release):
                message = "the file ends on a release character; the unfinished segment was ignored"
            result.problems.append(Problem(number, message))
            break
        body = match.group(1)
        segment_line = line
        line += body.count("\n")
        if line_breaks and ("\n" in body or "\r" in body):
            for char in line_breaks:
                body = body.replace(char, "")
        elements = _split(body, service)
        raw_tag = elements[0][0]
        tag = raw_tag.strip(" \t")
        if not _TAG.fullmatch(tag):
            shown = raw_tag[:12]
            raise _refuse(number, f"{shown!r} (line {segment_line}) is not a segment tag")
        if tag != raw_tag:
            result.problems.append(
                Problem(number, f"the segment tag {raw_tag!r} has spaces around it; read as {tag}")
            )
        result.segments.append(Segment(tag, elements[1:], number, segment_line))
        position = match.end()
    if not result.segments:
        raise _refuse(max(number, 1), "the file holds no EDIFACT segment")
    return result


def _escaped(value: str, service: ServiceChars) -> str:
    special = {service.component, service.element, service.terminator, service.release}
    return "".join(service.release + c if c in special else c for c in value)


def segments_write(
    segments: Iterable[tuple[str, tuple[tuple[str, ...], ...]]],
    service: ServiceChars = DEFAULT_SERVICE,
    *,
    una: bool = True,
    newline: str = "",
) -> str:
    """The EDIFACT text of (tag, elements) pairs: the inverse of `segments_read` (used by the
    tests and the benchmark's generator). Needs a release character when values hold
    separators."""
    out = [service.una + newline] if una else []
    for tag, elements in segments:
        parts = [tag]
        for element in elements:
            parts.append(service.component.join(_escaped(c, service) for c in element))
        out.append(service.element.join(parts) + service.terminator + newline)
    return "".join(out)


# ---- EDIFACT dates -----------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}


def _year(two_digits: int, *, past: bool, reference_year: int) -> int:
    """A two-digit year: in the past (a date of birth) it is the latest century that does not
    put it after the reference year; otherwise (flights, expiry, stamps) 20YY."""
    if not past:
        return 2000 + two_digits
    century = reference_year - reference_year % 100
    year = century + two_digits
    return year if year <= reference_year else year - 100


def edifact_date(value: str, *, past: bool = False, reference_year: int = 2000) -> dt.date:
    """YYMMDD or CCYYMMDD (DTM formats 101/102). Raises ValueError when unreadable."""
    value = value.strip()
    if not _DIGITS.fullmatch(value) or len(value) not in (6, 8):
        raise ValueError(value)
    if len(value) == 8:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    year = _year(int(value[:2]), past=past, reference_year=reference_year)
    return dt.date(year, int(value[2:4]), int(value[4:6]))


def _time(value: str) -> dt.time:
    value = value.strip()
    if not _DIGITS.fullmatch(value) or len(value) not in (4, 6):
        raise ValueError(value)
    return dt.time(int(value[:2]), int(value[2:4]), int(value[4:6] or 0))


def edifact_datetime(value: str) -> dt.datetime:
    """YYMMDDHHMM or CCYYMMDDHHMM(SS) (DTM formats 201, 203, 204) as a naive local time.
    Raises ValueError when unreadable."""
    value = value.strip()
    if not _DIGITS.fullmatch(value):
        raise ValueError(value)
    if len(value) == 10:
        return dt.datetime.combine(edifact_date(value[:6]), _time(value[6:]))
    if len(value) in (12, 14):
        return dt.datetime.combine(edifact_date(value[:8]), _time(value[8:]))
    raise ValueError(value)


def dtm_read(value: str, *, past: bool = False, reference_year: int = 2000) -> dt.date:
    """A DTM date, or the date of a DTM date-time."""
    value = value.strip()
    if len(value) in (10, 12, 14):
        return edifact_datetime(value).date()
    return edifact_date(value, past=past, reference_year=reference_year)


def ddmmyy_date(value: str) -> dt.date:
    """PNRGOV dates: DDMMYY (2000s). Raises ValueError when unreadable."""
    value = value.strip()
    if not _DIGITS.fullmatch(value) or len(value) != 6:
        raise ValueError(value)
    return dt.date(2000 + int(value[4:6]), int(value[2:4]), int(value[:2]))


def ddmmyy_datetime(date: str, time: str = "") -> dt.datetime:
    """PNRGOV date DDMMYY and time HHMM (midnight when the time is absent)."""
    day = ddmmyy_date(date)
    return dt.datetime.combine(day, _time(time) if time.strip() else dt.time())


def ddmmmyy_date(value: str, *, past: bool = False, reference_year: int = 2000) -> dt.date:
    """AIRIMP dates in SSR DOCS/DOCO: 12JUL64."""
    value = value.strip().upper()
    month = _MONTHS.get(value[2:5]) if len(value) == 7 else None
    if month is None or not (value[:2].isdigit() and value[5:].isdigit()):
        raise ValueError(value)
    year = _year(int(value[5:]), past=past, reference_year=reference_year)
    return dt.date(year, month, int(value[:2]))


def yymmdd_hhmm(date: str, time: str = "") -> dt.datetime:
    """UNB date YYMMDD (or CCYYMMDD) and time HHMM."""
    day = edifact_date(date)
    return dt.datetime.combine(day, _time(time) if time.strip() else dt.time())
