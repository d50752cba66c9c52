"""The API's contract: JSON errors with a stable code, pagination, the OpenAPI schema and its
docs served without any CDN, and /healthz."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_states_are_public_and_paginated(client):
    first = client.get("/api/v1/geo/states?page_size=50").json()
    assert first["count"] == 204
    assert first["pages"] == 5
    assert len(first["results"]) == 50
    assert first["previous"] is None
    assert "page=2" in first["next"]
    last = client.get("/api/v1/geo/states?page_size=50&page=5").json()
    assert len(last["results"]) == 4


def test_region_filter_and_six_names(client):
    states = client.get("/api/v1/geo/states?region=143&page_size=500").json()["results"]
    assert {s["code"] for s in states} == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    kaz = next(s for s in states if s["code"] == "KAZ")
    assert set(kaz["names"]) == {"ar", "zh-hans", "en", "fr", "ru", "es"}
    assert kaz["names"]["ru"] == "Казахстан"


def test_names_follow_accept_language(client):
    state = client.get("/api/v1/geo/states/NER", headers={"Accept-Language": "fr"}).json()
    assert state["name"] == "Niger"
    state = client.get("/api/v1/geo/states/NER", headers={"Accept-Language": "ar"}).json()
    assert state["name"] == "النيجر"


def test_bad_query_value_is_a_422_naming_the_field(client):
    response = client.get("/api/v1/geo/states?page=zero")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert body["problems"][0]["field"] == "page"
    assert body["message"]


def test_page_past_the_end_is_a_clear_error(client):
    response = client.get("/api/v1/geo/states?page=99")
    assert response.status_code == 422
    assert "does not exist" in response.json()["message"]


def test_unknown_region_and_unknown_state(client):
    assert client.get("/api/v1/geo/states?region=999").json()["code"] == "invalid"
    missing = client.get("/api/v1/geo/states/XXX")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "message": "No State with code 'XXX'"}


def test_malformed_json_body_is_a_422(persona, api_client_for):
    editor = persona("ed", role="editor")
    response = api_client_for(editor).patch(
        "/api/v1/geo/states/NER", "{not json", content_type="application/json"
    )
    assert response.status_code in {400, 422}
    assert response.json()["code"] in {"invalid", "http_error"}
    missing_version = api_client_for(editor).patch(
        "/api/v1/geo/states/NER", {"name_en": "Niger"}, content_type="application/json"
    )
    assert missing_version.status_code == 422
    assert missing_version.json()["problems"][0]["field"] == "version"


def test_openapi_schema_documents_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/geo/states" in schema["paths"]
    assert "/api/v1/accounts/users" in schema["paths"]
    assert "patch" in schema["paths"]["/api/v1/geo/states/{code}"]


def test_docs_page_uses_only_local_assets(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    body = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn." not in body and "unpkg" not in body and "jsdelivr" not in body


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
