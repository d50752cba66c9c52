"""Who sees a tracked request: the authorities of the two States party to it and the secretariat
of the network that facilitates it; an outsider gets "not found" from the pages, the API and
the export, and every read is logged."""

from __future__ import annotations

import datetime as dt

import pytest

from ctassist.core.models import AuditEntry
from ctassist.geo.models import State
from ctassist.mla.tests.factories import FacilitationFactory, NetworkFactory, TrackedRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(persona):
    return {
        "owner": persona("owner", countries=("NER",)),
        "colleague": persona("colleague", countries=("NER",)),
        "requested": persona("requested", countries=("FRA",)),
        "outsider": persona("outsider", countries=("KEN",)),
        "secretariat": persona("secretariat"),
        "public_editor": persona("editor", role="editor"),
    }


@pytest.fixture
def tracked(people):
    return TrackedRequestFactory(owner=people["owner"], reference="NER/ACCESS/1")


@pytest.mark.parametrize("who", ["owner", "colleague", "requested"])
def test_parties_see_the_request_in_pages_api_and_export(
    people, tracked, who, client, api_client_for
):
    user = people[who]
    client.force_login(user)
    assert client.get(f"/cooperation/tracking/{tracked.pk}/").status_code == 200
    assert "NER/ACCESS/1" in client.get("/cooperation/tracking/").content.decode()
    assert "NER/ACCESS/1" in client.get("/cooperation/tracking/?format=csv").content.decode()
    api = api_client_for(user)
    assert api.get(f"/api/v1/mla/tracking/{tracked.pk}").json()["reference"] == "NER/ACCESS/1"
    reads = AuditEntry.objects.filter(
        model="mla.trackedrequest", object_pk=str(tracked.pk), action="read", actor=user
    )
    assert reads.count() >= 3
    assert AuditEntry.objects.filter(
        model="mla.trackedrequest", object_pk=str(tracked.pk), action="export", actor=user
    ).exists()


@pytest.mark.parametrize("who", ["outsider", "secretariat", "public_editor"])
def test_others_get_not_found_everywhere(people, tracked, who, client, api_client_for):
    user = people[who]
    client.force_login(user)
    assert client.get(f"/cooperation/tracking/{tracked.pk}/").status_code == 404
    post = client.post(
        f"/cooperation/tracking/{tracked.pk}/event/",
        {"version": tracked.version, "kind": "acknowledged", "on": "2020-03-05"},
    )
    assert post.status_code == 404
    assert "NER/ACCESS/1" not in client.get("/cooperation/tracking/").content.decode()
    assert "NER/ACCESS/1" not in client.get("/cooperation/tracking/?format=csv").content.decode()
    api = api_client_for(user)
    assert api.get(f"/api/v1/mla/tracking/{tracked.pk}").status_code == 404
    assert all(r["id"] != tracked.pk for r in api.get("/api/v1/mla/tracking").json())
    event = api.post(
        f"/api/v1/mla/tracking/{tracked.pk}/events",
        {"version": tracked.version, "kind": "acknowledged", "on": "2020-03-05"},
        content_type="application/json",
    )
    assert event.status_code == 404
    tracked.refresh_from_db()
    assert tracked.status == "sent"


def test_the_facilitating_networks_secretariat_sees_but_does_not_move_the_status(
    people, tracked, client, api_client_for
):
    network = NetworkFactory(member_codes=[tracked.requesting_state.code])
    network.secretariat.add(people["secretariat"])
    FacilitationFactory(network=network, tracked=tracked)
    api = api_client_for(people["secretariat"])
    assert api.get(f"/api/v1/mla/tracking/{tracked.pk}").status_code == 200
    refused = api.post(
        f"/api/v1/mla/tracking/{tracked.pk}/events",
        {"version": tracked.version, "kind": "acknowledged", "on": "2020-03-05"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    helped = api.post(
        f"/api/v1/mla/tracking/{tracked.pk}/facilitations",
        {"network": network.code, "action": "follow_up", "on": "2020-03-20"},
        content_type="application/json",
    )
    assert helped.status_code == 201
    assert [e["source"] for e in helped.json()["timeline"]] == ["facilitation", "facilitation"]


def test_anonymous_is_sent_to_sign_in_and_the_api_refuses(tracked, client):
    assert client.get(f"/cooperation/tracking/{tracked.pk}/").status_code == 302
    assert client.get("/api/v1/mla/tracking").status_code == 401


def test_list_filters_by_status_state_and_overdue(people, client):
    owner = people["owner"]
    TrackedRequestFactory(owner=owner, reference="LATE/1", deadline=dt.date(2020, 4, 1))
    TrackedRequestFactory(
        owner=owner,
        reference="DONE/1",
        deadline=dt.date(2020, 4, 1),
        status="executed",
        executed_on=dt.date(2020, 3, 30),
    )
    TrackedRequestFactory(
        owner=owner, reference="MLI/1", requested_state=State.objects.get(code="MLI")
    )
    client.force_login(owner)
    overdue = client.get("/cooperation/tracking/?overdue=yes").content.decode()
    assert "LATE/1" in overdue and "DONE/1" not in overdue and "MLI/1" not in overdue
    mali = client.get("/cooperation/tracking/?state=MLI").content.decode()
    assert "MLI/1" in mali and "LATE/1" not in mali
    executed = client.get("/cooperation/tracking/?status=executed").content.decode()
    assert "DONE/1" in executed and "LATE/1" not in executed


def test_direction_is_seen_from_the_readers_side(people, client, api_client_for):
    TrackedRequestFactory(owner=people["owner"], reference="OUT/1")
    TrackedRequestFactory(
        owner=people["requested"],
        reference="IN/1",
        requesting_state=State.objects.get(code="FRA"),
        requested_state=State.objects.get(code="NER"),
    )
    rows = {
        r["reference"]: r["direction"]
        for r in api_client_for(people["colleague"]).get("/api/v1/mla/tracking").json()
    }
    assert rows["OUT/1"] == "outgoing" and rows["IN/1"] == "incoming"
    client.force_login(people["colleague"])
    incoming = client.get("/cooperation/tracking/?direction=incoming").content.decode()
    assert "IN/1" in incoming and "OUT/1" not in incoming


def test_a_network_without_either_state_cannot_be_recorded_as_helping(
    people, tracked, api_client_for
):
    stranger = NetworkFactory(member_codes=["KEN"])
    stranger.secretariat.add(people["secretariat"])
    refused = api_client_for(people["owner"]).post(
        f"/api/v1/mla/tracking/{tracked.pk}/facilitations",
        {"network": stranger.code, "action": "follow_up", "on": "2020-03-20"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert (
        api_client_for(people["secretariat"]).get(f"/api/v1/mla/tracking/{tracked.pk}").status_code
        == 404
    )
