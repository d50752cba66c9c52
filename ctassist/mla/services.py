"""Writes to MLA requests drafted in the platform: create, save a step (versioned: a stale
version conflicts, the text typed is kept by the page), finalise when complete, re-open as a
follow-up. Only users whose countries include the requesting State draft for it."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ctassist.accounts.models import User
from ctassist.core.access import (
    Role,
    can_edit_reference_data,
    can_work_on_cases,
    country_scope,
    user_role,
)
from ctassist.core.audit import Actor, audit_write
from ctassist.core.errors import ConflictError, FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.models import AuditEntry
from ctassist.core.services import fields_known, record_create, record_update
from ctassist.geo.models import State
from ctassist.mla.checks import request_check
from ctassist.mla.models import (
    CentralAuthorityNotice,
    Facilitation,
    FocalPoint,
    MlaRequest,
    Network,
    ReminderNotice,
    RequestedStateProfile,
    TrackedRequest,
    TrackingEvent,
)
from ctassist.mla.request_format import ASSISTANCE_TYPES


def _may_draft_for(actor: Actor, code: str | None) -> User:
    if not isinstance(actor, User) or not can_work_on_cases(actor):
        raise PermissionDenied(_("Sign in as a practitioner to draft requests."))
    scope = country_scope(actor)
    if scope is not None and code not in scope:
        raise InvalidInput(
            _("You can draft requests only for a State in your scope."),
            problems=[FieldProblem("requesting_state", "not in your scope")],
        )
    return actor


def mla_request_create(*, actor: Actor, requesting_state: str | None = None) -> MlaRequest:
    scope = country_scope(actor) if isinstance(actor, User) else frozenset()
    code = requesting_state or (sorted(scope)[0] if scope else None)
    owner = _may_draft_for(actor, code)
    state = State.objects.filter(code=code).first()
    if state is None:
        raise InvalidInput(
            _("Name the requesting State."),
            problems=[FieldProblem("requesting_state", "required")],
        )
    data = {
        "status": "new",
        "date": timezone.localdate().isoformat(),
        "language": (get_language() or "en")[:2],
        "requesting_state": state.code,
    }
    return record_create(
        actor=actor,
        instance=MlaRequest(owner=owner, requesting_state=state, data=data),
    )


def mla_request_save(
    *, actor: Actor, request: MlaRequest, expected_version: int, data: dict[str, Any]
) -> MlaRequest:
    """Save the whole request document (from one step of the writer, the API or an upload)."""
    code = data.get("requesting_state")
    if user_role(actor) is not Role.ADMIN:
        _may_draft_for(actor, code)
    requesting = State.objects.filter(code=code).first()
    if requesting is None:
        raise InvalidInput(
            _("Name the requesting State."), problems=[FieldProblem("requesting_state", "unknown")]
        )
    requested = State.objects.filter(code=data.get("requested_state") or "").first()
    return record_update(
        actor=actor,
        instance=request,
        expected_version=expected_version,
        changes={
            "data": data,
            "requesting_state": requesting,
            "requested_state": requested,
            "status": MlaRequest.Status.DRAFT,
        },
    )


def mla_request_finalize(*, actor: Actor, request: MlaRequest, expected_version: int) -> MlaRequest:
    result = request_check(request.data)
    if not result.complete:
        raise InvalidInput(
            _("The request is not complete."),
            problems=[
                FieldProblem(p.field, p.message) for p in result.problems if p.severity == "error"
            ],
        )
    return record_update(
        actor=actor,
        instance=request,
        expected_version=expected_version,
        changes={"status": MlaRequest.Status.FINAL},
    )


def mla_request_follow_up(*, actor: Actor, request: MlaRequest) -> MlaRequest:
    """A new draft that continues a finished request: same content, marked as its follow-up."""
    owner = _may_draft_for(actor, request.requesting_state.code)
    data = copy.deepcopy(request.data)
    data.update(
        {
            "status": "follow_up",
            "follow_up_of": request.data.get("reference", ""),
            "date": timezone.localdate().isoformat(),
        }
    )
    data.pop("reference", None)
    with transaction.atomic():
        return record_create(
            actor=actor,
            instance=MlaRequest(
                owner=owner,
                requesting_state=request.requesting_state,
                requested_state=request.requested_state,
                follow_up_of=request,
                data=data,
            ),
        )


PROFILE_FIELDS = {
    "accepted_languages",
    "channels",
    "electronic_transmission",
    "double_criminality",
    "use_limitations",
    "special_requirements",
}


def profile_save(
    *, actor: Actor, state_code: str, expected_version: int | None, changes: dict[str, Any]
) -> RequestedStateProfile:
    """Create or update a requested-State profile (editors and admins), stamped as verified by
    the actor today; a stale version conflicts."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied(_("Only editors maintain requested-State profiles."))
    unknown = sorted(set(changes) - PROFILE_FIELDS)
    if unknown:
        raise InvalidInput(
            _("Unknown profile fields."),
            problems=[FieldProblem(name, "unknown field") for name in unknown],
        )
    state = State.objects.filter(code=state_code).first()
    if state is None:
        raise InvalidInput(_("Unknown country."), problems=[FieldProblem("state", state_code)])
    stamp = {
        "last_verified": timezone.localdate(),
        "verified_by": actor if isinstance(actor, User) else None,
    }
    existing = RequestedStateProfile.objects.filter(state=state).first()
    if existing is not None and expected_version is None:
        raise InvalidInput(
            _("This State has a profile: give the version you are changing."),
            problems=[FieldProblem("version", "required")],
        )
    if existing is None:
        return record_create(
            actor=actor, instance=RequestedStateProfile(state=state, **changes, **stamp)
        )
    return record_update(
        actor=actor,
        instance=existing,
        expected_version=expected_version or 0,
        changes={**changes, **stamp},
    )


# --- Tracking: status life, timeline, facilitation ----------------------------------------------

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
        raise InvalidInput(
            _("Give the reason for the refusal."),
            problems=[FieldProblem("note", _("A refusal needs its reason."))],
        )
    target = EVENT_STATUS.get(kind)
    if target is None:
        if kind in _EXCHANGES and (status == Status.DRAFT or status in TrackedRequest.CLOSED):
            raise InvalidInput(
                _("This exchange needs a request that has been sent and is not closed."),
                problems=[FieldProblem("kind", _("not possible in this status"))],
            )
        return status
    if target not in TRANSITIONS[status]:
        raise InvalidInput(
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
        raise InvalidInput(_("Unknown country."), problems=[FieldProblem(field, code or "")])
    return state


def _not_future(on: dt.date, field: str) -> None:
    if on > timezone.localdate():
        raise InvalidInput(
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
            raise InvalidInput(
                _("This request is already tracked."), problems=[FieldProblem("request", "tracked")]
            )
    if not isinstance(actor, User):
        raise PermissionDenied(_("Sign in as a practitioner to track requests."))
    types = list(dict.fromkeys(assistance_types))
    problems = [FieldProblem("assistance_types", t) for t in types if t not in ASSISTANCE_TYPES]
    if not reference.strip():
        problems.append(FieldProblem("reference", _("Give the reference of the request.")))
    if problems:
        raise InvalidInput(_("The request cannot be tracked as entered."), problems=problems)
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
        raise InvalidInput(
            _("You can track only requests to or from a State in your scope."),
            problems=[FieldProblem("requesting_state", _("not in your scope"))],
        )
    if sent_on is not None:
        _not_future(sent_on, "sent_on")
    if tracked.requesting_state_id == tracked.requested_state_id:
        raise InvalidInput(
            _("The requesting and the requested State must differ."),
            problems=[FieldProblem("requested_state", _("same as the requesting State"))],
        )
    if TrackedRequest.objects.filter(
        requesting_state=tracked.requesting_state, reference=tracked.reference
    ).exists():
        raise InvalidInput(
            _("A request with this reference is already tracked."),
            problems=[FieldProblem("reference", _("already tracked"))],
        )
    try:
        with transaction.atomic():
            _tracking_save_new(actor, tracked, sent_on)
    except IntegrityError:  # the same reference saved meanwhile by someone else
        raise InvalidInput(
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
            raise InvalidInput(
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
        raise InvalidInput(
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


# --- Networks and focal points -------------------------------------------------------------------


def network_may_run(actor: Actor, network: Network | None) -> bool:
    """Editors and the network's secretariat keep its members and focal points."""
    return can_edit_reference_data(actor) or network_is_secretariat(actor, network)


def _may_run_network(actor: Actor, network: Network | None) -> None:
    if not network_may_run(actor, network):
        raise PermissionDenied(_("Only editors and the network's secretariat do this."))


def network_create(
    *, actor: Actor, code: str, name: str, description: str = "", members: Iterable[str] = ()
) -> Network:
    _may_run_network(actor, None)
    codes = sorted(set(members))
    states = list(State.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {s.code for s in states})
    if unknown:
        raise InvalidInput(
            _("Unknown country."), problems=[FieldProblem("members", c) for c in unknown]
        )
    with transaction.atomic():
        network = record_create(
            actor=actor, instance=Network(code=code, name=name, description=description)
        )
        network.members.set(states)
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=network,
            after={"members": codes},
            note="members",
        )
    return network


def network_members_set(
    *, actor: Actor, network: Network, expected_version: int, members: Iterable[str]
) -> Network:
    """Replace the member States (editors, secretariat); versioned and audited."""
    _may_run_network(actor, network)
    codes = sorted(set(members))
    states = list(State.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {s.code for s in states})
    if unknown:
        raise InvalidInput(
            _("Unknown country."), problems=[FieldProblem("members", c) for c in unknown]
        )
    with transaction.atomic():
        before = sorted(network.members.values_list("code", flat=True))
        updated = record_update(
            actor=actor, instance=network, expected_version=expected_version, changes={}
        )
        updated.members.set(states)
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=updated,
            before={"members": before},
            after={"members": codes},
            note="members",
        )
    return updated


def network_secretariat_add(*, actor: Actor, network: Network, user: User) -> Network:
    """Give a user the network's secretariat role (editors): they then see the requests the
    network facilitates and record its help. Audited."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied(_("Only editors name a network's secretariat."))
    with transaction.atomic():
        network.secretariat.add(user)
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=network,
            after={"secretariat_added": user.pk},
            note="secretariat",
        )
    return network


def focal_point_hand_over(
    *,
    actor: Actor,
    network: Network,
    state_code: str,
    function: str,
    name: str,
    start: dt.date,
    email: str = "",
    user: User | None = None,
) -> FocalPoint:
    """A new focal point for a member State from `start`; the current one (if any) ends the
    day before, and stays in the history."""
    _may_run_network(actor, network)
    state = _state(state_code, "state")
    if not network.members.filter(pk=state.pk).exists():
        raise InvalidInput(
            _("This State is not a member of the network."),
            problems=[FieldProblem("state", state_code)],
        )
    with transaction.atomic():
        current = (
            FocalPoint.objects.select_for_update()
            .filter(network=network, state=state, function=function, end__isnull=True)
            .first()
        )
        if current is not None:
            if start <= current.start:
                raise InvalidInput(
                    _("The new focal point must start after the current one."),
                    problems=[FieldProblem("start", _("on or before the current start"))],
                )
            record_update(
                actor=actor,
                instance=current,
                expected_version=current.version,
                changes={"end": start - dt.timedelta(days=1)},
                note="handed over",
            )
        return record_create(
            actor=actor,
            instance=FocalPoint(
                network=network,
                state=state,
                function=function,
                name=name,
                email=email,
                user=user,
                start=start,
            ),
        )


# --- Central-authority notices -----------------------------------------------------------------


def notice_publish(
    *,
    actor: Actor,
    state_code: str,
    topic: str,
    answer: str,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    text: str = "",
    source: str = "",
) -> CentralAuthorityNotice:
    """Record a State's notice on one topic (editors). An earlier notice on the same topic still
    open ends the day before the new one starts (history kept)."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied(_("Only editors record central-authority notices."))
    state = _state(state_code, "state")
    notice = CentralAuthorityNotice(
        state=state,
        topic=topic,
        answer=answer,
        text=text,
        source=source,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    with transaction.atomic():
        earlier = (
            CentralAuthorityNotice.objects.select_for_update()
            .filter(state=state, topic=topic, valid_from__lt=valid_from)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=valid_from))
        )
        for previous in earlier:
            record_update(
                actor=actor,
                instance=previous,
                expected_version=previous.version,
                changes={"valid_until": valid_from - dt.timedelta(days=1)},
                note="superseded",
            )
        return record_create(actor=actor, instance=notice)


NOTICE_FIELDS = {"answer", "text", "source", "valid_until"}


def notice_update(
    *,
    actor: Actor,
    notice: CentralAuthorityNotice,
    expected_version: int,
    changes: dict[str, Any],
) -> CentralAuthorityNotice:
    if not can_edit_reference_data(actor):
        raise PermissionDenied(_("Only editors record central-authority notices."))
    unknown = sorted(set(changes) - NOTICE_FIELDS)
    if unknown:
        raise InvalidInput(
            _("Unknown fields."), problems=[FieldProblem(name, "unknown") for name in unknown]
        )
    return record_update(
        actor=actor, instance=notice, expected_version=expected_version, changes=changes
    )


# --- Deadline reminders ------------------------------------------------------------------------

REMINDER_DAYS = 7


def _reminder_text(tracked: TrackedRequest, *, overdue: bool) -> tuple[str, str]:
    subject = (
        _("Overdue request %(reference)s") if overdue else _("Deadline soon: %(reference)s")
    ) % {"reference": tracked.reference}
    body = _(
        "Request %(reference)s (%(from)s → %(to)s), status: %(status)s, deadline %(deadline)s."
        "\nOpen it in ctassist: %(path)s"
    ) % {
        "reference": tracked.reference,
        "from": tracked.requesting_state.code,
        "to": tracked.requested_state.code,
        "status": tracked.get_status_display(),
        "deadline": tracked.deadline.isoformat() if tracked.deadline else "",
        "path": settings.CTASSIST_BASE_URL + f"/cooperation/tracking/{tracked.pk}/",
    }
    return subject, body


def mla_reminders_send(*, today: dt.date, within_days: int = REMINDER_DAYS) -> int:
    """E-mail the owner of every open request whose deadline falls within `within_days` days or
    has passed — once per request per day (a second run the same day sends nothing). Returns
    the number of e-mails sent."""
    due = (
        TrackedRequest.objects.select_related("owner", "requesting_state", "requested_state")
        .exclude(status__in=TrackedRequest.CLOSED)
        .filter(deadline__isnull=False, deadline__lte=today + dt.timedelta(days=within_days))
        .exclude(reminders__day=today)
        .exclude(owner__email="")
        .filter(owner__is_active=True)
        .order_by("deadline", "pk")
    )
    sent = 0
    for tracked in due:
        overdue = tracked.deadline is not None and tracked.deadline < today
        with translation.override(getattr(tracked.owner, "language", None) or "en"):
            subject, body = _reminder_text(tracked, overdue=overdue)
        try:
            with transaction.atomic():
                notice = ReminderNotice.objects.create(
                    tracked=tracked, day=today, recipient=tracked.owner.email
                )
                audit_write(
                    actor=None,
                    action=AuditEntry.Action.CREATE,
                    instance=notice,
                    after={"tracked": tracked.pk, "day": today.isoformat()},
                    note="deadline reminder",
                )
                # Sent inside the transaction: if sending fails, no reminder is marked as sent.
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [tracked.owner.email])
        except IntegrityError:
            continue  # another run sent today's reminder meanwhile
        sent += 1
    return sent


def tracking_export_logged(*, actor: Actor, rows: list[TrackedRequest], fmt: str) -> None:
    """Exports are audited as such, one entry per request exported."""
    for tracked in rows:
        audit_write(
            actor=actor, action=AuditEntry.Action.EXPORT, instance=tracked, note=f"export {fmt}"
        )
