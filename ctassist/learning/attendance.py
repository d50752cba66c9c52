"""A webinar's attendance from the conferencing service's participant report (CSV or XLSX; the
columns: docs/learning.md). Every row is checked and every problem given with its row and
column; nothing is written unless all rows are right.

`attendance_read` is pure: rows in, time present per person out (re-joins summed). The import
then matches people by email to the webinar's registrants, to accounts, or to guests (made for
attendees no one knows), and writes each person's attendance through `attendance_write`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.accounts.models import User
from ctassist.core.audit import Actor, audit_write
from ctassist.core.errors import BrokenRule, FieldProblem, InvalidInput
from ctassist.core.models import AuditEntry
from ctassist.learning.models import Guest, Webinar, WebinarRegistration
from ctassist.learning.services import attendance_write, guest_for, require_manager

# The column each header means (headers are read in lower case): Zoom, Teams, Webex and others.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "name (original name)", "full name", "participant", "user name", "attendee"),
    "email": ("email", "user email", "email address", "e-mail", "participant email"),
    "join": ("join time", "joined", "first join", "join", "first join time"),
    "leave": ("leave time", "left", "last leave", "leave", "last leave time"),
    "minutes": (
        "duration (minutes)",
        "duration (mins)",
        "duration",
        "minutes",
        "in-meeting duration",
        "time in session (minutes)",
    ),
}
COLUMN_OF = {header: column for column, headers in HEADERS.items() for header in headers}
MAX_MINUTES = 7 * 24 * 60
_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y, %I:%M:%S %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
)
_HMS = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Attendee:
    """One person in the report: time present summed over every join."""

    key: str
    name: str
    email: str
    minutes: int
    rows: tuple[int, ...]


@dataclass
class AttendanceReport:
    people: int = 0
    attended: int = 0
    guests_created: int = 0
    problems: list[FieldProblem] = field(default_factory=list)


def _moment(text: str) -> dt.datetime | None:
    text = text.strip()
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
        for pattern in _TIME_FORMATS:
            try:
                moment = dt.datetime.strptime(text, pattern)  # noqa: DTZ007 (made aware below)
                break
            except ValueError:
                continue
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _minutes(text: str) -> float | None:
    """ "42", "42.5", "1h 2m 3s", "62 min"."""
    text = text.strip().lower()
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        match = _HMS.match(text)
        if not match or not any(match.groups()):
            return None
        hours, minutes, seconds = (int(g or 0) for g in match.groups())
        value = hours * 60 + minutes + seconds / 60
    if value != value or value < 0 or value > MAX_MINUTES:  # NaN, negative, absurd
        return None
    return value


def attendance_read(rows: Iterable[tuple[int, dict[str, str]]]) -> list[Attendee]:
    """Time present per person (by email, else by name). Raises InvalidInput listing every
    problem with its row and column."""
    problems: list[FieldProblem] = []
    totals: dict[str, tuple[str, str, float, list[int]]] = {}
    seen_header = False
    for number, raw in rows:
        cells: dict[str, str] = {}
        for header, value in raw.items():
            column = COLUMN_OF.get(header.strip().lower())
            if column is not None and not cells.get(column):
                cells[column] = (value or "").strip()
        if not seen_header:
            seen_header = True
            if "name" not in cells and "email" not in cells:
                problems.append(FieldProblem("name", _("no name or email column"), number))
            if "minutes" not in cells and not ("join" in cells and "leave" in cells):
                problems.append(
                    FieldProblem("duration", _("no duration, nor join and leave times"), number)
                )
            if problems:
                break
        name, email = cells.get("name", ""), cells.get("email", "").lower()
        if not name and not email:
            problems.append(FieldProblem("name", _("a name or an email is required"), number))
        if email and not _EMAIL.match(email):
            problems.append(FieldProblem("email", _("not an email address"), number))
        minutes: float | None = None
        if cells.get("minutes"):
            minutes = _minutes(cells["minutes"])
            if minutes is None:
                problems.append(FieldProblem("duration", _("not a number of minutes"), number))
        else:
            joined, left = _moment(cells.get("join", "")), _moment(cells.get("leave", ""))
            if joined is None:
                problems.append(FieldProblem("join time", _("not a date and time"), number))
            if left is None:
                problems.append(FieldProblem("leave time", _("not a date and time"), number))
            if joined and left:
                if left < joined:
                    problems.append(FieldProblem("leave time", _("before the join time"), number))
                else:
                    minutes = (left - joined).total_seconds() / 60
                    if minutes > MAX_MINUTES:
                        problems.append(
                            FieldProblem("leave time", _("more than a week after joining"), number)
                        )
                        minutes = None
        if minutes is None or (not name and not email):
            continue
        key = email or "name:" + " ".join(name.split()).casefold()
        before = totals.get(key, (name, email, 0.0, []))
        totals[key] = (before[0] or name, email, before[2] + minutes, [*before[3], number])
    if not seen_header:
        problems.append(FieldProblem("file", _("the report has no rows")))
    if problems:
        raise InvalidInput(
            _("%(n)s problem(s) in the report; nothing was imported.") % {"n": len(problems)},
            problems=problems,
        )
    return [
        Attendee(key=key, name=name, email=email, minutes=round(total), rows=tuple(lines))
        for key, (name, email, total, lines) in sorted(totals.items())
    ]


def attendance_import(
    *, actor: Actor, webinar: Webinar, rows: Iterable[tuple[int, dict[str, str]]]
) -> AttendanceReport:
    """Import the participant report of a webinar that has taken place (once)."""
    require_manager(actor)
    attendees = attendance_read(rows)
    if webinar.start > timezone.now():
        raise BrokenRule(
            _("The webinar has not taken place yet."),
            problems=[FieldProblem("webinar", "not yet held")],
        )
    report = AttendanceReport()
    with transaction.atomic():
        locked = Webinar.objects.select_for_update().get(pk=webinar.pk)
        if locked.attendance_imported_at is not None:
            raise BrokenRule(
                _("The attendance of this webinar was already imported."),
                problems=[FieldProblem("webinar", "already imported")],
            )
        registrants: dict[str, User | Guest] = {}
        for registration in WebinarRegistration.objects.filter(webinar=webinar).select_related(
            "user", "guest"
        ):
            person = registration.user or registration.guest
            if person is not None and person.email:
                registrants[person.email.lower()] = person
        for attendee in attendees:
            person = registrants.get(attendee.email) if attendee.email else None
            if person is None and attendee.email:
                person = User.objects.filter(email__iexact=attendee.email).first()
            if person is None:
                known = Guest.objects.filter(email=attendee.email).exists()
                person = guest_for(full_name=attendee.name or attendee.email, email=attendee.email)
                report.guests_created += 0 if known and attendee.email else 1
            written = attendance_write(
                actor=actor, webinar=locked, person=person, minutes=attendee.minutes
            )
            report.people += 1
            report.attended += int(written.attended)
        locked.attendance_imported_at = timezone.now()
        locked.save(update_fields=["attendance_imported_at"])
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=locked,
            note=f"attendance imported: {report.people} people, {report.attended} attended",
        )
    return report
