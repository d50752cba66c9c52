"""Tracking requests between two States: the status life (`EVENT_STATUS`, `TRANSITIONS`),
the dated timeline of exchanges, the help a network records (facilitation), and audited
exports. The authorities of the two States party to a request record its events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.accounts.models import User
from ctassist.core.access import Role, can_work_on_cases, country_scope, user_role
from ctassist.core.audit import Actor, audit_write
from ctassist.core.errors import (
    BrokenRule,
    ConflictError,
    FieldProblem,
    InvalidInput,
    PermissionDenied,
)
from ctassist.core.models import AuditEntry
from ctassist.core.services import fields_known, record_create, record_update
from ctassist.geo.models import State
from ctassist.mla.models import Facilitation, MlaRequest, Network, TrackedRequest, TrackingEvent
from ctassist.mla.request_format import ASSISTANCE_TYPES

Status = TrackedRequest.Status
Kind = TrackingEvent.Kind

# Which status each status-changing event leads to; the other kinds leave the status alone.
EVENT_STATUS: dict[str, str] = {
    Kind.SENT: Status.SENT,
    Kind.RECEIVED: Status.RECEIVED,
    Kind.ACKNOWLEDGED: Status.ACKNOWLEDGED,
    Kind.EXECUTION_STARTED: Status.UNDER_EXECUTION,
    Kind.PARTIAL_EXECUTION: Status.PARTIALLY_EXECUTED,
    Kind.EXECUTED: Status.EXECUTED,
    Kind.REFUSED: Status.REFUSED,
    Kind.WITHDRAWN: Status.WITHDRAWN,
}

# The status life of a request: from each status, the statuses it may move to. Executed,
# refused and withdrawn are final.
_OPEN_ENDS = {Status.REFUSED, Status.WITHDRAWN}
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SENT, Status.WITHDRAWN}),
    Status.SENT: frozenset(
        {Status.RECEIVED, Status.ACKNOWLEDGED, Status.UNDER_EXECUTION, *_OPEN_ENDS}
    ),
    Status.RECEIVED: frozenset({Status.ACKNOWLEDGED, Status.UNDER_EXECUTION, *_OPEN_ENDS}),
    Status.ACKNOWLEDGED: frozenset(
        {Status.UNDER_EXECUTION, Status.PARTIALLY_EXECUTED, Status.EXECUTED, *_OPEN_ENDS}
    ),
    Status.UNDER_EXECUTION: frozenset({Status.PARTIALLY_EXECUTED, Status.EXECUTED, *_OPEN_ENDS}),
    Status.PARTIALLY_EXECUTED: frozenset(
        {Status.PARTIALLY_EXECUTED, Status.UNDER_EXECUTION, Status.EXECUTED, *_OPEN_ENDS}
    ),
    Status.EXECUTED: frozenset(),
    Status.REFUSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

# Exchanges that need a request on its way (not a draft, not closed).
_EXCHANGES = {Kind.REMINDER, Kind.INFO_REQUESTED, Kind.INFO_PROVIDED}


def tracking_next_status(*, status: str, kind: str, note: str = "") -> str:
    """The status after an event of `kind`, or InvalidInput when the status life forbids it
    (a refusal needs its reason)."""
    if kind not in Kind.values:
        raise InvalidInput(_("Unknown kind of event."), problems=[FieldProblem("kind", kind)])
    if kind == Kind.REFUSED and not note.strip():
        raise BrokenRule(
            _("Give the reason for the refusal."),
            problems=[FieldProblem("note", _("A refusal needs its reason."))],
        )
    target = EVENT_STATUS.get(kind)
    if target is None:
        if kind in _EXCHANGES and (status == Status.DRAFT or status in TrackedRequest.CLOSED):
            raise BrokenRule(
                _("This exchange needs a request that has been sent and is not closed."),
                problems=[FieldProblem("kind", _("not possible in this status"))],
            )
        return status
    if target not in TRANSITIONS[status]:
        raise BrokenRule(
            _("A request cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Status(status).label, "to": Status(target).label},
            problems=[FieldProblem("kind", _("not allowed from the current status"))],
        )
    return target


def tracking_is_party(user: Any, tracked: TrackedRequest) -> bool:
    """Authorities of the two States party to the request (and admins) record its events."""
    if not can_work_on_cases(user):
        return False
    scope = country_scope(user)
    return scope is None or bool(
        {tracked.requesting_state.code, tracked.requested_state.code} & scope
    )


def network_is_secretariat(user: Any, network: Network | None) -> bool:
    if network is None or not getattr(user, "is_authenticated", False):
        return False
    return user_role(user) is Role.ADMIN or network.secretariat.filter(pk=user.pk).exists()


def _state(code: str | None, field: str) -> State:
    state = State.objects.filter(code=code or "").first()
    if state is None:
        raise BrokenRule(_("Unknown country."), problems=[FieldProblem(field, code or "")])
    return state


def _not_future(on: dt.date, field: str) -> None:
    if on > timezone.localdate():
        raise BrokenRule(
            _("The date cannot be in the future."), problems=[FieldProblem(field, str(on))]
        )


def tracking_create(
    *,
    actor: Actor,
    reference: str = "",
    requesting_state: str | None = None,
    requested_state: str | None = None,
    assistance_types: Iterable[str] = (),
    request: MlaRequest | None = None,
    subject: str = "",
    sent_on: dt.date | None = None,
    deadline: dt.date | None = None,
    urgent: bool = False,
    facilitating_network: Network | None = None,
) -> TrackedRequest:
    """Start tracking a request: one drafted in the writer (`request`, whose reference, States
    and types are taken) or one drafted elsewhere. With `sent_on` it starts as sent that day
    (the first event of its timeline); otherwise as a draft."""
    if request is not None:
        reference = reference or str(request.data.get("reference") or f"request-{request.pk}")
        requesting_state = request.requesting_state.code
        requested_state = request.requested_state.code if request.requested_state else None
        assistance_types = [
            str(item.get("type")) for item in request.data.get("assistance", []) if item.get("type")
        ]
        if TrackedRequest.objects.filter(request=request).exists():
            raise BrokenRule(
                _("This request is already tracked."), problems=[FieldProblem("request", "tracked")]
            )
    if not isinstance(actor, User):
        raise PermissionDenied(_("Sign in as a practitioner to track requests."))
    types = list(dict.fromkeys(assistance_types))
    problems = [FieldProblem("assistance_types", t) for t in types if t not in ASSISTANCE_TYPES]
    if problems:
        raise InvalidInput(_("The request cannot be tracked as entered."), problems=problems)
    if not reference.strip():  # given, or taken from the drafted request
        raise BrokenRule(
            _("The request cannot be tracked as entered."),
            problems=[FieldProblem("reference", _("Give the reference of the request."))],
        )
    tracked = TrackedRequest(
        request=request,
        reference=reference.strip(),
        requesting_state=_state(requesting_state, "requesting_state"),
        requested_state=_state(requested_state, "requested_state"),
        assistance_types=types,
        subject=subject,
        owner=actor,
        facilitating_network=facilitating_network,
        status=Status.SENT if sent_on else Status.DRAFT,
        status_date=sent_on or timezone.localdate(),
        sent_on=sent_on,
        deadline=deadline,
        urgent=urgent,
    )
    if facilitating_network is not None:
        _network_serves(facilitating_network, tracked)
    if not tracking_is_party(actor, tracked):
        raise BrokenRule(
            _("You can track only requests to or from a State in your scope."),
            problems=[FieldProblem("requesting_state", _("not in your scope"))],
        )
    if sent_on is not None:
        _not_future(sent_on, "sent_on")
    if tracked.requesting_state_id == tracked.requested_state_id:
        raise BrokenRule(
            _("The requesting and the requested State must differ."),
            problems=[FieldProblem("requested_state", _("same as the requesting State"))],
        )
    if TrackedRequest.objects.filter(
        requesting_state=tracked.requesting_state, reference=tracked.reference
    ).exists():
        raise BrokenRule(
            _("A request with this reference is already tracked."),
            problems=[FieldProblem("reference", _("already tracked"))],
        )
    try:
        with transaction.atomic():
            _tracking_save_new(actor, tracked, sent_on)
    except IntegrityError:  # the same reference saved meanwhile by someone else
        raise BrokenRule(
            _("A request with this reference is already tracked."),
            problems=[FieldProblem("reference", _("already tracked"))],
        ) from None
    return tracked


def _tracking_save_new(actor: User, tracked: TrackedRequest, sent_on: dt.date | None) -> None:
    record_create(actor=actor, instance=tracked)
    if sent_on is not None:
        record_create(
            actor=actor,
            instance=TrackingEvent(
                tracked=tracked,
                kind=Kind.SENT,
                on=sent_on,
                status_after=Status.SENT,
                recorded_by=actor,
            ),
        )


def tracking_event_record(
    *,
    actor: Actor,
    tracked: TrackedRequest,
    expected_version: int,
    kind: str,
    on: dt.date,
    note: str = "",
) -> TrackingEvent:
    """Record the next exchange on a request: the status moves only as TRANSITIONS allow, each
    change dated (never before the last exchange, never in the future); a stale
    version conflicts and nothing is written."""
    if not tracking_is_party(actor, tracked):
        raise PermissionDenied(_("Only the authorities of the two States record exchanges."))
    with transaction.atomic():
        current = TrackedRequest.objects.select_for_update().get(pk=tracked.pk)
        if current.version != expected_version:
            raise ConflictError(
                model=str(TrackedRequest._meta.verbose_name),
                pk=tracked.pk,
                expected_version=expected_version,
                current_version=current.version,
            )
        target = tracking_next_status(status=current.status, kind=kind, note=note)
        _not_future(on, "on")
        latest = (
            TrackingEvent.objects.filter(tracked=current)
            .order_by("-on")
            .values_list("on", flat=True)
        ).first()
        floor = max(current.status_date, latest) if latest else current.status_date
        if on < floor:
            raise BrokenRule(
                _("The date cannot precede the last exchange (%(date)s).")
                % {"date": floor.isoformat()},
                problems=[FieldProblem("on", _("before the last exchange"))],
            )
        changes: dict[str, Any] = {}
        if kind in EVENT_STATUS:
            changes = {"status": target, "status_date": on}
            if kind == Kind.SENT:
                changes["sent_on"] = on
            if kind == Kind.EXECUTED:
                changes["executed_on"] = on
            if kind == Kind.REFUSED:
                changes["refusal_reason"] = note.strip()
        record_update(
            actor=actor,
            instance=current,
            expected_version=expected_version,
            changes=changes,
            note=f"event {kind}",
        )
        event = record_create(
            actor=actor,
            instance=TrackingEvent(
                tracked=current,
                kind=kind,
                on=on,
                note=note.strip(),
                status_after=target,
                recorded_by=actor if isinstance(actor, User) else None,
            ),
        )
    tracked.refresh_from_db()
    return event


TRACKING_FIELDS = {"deadline", "urgent", "subject", "facilitating_network"}


def _network_serves(network: Network, tracked: TrackedRequest) -> None:
    """A network facilitates only requests to or from one of its member States (its secretariat
    then sees the request, so a wrong network would hand it to outsiders)."""
    members = set(network.members.values_list("pk", flat=True))
    if not members & {tracked.requesting_state_id, tracked.requested_state_id}:
        raise BrokenRule(
            _("Neither State of this request is a member of the network."),
            problems=[FieldProblem("network", "not a member State")],
        )


def tracking_update(
    *, actor: Actor, tracked: TrackedRequest, expected_version: int, changes: dict[str, Any]
) -> TrackedRequest:
    """Change the deadline, urgency, subject or facilitating network (parties only)."""
    if not tracking_is_party(actor, tracked):
        raise PermissionDenied(_("Only the authorities of the two States change a request."))
    fields_known(changes, TRACKING_FIELDS)
    if changes.get("facilitating_network") is not None:
        _network_serves(changes["facilitating_network"], tracked)
    return record_update(
        actor=actor, instance=tracked, expected_version=expected_version, changes=changes
    )


def facilitation_record(
    *,
    actor: Actor,
    tracked: TrackedRequest,
    network: Network,
    action: str,
    on: dt.date,
    note: str = "",
) -> Facilitation:
    """Record that a network helped on a request: its secretariat, or the parties, may."""
    if not (network_is_secretariat(actor, network) or tracking_is_party(actor, tracked)):
        raise PermissionDenied(_("Only the network's secretariat or the parties record this."))
    if action not in Facilitation.Action.values:
        raise InvalidInput(_("Unknown action."), problems=[FieldProblem("action", action)])
    _network_serves(network, tracked)
    _not_future(on, "on")
    return record_create(
        actor=actor,
        instance=Facilitation(
            network=network,
            tracked=tracked,
            action=action,
            on=on,
            note=note.strip(),
            recorded_by=actor if isinstance(actor, User) else None,
        ),
    )


def tracking_export_logged(*, actor: Actor, rows: list[TrackedRequest], fmt: str) -> None:
    """Exports are audited as such, one entry per request exported."""
    for tracked in rows:
        audit_write(
            actor=actor, action=AuditEntry.Action.EXPORT, instance=tracked, note=f"export {fmt}"
        )
