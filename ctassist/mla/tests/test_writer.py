"""The request writer on the web: a step is not passed while an element is missing, nothing
typed is lost, and only the authorities of the two States party to a request see it — in the
pages and the document downloads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctassist.mla import services
from ctassist.mla.models import MlaRequest

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "mla-request.json"


@pytest.fixture
def niger(persona):
    return persona("ner", countries=("NER",))


def test_a_step_with_a_missing_element_keeps_the_user_there_and_saves_the_rest(niger, client):
    client.force_login(niger)
    response = client.post("/cooperation/new/")
    request = MlaRequest.objects.get(owner=niger)
    assert response["Location"].endswith(f"/cooperation/{request.pk}/parties/")
    step = client.post(
        f"/cooperation/{request.pk}/authority/",
        {
            "version": request.version,
            "requesting_authority__address": "Palais de justice, Niamey",
            "requesting_authority__contact__email": "pjs@example.org",
        },
    )
    assert step.status_code == 422
    assert "Name the requesting authority." in step.content.decode()
    request.refresh_from_db()
    assert request.data["requesting_authority"]["address"] == "Palais de justice, Niamey"
    ok = client.post(
        f"/cooperation/{request.pk}/authority/",
        {
            "version": request.version,
            "requesting_authority__name": "Pôle judiciaire spécialisé",
            "requesting_authority__address": "Palais de justice, Niamey",
            "requesting_authority__contact__email": "pjs@example.org",
        },
    )
    assert ok.status_code == 302 and ok["Location"].endswith("/basis/")


def test_stale_step_conflicts(niger, client):
    request = services.mla_request_create(actor=niger)
    client.force_login(niger)
    client.post(
        f"/cooperation/{request.pk}/proceedings/",
        {"version": request.version, "facts": "First"},
    )
    stale = client.post(
        f"/cooperation/{request.pk}/proceedings/",
        {"version": request.version, "facts": "Second, typed with care"},
    )
    assert stale.status_code == 409
    assert "Second, typed with care" in stale.content.decode()


def test_complete_request_downloads_as_docx(niger, client):
    request = services.mla_request_create(actor=niger)
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    request = services.mla_request_save(
        actor=niger, request=request, expected_version=request.version, data=data
    )
    client.force_login(niger)
    review = client.get(f"/cooperation/{request.pk}/review/").content.decode()
    assert 'id="complete"' in review
    document = client.get(f"/cooperation/{request.pk}/document.docx")
    assert document.status_code == 200 and document.content.startswith(b"PK")
    client.post(f"/cooperation/{request.pk}/final/", {"version": request.version})
    request.refresh_from_db()
    assert request.status == "final"
    follow = client.post(f"/cooperation/{request.pk}/follow-up/")
    new = MlaRequest.objects.exclude(pk=request.pk).get(owner=niger)
    assert new.data["status"] == "follow_up" and new.data["follow_up_of"] == data["reference"]
    assert follow["Location"].endswith(f"/cooperation/{new.pk}/parties/")


def test_only_the_two_states_see_a_request(niger, persona, client):
    request = services.mla_request_create(actor=niger)
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    services.mla_request_save(actor=niger, request=request, expected_version=1, data=data)
    france = persona("fra", countries=("FRA",))
    outsider = persona("ken", countries=("KEN",))
    client.force_login(france)
    assert client.get(f"/cooperation/{request.pk}/review/").status_code == 200
    client.force_login(outsider)
    assert client.get(f"/cooperation/{request.pk}/review/").status_code == 404
    assert client.get(f"/cooperation/{request.pk}/document.docx").status_code == 404
    assert client.get(f"/cooperation/{request.pk}/parties/").status_code == 404
    assert data["reference"] not in client.get("/cooperation/").content.decode()
    client.logout()
    assert client.get(f"/cooperation/{request.pk}/review/").status_code == 302  # to sign-in


def test_drafting_for_a_state_outside_scope_is_refused(niger):
    request = services.mla_request_create(actor=niger)
    from ctassist.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        services.mla_request_save(
            actor=niger,
            request=request,
            expected_version=request.version,
            data={"requesting_state": "FRA"},
        )


def test_api_check_and_versioned_save(niger, persona, api_client_for):
    api = api_client_for(niger)
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    checked = api.post("/api/v1/mla/check", data, content_type="application/json").json()
    assert checked["complete"] is True
    request = services.mla_request_create(actor=niger)
    saved = api.put(
        f"/api/v1/mla/requests/{request.pk}",
        {"version": request.version, "request": data},
        content_type="application/json",
    )
    assert saved.status_code == 200 and saved.json()["check"]["complete"] is True
    stale = api.put(
        f"/api/v1/mla/requests/{request.pk}",
        {"version": request.version, "request": data},
        content_type="application/json",
    )
    assert stale.status_code == 409
    outsider = api_client_for(persona("k", countries=("KEN",)))
    assert outsider.get(f"/api/v1/mla/requests/{request.pk}").status_code == 404
    assert outsider.get("/api/v1/mla/requests").json() == []
