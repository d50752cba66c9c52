"""Reads of MLA requests: only the authorities of the two States party to a request see it
(users whose countries include the requesting or the requested State); reads are logged."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core.access import can_work_on_cases, country_scope, restrict_to_any_country
from ctassist.core.audit import audit_reads
from ctassist.core.errors import NotFound
from ctassist.geo.models import State
from ctassist.mla.models import (
    CentralAuthorityNotice,
    Facilitation,
    FocalPoint,
    MlaRequest,
    Network,
    RequestedStateProfile,
    TrackedRequest,
    TrackingEvent,
)


def _visible(user: Any) -> QuerySet[MlaRequest]:
    if not can_work_on_cases(user):
        return MlaRequest.objects.none()
    return restrict_to_any_country(
        MlaRequest.objects.select_related("requesting_state", "requested_state", "owner"),
        user=user,
        country_fields=("requesting_state", "requested_state"),
    )


def mla_request_list_for(*, user: Any) -> list[MlaRequest]:
    found = list(_visible(user))
    audit_reads(actor=user, instances=found, note="request list")
    return found


def mla_request_get_for(*, user: Any, request_id: int) -> MlaRequest:
    found = _visible(user).filter(pk=request_id).first()
    if found is None:
        raise NotFound(f"No request {request_id}")
    audit_reads(actor=user, instances=[found], note="request")
    return found


# --- Tracked requests ---------------------------------------------------------------------------


def _tracking_visible(user: Any) -> QuerySet[TrackedRequest]:
    """The two States party to a request see it, and so does the secretariat of a network
    that facilitates it; nobody else (not found)."""
    base = TrackedRequest.objects.select_related(
        "requesting_state", "requested_state", "owner", "facilitating_network", "request"
    )
    if not getattr(user, "is_authenticated", False):
        return base.none()
    parties = (
        restrict_to_any_country(
            base, user=user, country_fields=("requesting_state", "requested_state")
        )
        if can_work_on_cases(user)
        else base.none()
    )
    secretariat = base.filter(
        Q(facilitating_network__secretariat=user) | Q(facilitations__network__secretariat=user)
    )
    return base.filter(Q(pk__in=parties.values("pk")) | Q(pk__in=secretariat.values("pk")))


def tracking_list_for(
    *,
    user: Any,
    status: str | None = None,
    state: str | None = None,
    overdue: bool | None = None,
    direction: str | None = None,
    today: dt.date | None = None,
) -> list[TrackedRequest]:
    """Tracked requests the user may see, filtered by status, by a State party to them, by
    whether they are overdue (deadline passed, not closed) and by direction (outgoing: sent by a
    State in the user's scope; incoming: received by one). Each row gets `direction` as seen by
    the user. Reads are logged."""
    today = today or timezone.localdate()
    found = _tracking_visible(user)
    scope = country_scope(user)
    if direction == "outgoing" and scope is not None:
        found = found.filter(requesting_state__code__in=scope)
    elif direction == "incoming" and scope is not None:
        found = found.filter(requested_state__code__in=scope)
    if status:
        found = found.filter(status=status)
    if state:
        found = found.filter(Q(requesting_state__code=state) | Q(requested_state__code=state))
    late = Q(deadline__lt=today) & ~Q(status__in=TrackedRequest.CLOSED)
    if overdue is True:
        found = found.filter(late)
    elif overdue is False:
        found = found.exclude(late)
    rows = list(found)
    for row in rows:
        row.direction = tracking_direction(scope, row)
    audit_reads(actor=user, instances=rows, note="tracking list")
    return rows


def tracking_direction(scope: frozenset[str] | None, tracked: TrackedRequest) -> str:
    """ "outgoing" when the user works for the requesting State, "incoming" for the requested
    one, "" for admins and network secretariats."""
    if scope is None:
        return ""
    if tracked.requesting_state.code in scope:
        return "outgoing"
    if tracked.requested_state.code in scope:
        return "incoming"
    return ""


def tracking_get_for(*, user: Any, tracked_id: int) -> TrackedRequest:
    found = _tracking_visible(user).filter(pk=tracked_id).first()
    if found is None:
        raise NotFound(f"No tracked request {tracked_id}")
    audit_reads(actor=user, instances=[found], note="tracked request")
    return found


def tracking_for_request(*, user: Any, request: MlaRequest) -> TrackedRequest | None:
    """The tracking of a request drafted in the writer, if any (the caller already sees the
    request, so the parties' rule is met)."""
    return _tracking_visible(user).filter(request=request).first()


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    source: str  # "event" or "facilitation"
    kind: str
    label: str
    note: str
    status_after: str
    status_label: str
    network: str
    recorded_by: str


def tracking_timeline(tracked: TrackedRequest) -> list[TimelineEntry]:
    """Every exchange and every facilitation by a network, in date order."""
    entries = [
        TimelineEntry(
            on=e.on,
            source="event",
            kind=e.kind,
            label=str(e.get_kind_display()),
            note=e.note,
            status_after=e.status_after,
            status_label=str(e.get_status_after_display()),
            network="",
            recorded_by=e.recorded_by.username if e.recorded_by else "",
        )
        for e in TrackingEvent.objects.filter(tracked=tracked).select_related("recorded_by")
    ]
    entries += [
        TimelineEntry(
            on=f.on,
            source="facilitation",
            kind=f.action,
            label=str(f.get_action_display()),
            note=f.note,
            status_after="",
            status_label="",
            network=f.network.name,
            recorded_by=f.recorded_by.username if f.recorded_by else "",
        )
        for f in Facilitation.objects.filter(tracked=tracked).select_related(
            "network", "recorded_by"
        )
    ]
    return sorted(entries, key=lambda entry: entry.on)


# --- Networks -----------------------------------------------------------------------------------


def network_names() -> dict[str, str]:
    """Each network's name by its code (networks are public: who they are is no secret)."""
    return dict(Network.objects.values_list("code", "name"))


def network_list_for(*, user: Any) -> list[Network]:
    """Networks and their member States, for practitioners and secretariats."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Network.objects.prefetch_related("members"))


def network_get_for(*, user: Any, code: str) -> Network:
    if not getattr(user, "is_authenticated", False):
        raise NotFound(f"No network {code}")
    found = Network.objects.prefetch_related("members", "secretariat").filter(code=code).first()
    if found is None:
        raise NotFound(f"No network {code}")
    return found


def focal_points_for(
    *, user: Any, network: Network, current_only: bool = False
) -> list[FocalPoint]:
    """A network's focal points (personal data: reads are logged); with history by default."""
    if not getattr(user, "is_authenticated", False):
        return []
    found = FocalPoint.objects.filter(network=network).select_related("state", "user")
    if current_only:
        found = found.filter(end__isnull=True)
    rows = list(found)
    audit_reads(actor=user, instances=rows, note=f"focal points {network.code}")
    return rows


@dataclass(frozen=True)
class MlaStatistics:
    """Requests facilitated by networks in a period (a facilitation dated in the period), for
    the periodic report: "facilitated N requests"."""

    date_from: dt.date
    date_to: dt.date
    network: str | None
    requests_facilitated: int
    by_status: dict[str, int] = field(default_factory=dict)
    by_state: dict[str, int] = field(default_factory=dict)
    by_network: dict[str, int] = field(default_factory=dict)
    executed: int = 0
    median_days_sent_to_executed: float | None = None


def mla_statistics(
    *,
    date_from: dt.date,
    date_to: dt.date,
    network: Network | str | None = None,
    state: str | None = None,
) -> MlaStatistics:
    """Figures without personal data: how many requests networks facilitated in the period, by
    current status, by State party (requesting or requested), by network, and the median days
    from sending to execution of those executed."""
    facilitations = Facilitation.objects.filter(on__gte=date_from, on__lte=date_to)
    code = network.code if isinstance(network, Network) else network
    if code:
        facilitations = facilitations.filter(network__code=code)
    if state:
        facilitations = facilitations.filter(
            Q(tracked__requesting_state__code=state) | Q(tracked__requested_state__code=state)
        )
    pairs = set(facilitations.values_list("network__code", "tracked_id"))
    ids = {tracked for _, tracked in pairs}
    tracked = list(
        TrackedRequest.objects.filter(pk__in=ids).select_related(
            "requesting_state", "requested_state"
        )
    )
    by_state: Counter[str] = Counter()
    for item in tracked:
        by_state[item.requesting_state.code] += 1
        by_state[item.requested_state.code] += 1
    durations = [
        (item.executed_on - item.sent_on).days
        for item in tracked
        if item.status == TrackedRequest.Status.EXECUTED and item.sent_on and item.executed_on
    ]
    return MlaStatistics(
        date_from=date_from,
        date_to=date_to,
        network=code,
        requests_facilitated=len(tracked),
        by_status=dict(sorted(Counter(item.status for item in tracked).items())),
        by_state=dict(sorted(by_state.items())),
        by_network=dict(sorted(Counter(net for net, _ in pairs).items())),
        executed=len(durations),
        median_days_sent_to_executed=float(statistics.median(durations)) if durations else None,
    )


# --- Central-authority notices (published: anyone may read) -------------------------------------


def _current(on: dt.date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))


@dataclass(frozen=True)
class NoticeRow:
    state: State
    cells: list[CentralAuthorityNotice | None]


@dataclass(frozen=True)
class NoticeComparison:
    on: dt.date
    topics: list[tuple[str, str]]
    rows: list[NoticeRow]


def notice_comparison(*, on: dt.date | None = None) -> NoticeComparison:
    """The notice in force on `on` (default today) per State and topic: one row per State
    that has any notice in force, one column per topic."""
    on = on or timezone.localdate()
    current = (
        CentralAuthorityNotice.objects.filter(_current(on))
        .select_related("state")
        .order_by("state__code", "topic", "-valid_from")
    )
    topics = list(CentralAuthorityNotice.Topic.choices)
    by_state: dict[str, dict[str, CentralAuthorityNotice]] = {}
    states: dict[str, State] = {}
    for notice in current:
        states[notice.state.code] = notice.state
        by_state.setdefault(notice.state.code, {}).setdefault(notice.topic, notice)
    rows = [
        NoticeRow(state=states[code], cells=[by_state[code].get(t) for t, _ in topics])
        for code in sorted(states)
    ]
    return NoticeComparison(on=on, topics=[(t, str(label)) for t, label in topics], rows=rows)


def notice_history(*, state_code: str) -> tuple[State, list[CentralAuthorityNotice]]:
    state = State.objects.filter(code=state_code).first()
    if state is None:
        raise NotFound(f"No State {state_code}")
    notices = list(
        CentralAuthorityNotice.objects.filter(state=state).order_by("-valid_from", "topic")
    )
    return state, notices


def notice_is_current(notice: CentralAuthorityNotice, on: dt.date | None = None) -> bool:
    on = on or timezone.localdate()
    return notice.valid_from <= on and (notice.valid_until is None or notice.valid_until >= on)


def tracking_table(rows: list[TrackedRequest], *, today: dt.date | None = None) -> dict[str, Any]:
    """The tracked requests already read for the user, as an export table (no personal data
    beyond the reference and the owner's user name)."""
    today = today or timezone.localdate()
    return {
        "filename": "mla-tracking",
        "columns": [
            ("reference", _("reference")),
            ("requesting_state", _("requesting State")),
            ("requested_state", _("requested State")),
            ("status", _("status")),
            ("status_date", _("status date")),
            ("sent_on", _("sent on")),
            ("deadline", _("deadline")),
            ("overdue", _("overdue")),
            ("executed_on", _("executed on")),
        ],
        "rows": [
            {
                "reference": t.reference,
                "requesting_state": t.requesting_state.code,
                "requested_state": t.requested_state.code,
                "status": t.status,
                "status_date": t.status_date.isoformat(),
                "sent_on": t.sent_on.isoformat() if t.sent_on else "",
                "deadline": t.deadline.isoformat() if t.deadline else "",
                "overdue": t.is_overdue(today),
                "executed_on": t.executed_on.isoformat() if t.executed_on else "",
            }
            for t in rows
        ],
        "note": f"As of {today.isoformat()}",
    }


def profiles_list() -> list[RequestedStateProfile]:
    """Every requested-State profile (published guidance: anyone may read)."""
    return list(RequestedStateProfile.objects.select_related("state", "verified_by"))


def profile_of(*, state_code: str) -> RequestedStateProfile | None:
    return (
        RequestedStateProfile.objects.select_related("state", "verified_by")
        .filter(state__code=state_code)
        .first()
    )
