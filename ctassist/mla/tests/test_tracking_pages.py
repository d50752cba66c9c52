"""The tracking pages: start tracking, record the next event (a forbidden move or a missing
refusal reason keeps the page with the message; a stale form gets 409), and the API the same."""

from __future__ import annotations

import pytest

from ctassist.mla.models import TrackedRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(persona):
    return persona("owner", countries=("NER",))


def test_start_tracking_then_record_events_on_the_page(owner, client):
    client.force_login(owner)
    created = client.post(
        "/cooperation/tracking/new/",
        {
            "reference": "NER/2020/77",
            "requesting_state": "NER",
            "requested_state": "FRA",
            "assistance_types": ["banking_records"],
            "sent_on": "2020-03-02",
            "deadline": "2020-05-01",
        },
    )
    tracked = TrackedRequest.objects.get(reference="NER/2020/77")
    assert created.status_code == 302 and created["Location"].endswith(f"/{tracked.pk}/")
    page = client.get(created["Location"]).content.decode()
    assert "overdue" in page and 'id="event-form"' in page
    ok = client.post(
        f"/cooperation/tracking/{tracked.pk}/event/",
        {"version": tracked.version, "kind": "acknowledged", "on": "2020-03-09"},
    )
    assert ok.status_code == 302
    no_reason = client.post(
        f"/cooperation/tracking/{tracked.pk}/event/",
        {"version": tracked.version + 1, "kind": "refused", "on": "2020-03-10"},
    )
    assert (
        no_reason.status_code == 422 and "A refusal needs its reason." in no_reason.content.decode()
    )
    stale = client.post(
        f"/cooperation/tracking/{tracked.pk}/event/",
        {"version": tracked.version, "kind": "reminder", "on": "2020-03-10"},
    )
    assert stale.status_code == 409
    tracked.refresh_from_db()
    assert tracked.status == "acknowledged" and tracked.events.count() == 2


def test_a_request_for_another_state_cannot_be_tracked(owner, client):
    client.force_login(owner)
    refused = client.post(
        "/cooperation/tracking/new/",
        {"reference": "X/1", "requesting_state": "KEN", "requested_state": "FRA"},
    )
    assert refused.status_code == 422
    assert not TrackedRequest.objects.filter(reference="X/1").exists()


def test_api_records_events_with_versions(owner, api_client_for):
    api = api_client_for(owner)
    made = api.post(
        "/api/v1/mla/tracking",
        {
            "reference": "NER/API/1",
            "requesting_state": "NER",
            "requested_state": "FRA",
            "sent_on": "2020-03-02",
        },
        content_type="application/json",
    )
    assert made.status_code == 201
    body = made.json()
    url = f"/api/v1/mla/tracking/{body['id']}/events"
    moved = api.post(
        url,
        {"version": body["version"], "kind": "executed", "on": "2020-03-03"},
        content_type="application/json",
    )
    assert moved.status_code == 422  # not acknowledged yet
    ok = api.post(
        url,
        {"version": body["version"], "kind": "acknowledged", "on": "2020-03-03"},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["status"] == "acknowledged"
    stale = api.post(
        url,
        {"version": body["version"], "kind": "reminder", "on": "2020-03-04"},
        content_type="application/json",
    )
    assert stale.status_code == 409


def test_networks_and_notices_pages(persona, client):
    client.force_login(persona("p", countries=("NER",)))
    assert client.get("/cooperation/networks/").status_code == 200
    assert client.get("/cooperation/networks/no-such-network/").status_code == 404


def test_the_list_page_makes_as_many_queries_for_many_rows_as_for_one(
    owner, client, django_assert_max_num_queries
):
    from ctassist.mla.tests.factories import TrackedRequestFactory

    client.force_login(owner)
    TrackedRequestFactory(owner=owner)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/cooperation/tracking/")
    TrackedRequestFactory.create_batch(10, owner=owner)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get("/cooperation/tracking/")
    assert page.content.decode().count("/cooperation/tracking/") >= 11


def test_a_request_drafted_in_the_writer_is_tracked_from_its_review_page(owner, client):
    from ctassist.mla.services import mla_request_create, mla_request_save

    drafted = mla_request_create(actor=owner)
    data = dict(drafted.data, requested_state="FRA", reference="NER/2020/WRITER")
    drafted = mla_request_save(
        actor=owner, request=drafted, expected_version=drafted.version, data=data
    )
    client.force_login(owner)
    first = client.post(f"/cooperation/{drafted.pk}/track/")
    tracked = TrackedRequest.objects.get(request=drafted)
    assert first["Location"].endswith(f"/cooperation/tracking/{tracked.pk}/")
    again = client.post(f"/cooperation/{drafted.pk}/track/")
    assert again["Location"] == first["Location"]
    page = client.get(first["Location"]).content.decode()
    assert "NER/2020/WRITER" in page and f"/cooperation/{drafted.pk}/review/" in page


def test_parties_change_deadline_and_urgency_on_the_page(owner, client, persona):
    client.force_login(owner)
    client.post(
        "/cooperation/tracking/new/",
        {
            "reference": "NER/2020/78",
            "requesting_state": "NER",
            "requested_state": "FRA",
            "assistance_types": ["banking_records"],
            "sent_on": "2020-03-02",
        },
    )
    tracked = TrackedRequest.objects.get(reference="NER/2020/78")
    response = client.post(
        f"/cooperation/tracking/{tracked.pk}/settings/",
        {"version": tracked.version, "deadline": "2020-06-30", "urgent": "on"},
    )
    assert response.status_code == 302
    tracked.refresh_from_db()
    assert str(tracked.deadline) == "2020-06-30" and tracked.urgent
    stale = client.post(
        f"/cooperation/tracking/{tracked.pk}/settings/",
        {"version": tracked.version - 1, "deadline": ""},
    )
    assert stale.status_code == 409
    client.force_login(persona("outsider", countries=("KEN",)))
    hidden = client.post(
        f"/cooperation/tracking/{tracked.pk}/settings/", {"version": tracked.version}
    )
    assert hidden.status_code == 404


def test_editor_names_a_secretariat_member(persona, client):
    from ctassist.mla.models import Network

    network = Network.objects.order_by("code").first()
    member = persona("new-secretariat", countries=("SEN",))
    client.force_login(persona("editor", role="editor"))
    page = client.get(f"/cooperation/networks/{network.code}/").content.decode()
    assert 'id="secretariat-form"' in page
    done = client.post(
        f"/cooperation/networks/{network.code}/secretariat/", {"username": "new-secretariat"}
    )
    assert done.status_code == 302 and network.secretariat.filter(pk=member.pk).exists()
    unknown = client.post(f"/cooperation/networks/{network.code}/secretariat/", {"username": "x"})
    assert unknown.status_code == 422
    client.force_login(persona("p2", countries=("NER",)))
    refused = client.post(f"/cooperation/networks/{network.code}/secretariat/", {"username": "p2"})
    assert refused.status_code in (403, 404)
