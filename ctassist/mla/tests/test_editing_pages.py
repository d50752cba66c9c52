"""Editing through the pages and the API: editors record notices, the secretariat hands over
focal points, the parties change a deadline (versioned); everybody else is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from ctassist.core.models import AuditEntry
from ctassist.mla.models import CentralAuthorityNotice, FocalPoint
from ctassist.mla.services import network_secretariat_add
from ctassist.mla.tests.factories import NetworkFactory, TrackedRequestFactory

pytestmark = pytest.mark.django_db


def test_editors_record_notices_on_the_state_page(persona, client):
    client.force_login(persona("p", countries=("ITA",)))
    page = client.get("/cooperation/notices/ITA/").content.decode()
    assert 'id="notice-form"' not in page
    refused = client.post(
        "/cooperation/notices/ITA/",
        {"topic": "electronic", "answer": "yes", "valid_from": "2020-04-01"},
    )
    assert refused.status_code == 403
    client.force_login(persona("ed", role="editor"))
    assert 'id="notice-form"' in client.get("/cooperation/notices/ITA/").content.decode()
    made = client.post(
        "/cooperation/notices/ITA/",
        {"topic": "electronic", "answer": "yes", "valid_from": "2020-04-01", "text": "E-mail ok"},
    )
    assert made.status_code == 302
    assert CentralAuthorityNotice.objects.get(state__code="ITA").text == "E-mail ok"


def test_secretariat_hands_over_focal_points_on_the_page_and_api(persona, client, api_client_for):
    network = NetworkFactory(member_codes=["NER", "MLI"])
    editor = persona("ed", role="editor")
    secretariat = persona("sec")
    network_secretariat_add(actor=editor, network=network, user=secretariat)
    assert AuditEntry.objects.filter(
        model="mla.network", object_pk=str(network.pk), note="secretariat"
    ).exists()
    practitioner = persona("p", countries=("NER",))
    client.force_login(practitioner)
    assert (
        'id="focal-point-form"'
        not in client.get(f"/cooperation/networks/{network.code}/").content.decode()
    )
    data = {"state": "NER", "function": "central_authority", "name": "A", "start": "2019-01-01"}
    assert (
        client.post(f"/cooperation/networks/{network.code}/focal-points/", data).status_code == 403
    )
    client.force_login(secretariat)
    ok = client.post(f"/cooperation/networks/{network.code}/focal-points/", data)
    assert ok.status_code == 302
    api = api_client_for(secretariat)
    later = api.post(
        f"/api/v1/mla/networks/{network.code}/focal-points",
        {"state": "NER", "function": "central_authority", "name": "B", "start": "2020-06-01"},
        content_type="application/json",
    )
    assert later.status_code == 201
    first = FocalPoint.objects.get(network__code=network.code, name="A")
    assert first.end == dt.date(2020, 5, 31)
    detail = api.get(f"/api/v1/mla/networks/{network.code}").json()
    assert [(f["name"], f["end"]) for f in detail["focal_points"]] == [
        ("B", None),
        ("A", "2020-05-31"),
    ]
    assert detail["statistics"]["requests_facilitated"] == 0


def test_parties_change_the_deadline_with_a_version(persona, api_client_for):
    owner = persona("owner", countries=("NER",))
    tracked = TrackedRequestFactory(owner=owner)
    api = api_client_for(owner)
    url = f"/api/v1/mla/tracking/{tracked.pk}"
    ok = api.patch(
        url,
        {"version": tracked.version, "deadline": "2020-06-30"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["deadline"] == "2020-06-30"
    stale = api.patch(
        url, {"version": tracked.version, "urgent": True}, content_type="application/json"
    )
    assert stale.status_code == 409
    network = NetworkFactory()
    secretariat = persona("sec")
    network.secretariat.add(secretariat)
    tracked.refresh_from_db()
    outside = api.patch(
        url,
        {"version": tracked.version, "facilitating_network": network.code},
        content_type="application/json",
    )
    assert outside.status_code == 422  # neither State is a member: no access handed over
    assert api_client_for(secretariat).get(url).status_code == 404
    network.members.add(tracked.requesting_state)
    api.patch(
        url,
        {"version": tracked.version, "facilitating_network": network.code},
        content_type="application/json",
    )
    seen = api_client_for(secretariat).get(url)
    assert seen.status_code == 200
    refused = api_client_for(secretariat).patch(
        url, {"version": tracked.version + 1, "urgent": True}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_naming_the_secretariat_tells_an_outsider_nothing_about_user_names(persona, client):
    # issue 27, item 8: the right is checked before the name is looked up.
    network = NetworkFactory(member_codes=["NER", "MLI"])
    persona("existing-user")
    client.force_login(persona("p", countries=("NER",)))
    url = f"/cooperation/networks/{network.code}/secretariat/"
    known = client.post(url, {"username": "existing-user"})
    unknown = client.post(url, {"username": "no-such-user-anywhere"})
    assert known.status_code == unknown.status_code == 403
    assert b"No user with this name" not in unknown.content
    client.force_login(persona("ed", role="editor"))
    assert client.post(url, {"username": "no-such-user-anywhere"}).status_code == 422
    assert client.post(url, {"username": "existing-user"}).status_code == 302
