"""The status life of a tracked request: only allowed changes, each dated and audited, a refusal
with its reason, a stale version conflicting; random sequences never reach an invalid state and
a refused event leaves the database as it was."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.core.errors import ConflictError, InvalidInput, PermissionDenied
from ctassist.core.models import AuditEntry
from ctassist.mla.models import TrackedRequest, TrackingEvent
from ctassist.mla.services import (
    EVENT_STATUS,
    TRANSITIONS,
    tracking_create,
    tracking_event_record,
)

pytestmark = pytest.mark.django_db

SENT = dt.date(2020, 3, 2)


@pytest.fixture
def owner(persona):
    return persona("owner", countries=("NER",))


@pytest.fixture
def tracked(owner):
    return tracking_create(
        actor=owner,
        reference="NER/PJS/2020/0001",
        requesting_state="NER",
        requested_state="FRA",
        assistance_types=["banking_records"],
        sent_on=SENT,
    )


def _record(actor, tracked, kind, on, note=""):
    tracked.refresh_from_db()
    return tracking_event_record(
        actor=actor, tracked=tracked, expected_version=tracked.version, kind=kind, on=on, note=note
    )


def test_a_request_goes_from_sent_to_executed_with_every_change_dated(owner, tracked):
    assert tracked.status == "sent" and tracked.events.get().kind == "sent"
    _record(owner, tracked, "acknowledged", dt.date(2020, 3, 10))
    _record(owner, tracked, "info_requested", dt.date(2020, 3, 20), "Account period?")
    _record(owner, tracked, "info_provided", dt.date(2020, 3, 25))
    _record(owner, tracked, "execution_started", dt.date(2020, 4, 1))
    _record(owner, tracked, "partial_execution", dt.date(2020, 5, 1), "Statements for 2019")
    _record(owner, tracked, "executed", dt.date(2020, 6, 15))
    tracked.refresh_from_db()
    assert tracked.status == "executed" and tracked.executed_on == dt.date(2020, 6, 15)
    assert [e.status_after for e in tracked.events.all()] == [
        "sent",
        "acknowledged",
        "acknowledged",
        "acknowledged",
        "under_execution",
        "partially_executed",
        "executed",
    ]
    updates = AuditEntry.objects.filter(model="mla.trackedrequest", object_pk=str(tracked.pk))
    assert updates.filter(action="update").count() == 6
    assert AuditEntry.objects.filter(model="mla.trackingevent", action="create").count() == 7


def test_forbidden_moves_are_refused(owner, tracked):
    with pytest.raises(InvalidInput):
        _record(owner, tracked, "executed", dt.date(2020, 3, 5))  # not yet acknowledged
    _record(owner, tracked, "withdrawn", dt.date(2020, 3, 5))
    for kind in ("acknowledged", "reminder", "sent"):
        with pytest.raises(InvalidInput):
            _record(owner, tracked, kind, dt.date(2020, 3, 6))


def test_a_refusal_needs_its_reason(owner, tracked):
    with pytest.raises(InvalidInput) as refused:
        _record(owner, tracked, "refused", dt.date(2020, 4, 1), "  ")
    assert refused.value.problems[0].field == "note"
    _record(owner, tracked, "refused", dt.date(2020, 4, 1), "Double criminality not met")
    tracked.refresh_from_db()
    assert tracked.status == "refused" and tracked.refusal_reason == "Double criminality not met"


def test_dates_never_go_back_nor_into_the_future(owner, tracked):
    with pytest.raises(InvalidInput):
        _record(owner, tracked, "acknowledged", SENT - dt.timedelta(days=1))
    with pytest.raises(InvalidInput):
        _record(owner, tracked, "acknowledged", timezone.localdate() + dt.timedelta(days=2))


def test_a_stale_version_conflicts_and_writes_nothing(owner, tracked):
    stale = tracked.version
    _record(owner, tracked, "acknowledged", dt.date(2020, 3, 10))
    with pytest.raises(ConflictError):
        tracking_event_record(
            actor=owner,
            tracked=tracked,
            expected_version=stale,
            kind="reminder",
            on=dt.date(2020, 3, 12),
        )
    assert tracked.events.count() == 2


def test_only_the_parties_record_events(persona, tracked):
    outsider = persona("outsider", countries=("KEN",))
    with pytest.raises(PermissionDenied):
        _record(outsider, tracked, "acknowledged", dt.date(2020, 3, 10))
    colleague_in_requested_state = persona("fra", countries=("FRA",))
    _record(colleague_in_requested_state, tracked, "received", dt.date(2020, 3, 4))


def test_tracking_a_request_drafted_in_the_writer_takes_its_parties(owner):
    from ctassist.mla.services import mla_request_create, mla_request_save

    drafted = mla_request_create(actor=owner)
    data = dict(drafted.data, requested_state="FRA", reference="NER/2020/W1")
    data["assistance"] = [{"type": "witness_statement"}]
    drafted = mla_request_save(
        actor=owner, request=drafted, expected_version=drafted.version, data=data
    )
    tracked = tracking_create(actor=owner, request=drafted)
    assert (tracked.reference, tracked.requested_state.code) == ("NER/2020/W1", "FRA")
    assert tracked.assistance_types == ["witness_statement"] and tracked.status == "draft"
    with pytest.raises(InvalidInput):
        tracking_create(actor=owner, request=drafted)


KINDS = [k for k, _ in TrackingEvent.Kind.choices]
_counter = itertools.count()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(KINDS), st.integers(-3, 20), st.sampled_from(["", "why"])),
        max_size=8,
    )
)
def test_random_sequences_never_reach_an_invalid_state(owner, steps):
    tracked = tracking_create(
        actor=owner,
        reference=f"HYP/{next(_counter)}",
        requesting_state="NER",
        requested_state="FRA",
        sent_on=SENT,
    )
    day = SENT
    for kind, offset, note in steps:
        day = day + dt.timedelta(days=offset)
        tracked.refresh_from_db()
        before = (
            tracked.status,
            tracked.version,
            tracked.events.count(),
            AuditEntry.objects.count(),
        )
        try:
            _record(owner, tracked, kind, day, note)
        except InvalidInput:
            tracked.refresh_from_db()
            after = (
                tracked.status,
                tracked.version,
                tracked.events.count(),
                AuditEntry.objects.count(),
            )
            assert after == before
            continue
        tracked.refresh_from_db()
        assert tracked.version == before[1] + 1
        if kind in EVENT_STATUS:
            assert EVENT_STATUS[kind] in TRANSITIONS[before[0]]
            assert tracked.status == EVENT_STATUS[kind] and tracked.status_date == day
    tracked.refresh_from_db()
    statuses = [e.status_after for e in tracked.events.order_by("on", "id")]
    for earlier, later in itertools.pairwise(statuses):
        assert later == earlier or later in TRANSITIONS[earlier]
    assert tracked.status == statuses[-1]
    assert tracked.status != "refused" or tracked.refusal_reason
    assert tracked.status != "executed" or tracked.executed_on
    assert TrackedRequest.objects.filter(pk=tracked.pk, status__in=TRANSITIONS).exists()
