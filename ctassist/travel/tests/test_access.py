"""Who sees travel data: members of the PIU (owner, colleague) see it, a user of another PIU
sees nothing; every read of traveller data is logged with its purpose; decisions conflict
when stale; the API receives raw messages within its size limit."""

from __future__ import annotations

import pytest
from django.test import override_settings

from ctassist.core.models import AuditEntry
from ctassist.travel.models import Consultation, Hit, Traveller
from ctassist.travel.services import hit_decide, message_ingest, rule_save

from .conftest import person, pnr_message
from .fixtures import fixture_bytes

pytestmark = pytest.mark.django_db
PURPOSE = "pre-arrival check"


@pytest.fixture
def arrived(piu):
    rule_save(actor=piu.owner, unit=piu.unit, name="Cash", criteria={"payment_kinds": ["CA"]})
    message_ingest(actor=piu.owner, raw=pnr_message(person("ZULU", "ANN")), name="p", unit=piu.unit)
    traveller = Traveller.objects.get(unit=piu.unit, family_name="ZULU")
    hit = Hit.objects.get(traveller=traveller)
    return piu, traveller, hit


def test_members_see_the_flight_and_an_outsider_sees_nothing(arrived, api_client_for, client):
    piu, traveller, hit = arrived
    flight_id = traveller.flight_id
    for user, seen in ((piu.owner, True), (piu.colleague, True), (piu.outsider, False)):
        api = api_client_for(user)
        listed = [f["id"] for f in api.get("/api/v1/travel/flights").json()]
        assert (flight_id in listed) is seen
        status = 200 if seen else 404
        assert api.get(f"/api/v1/travel/flights/{flight_id}").status_code == status
        answer = api.get(f"/api/v1/travel/travellers/{traveller.pk}", {"purpose": PURPOSE})
        assert answer.status_code == status, user.username
        assert ("ZULU" in answer.content.decode()) is seen
        queue = api.get("/api/v1/travel/hits").json()
        assert (hit.pk in [h["id"] for h in queue]) is seen
        client.force_login(user)
        for page in (
            f"/travel/flights/{flight_id}/?purpose=check",
            f"/travel/travellers/{traveller.pk}/?purpose=check",
            f"/travel/hits/{hit.pk}/",
        ):
            assert client.get(page).status_code == status, (user.username, page)
        assert ("ZULU" in client.get("/travel/review/").content.decode()) is seen
    assert api_client_for(None).get("/api/v1/travel/flights").status_code == 401


def test_every_read_of_traveller_data_is_logged_with_its_purpose(arrived, api_client_for):
    piu, traveller, _hit = arrived
    api = api_client_for(piu.colleague)
    assert api.get(f"/api/v1/travel/travellers/{traveller.pk}").status_code == 422  # no purpose
    before = AuditEntry.objects.filter(
        model="travel.traveller", object_pk=str(traveller.pk)
    ).count()
    api.get(f"/api/v1/travel/travellers/{traveller.pk}", {"purpose": PURPOSE})
    api.get(f"/api/v1/travel/flights/{traveller.flight_id}/travellers", {"purpose": "manifest"})
    api.get("/api/v1/travel/hits")
    reads = AuditEntry.objects.filter(
        model="travel.traveller", object_pk=str(traveller.pk), action="read"
    )
    assert reads.count() == before + 3
    assert set(reads.values_list("note", flat=True)) >= {
        f"purpose: {PURPOSE}",
        "purpose: manifest",
        "purpose: review of automated hits",
    }
    logged = Consultation.objects.filter(unit=piu.unit, user=piu.colleague)
    assert set(logged.values_list("purpose", flat=True)) == {
        PURPOSE, "manifest", "review of automated hits"}  # fmt: skip
    assert not Consultation.objects.filter(user=piu.outsider).exists()


def test_a_decision_needs_a_reason_and_a_stale_one_conflicts(arrived, api_client_for):
    piu, _traveller, hit = arrived
    url = f"/api/v1/travel/hits/{hit.pk}/decision"
    owner, colleague = api_client_for(piu.owner), api_client_for(piu.colleague)
    body = {"decision": "refer", "reason": "Cash one day before: refer.", "version": hit.version}
    assert owner.post(url, body, content_type="application/json").status_code == 200
    late = {"decision": "no_action", "reason": "Looks fine.", "version": hit.version}
    answer = colleague.post(url, late, content_type="application/json")
    assert answer.status_code == 409
    hit.refresh_from_db()
    assert (hit.decision, hit.decided_by) == ("refer", piu.owner)
    outsider = api_client_for(piu.outsider)
    assert (
        outsider.post(
            url, late | {"version": hit.version}, content_type="application/json"
        ).status_code
        == 404
    )
    with pytest.raises(Exception, match="reason"):
        hit_decide(
            actor=piu.owner,
            hit_id=hit.pk,
            decision="alert",
            reason=" ",
            expected_version=hit.version,
        )


def test_the_api_receives_a_raw_message(piu, api_client_for):
    api = api_client_for(piu.owner)
    raw = fixture_bytes("paxlst_d02b_crew_single_line.edi")
    url = f"/api/v1/travel/messages?unit={piu.unit.code}&name=crew.edi"
    answer = api.post(url, raw, content_type="application/edifact")
    assert answer.status_code == 200, answer.content
    got = answer.json()
    assert (got["kind"], got["flights"], got["travellers"], got["repeated"]) == (
        "PAXLST",
        1,
        8,
        False,
    )
    assert got["problems"][0] == {
        "segment": 109,
        "message": "UNT says the message has 0000152 segments; it has 107 (UNH to UNT)",
    }
    assert api.post(url, raw, content_type="text/plain").json()["repeated"] is True
    unreadable = b"UNB+UNOA:4+X+Y'UNH+1+PAXLST:D:05B'BGM+745'\xff1+'"
    refused = api.post(url, unreadable, content_type="text/plain")
    assert refused.status_code == 422 and refused.json()["code"] == "unreadable_message"
    assert api.post(url, raw, content_type="application/json").status_code == 422
    outsider = api_client_for(piu.outsider)
    assert outsider.post(url, raw, content_type="text/plain").json()["code"] == "rule"
    with override_settings(CTASSIST_UPLOAD_MAX_BYTES={"travel message": 100}):
        assert api.post(url, raw, content_type="text/plain").status_code == 413


def test_the_state_page_shows_the_piu_flights_to_its_members_only(arrived, client):
    piu, _traveller, _hit = arrived
    client.force_login(piu.owner)
    page = client.get("/states/KEN/").content.decode()
    assert 'id="travel-heading"' in page and "1 flight received in the last 30 days" in page
    client.force_login(piu.outsider)
    assert 'id="travel-heading"' not in client.get("/states/KEN/").content.decode()
    client.logout()
    assert 'id="travel-heading"' not in client.get("/states/KEN/").content.decode()


def test_the_published_contract_keeps_travel_and_screening_decisions_apart(client):
    """Two request schemas of one class name would share one OpenAPI component, and one app's
    decisions would be documented (and fuzzed) as the other's."""
    spec = client.get("/api/v1/openapi.json").json()

    def decisions(path: str) -> list[str]:
        body = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]
        name = body["schema"]["$ref"].rsplit("/", 1)[1]
        return list(spec["components"]["schemas"][name]["properties"]["decision"]["enum"])

    assert decisions("/api/v1/travel/hits/{hit_id}/decision") == ["no_action", "refer", "alert"]
    assert "true_match" in decisions("/api/v1/screening/hits/{hit_id}/decision")
