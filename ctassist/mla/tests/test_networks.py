"""Networks: editors and the secretariat keep member States and focal points; handing over
closes the old focal point and keeps it in the history; facilitation records feed the figures
the periodic report quotes."""

from __future__ import annotations

import datetime as dt

import pytest

from ctassist.core.errors import ConflictError, InvalidInput, PermissionDenied
from ctassist.core.models import AuditEntry
from ctassist.mla import selectors
from ctassist.mla.models import FocalPoint
from ctassist.mla.services import (
    facilitation_record,
    focal_point_hand_over,
    network_create,
    network_members_set,
    tracking_create,
    tracking_event_record,
)
from ctassist.mla.tests.factories import FacilitationFactory, NetworkFactory, TrackedRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(persona):
    return persona("editor", role="editor")


@pytest.fixture
def network(editor):
    return network_create(
        actor=editor, code="test-wa", name="Test West African network", members=["NER", "MLI"]
    )


def test_editors_create_networks_and_practitioners_cannot(persona, editor, network):
    with pytest.raises(PermissionDenied):
        network_create(actor=persona("p", countries=("NER",)), code="x", name="X")
    assert sorted(network.members.values_list("code", flat=True)) == ["MLI", "NER"]
    with pytest.raises(InvalidInput):
        network_create(actor=editor, code="y", name="Y", members=["XXX"])


def test_secretariat_sets_members_with_a_version(persona, network):
    secretariat = persona("sec")
    network.secretariat.add(secretariat)
    updated = network_members_set(
        actor=secretariat,
        network=network,
        expected_version=network.version,
        members=["NER", "MLI", "BFA"],
    )
    assert updated.members.count() == 3
    with pytest.raises(ConflictError):
        network_members_set(
            actor=secretariat, network=network, expected_version=network.version, members=[]
        )
    assert updated.members.count() == 3


def test_handing_over_closes_the_old_focal_point_and_keeps_history(persona, editor, network):
    first = focal_point_hand_over(
        actor=editor,
        network=network,
        state_code="NER",
        function="central_authority",
        name="First focal point",
        start=dt.date(2018, 1, 1),
    )
    successor = persona("successor", countries=("NER",))
    second = focal_point_hand_over(
        actor=editor,
        network=network,
        state_code="NER",
        function="central_authority",
        name="Second focal point",
        start=dt.date(2020, 2, 1),
        user=successor,
    )
    first.refresh_from_db()
    assert first.end == dt.date(2020, 1, 31) and second.end is None
    current = selectors.focal_points_for(user=editor, network=network, current_only=True)
    assert [f.name for f in current] == ["Second focal point"]
    history = selectors.focal_points_for(user=editor, network=network)
    assert {f.name for f in history} == {"First focal point", "Second focal point"}
    assert AuditEntry.objects.filter(
        model="mla.focalpoint", action="read", object_pk=str(first.pk)
    ).exists()
    with pytest.raises(InvalidInput):  # not after the current one
        focal_point_hand_over(
            actor=editor,
            network=network,
            state_code="NER",
            function="central_authority",
            name="Too early",
            start=dt.date(2020, 1, 1),
        )
    with pytest.raises(InvalidInput):  # not a member
        focal_point_hand_over(
            actor=editor,
            network=network,
            state_code="KEN",
            function="central_authority",
            name="Outsider",
            start=dt.date(2020, 1, 1),
        )
    assert FocalPoint.objects.filter(network=network).count() == 2


def test_facilitation_by_the_secretariat_or_the_parties_only(persona, network):
    owner = persona("owner", countries=("NER",))
    tracked = tracking_create(
        actor=owner,
        reference="R1",
        requesting_state="NER",
        requested_state="MLI",
        sent_on=dt.date(2020, 1, 10),
        facilitating_network=network,
    )
    secretariat = persona("sec")
    network.secretariat.add(secretariat)
    made = facilitation_record(
        actor=secretariat,
        tracked=tracked,
        network=network,
        action="contact",
        on=dt.date(2020, 1, 12),
        note="Put the two central authorities in contact",
    )
    with pytest.raises(PermissionDenied):
        facilitation_record(
            actor=persona("out", countries=("KEN",)),
            tracked=tracked,
            network=network,
            action="contact",
            on=dt.date(2020, 1, 12),
        )
    timeline = selectors.tracking_timeline(tracked)
    assert [(t.source, t.kind) for t in timeline] == [
        ("event", "sent"),
        ("facilitation", "contact"),
    ]
    assert timeline[1].network == network.name and made.pk


def test_statistics_by_network_state_status_and_period(persona):
    wa = NetworkFactory(code="stat-wa")
    sahel = NetworkFactory(code="stat-sahel")
    owner = persona("owner", countries=("NER",))
    fast = TrackedRequestFactory(
        owner=owner, sent_on=dt.date(2020, 1, 1), status_date=dt.date(2020, 1, 1)
    )
    slow = TrackedRequestFactory(
        owner=owner, sent_on=dt.date(2020, 1, 1), status_date=dt.date(2020, 1, 1)
    )
    open_one = TrackedRequestFactory(owner=owner)
    for item, executed in ((fast, dt.date(2020, 1, 31)), (slow, dt.date(2020, 4, 10))):
        for kind, on in (("acknowledged", dt.date(2020, 1, 5)), ("executed", executed)):
            item.refresh_from_db()
            tracking_event_record(
                actor=owner, tracked=item, expected_version=item.version, kind=kind, on=on
            )
    FacilitationFactory(network=wa, tracked=fast, on=dt.date(2020, 1, 3))
    FacilitationFactory(network=wa, tracked=fast, on=dt.date(2020, 2, 3))  # same request again
    FacilitationFactory(network=sahel, tracked=slow, on=dt.date(2020, 1, 4))
    FacilitationFactory(network=wa, tracked=open_one, on=dt.date(2020, 3, 4))
    FacilitationFactory(network=wa, tracked=open_one, on=dt.date(2021, 3, 4))  # outside
    period = {"date_from": dt.date(2020, 1, 1), "date_to": dt.date(2020, 12, 31)}
    every = selectors.mla_statistics(**period)
    assert every.requests_facilitated >= 3  # demo data may add its own
    assert every.by_network["stat-wa"] == 2 and every.by_network["stat-sahel"] == 1
    only_wa = selectors.mla_statistics(**period, network="stat-wa")
    assert only_wa.requests_facilitated == 2
    assert only_wa.by_status == {"executed": 1, "sent": 1}
    assert only_wa.by_state == {"FRA": 2, "NER": 2}
    assert only_wa.median_days_sent_to_executed == 30.0
    both = [selectors.mla_statistics(**period, network=n) for n in ("stat-wa", "stat-sahel")]
    assert sum(s.executed for s in both) == 2
    assert both[1].median_days_sent_to_executed == 100.0
    late = selectors.mla_statistics(
        date_from=dt.date(2021, 1, 1), date_to=dt.date(2021, 12, 31), network=wa
    )
    assert late.requests_facilitated == 1 and late.by_network == {"stat-wa": 1}
