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
    # "Not found", like any page that does not exist (issue 17: a schema-valid page number is
    # not bad input).
    response = client.get("/api/v1/geo/states?page=99")
    assert response.status_code == 404
    assert "does not exist" in response.json()["message"]


def test_unknown_region_and_unknown_state(client):
    # A well-formed M49 code that names no region breaks a rule (stored data); a malformed one
    # breaks the schema.
    assert client.get("/api/v1/geo/states?region=999").json()["code"] == "rule"
    assert client.get("/api/v1/geo/states?region=Africa").json()["code"] == "invalid"
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


def test_every_operation_declares_its_errors_and_public_reads_need_no_token(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["code", "message"]
    operations = [
        (path, method, op)
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
        if isinstance(op, dict) and "responses" in op
    ]
    assert len(operations) >= 50
    for path, method, op in operations:
        assert {"404", "422", "503"} <= set(op["responses"]), (method, path)
        if method in ("post", "put", "patch", "delete"):
            assert {"400", "409"} <= set(op["responses"]), (method, path)
    states = schema["paths"]["/api/v1/geo/states"]["get"]
    assert {} in states["security"] and "401" not in states["responses"]
    patch = schema["paths"]["/api/v1/geo/states/{code}"]["patch"]
    assert {} not in patch.get("security", []) and "401" in patch["responses"]
    # Dates are written YYYY-MM-DD: a number is not a date.
    assert client.get("/api/v1/treaties/instruments?as_of=0").status_code == 422


def test_a_value_the_database_cannot_store_is_the_callers_error(client):
    """A NUL character in a text (PostgreSQL refuses it) is a 422, never a server error."""
    response = client.get("/api/v1/geo/states", {"q": "Nig\x00eria"})
    assert response.status_code in (200, 422)  # SQLite stores NUL; PostgreSQL refuses it
    if response.status_code == 422:
        assert response.json()["code"] == "invalid"


def test_a_one_value_parameter_given_twice_is_refused(client):
    response = client.get("/api/v1/geo/states?q=Niger&q=Nigeria")
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "q"


def test_two_models_choices_keep_their_own_values_in_the_contract(client):
    schema = client.get("/api/v1/openapi.json").json()
    states = schema["paths"]["/api/v1/geo/states"]["get"]["parameters"]
    kind = next(p for p in states if p["name"] == "kind")
    assert "member" in str(kind["schema"]) and "preservation" not in str(kind["schema"])


def test_a_body_over_the_limit_is_a_413_in_the_error_shape(persona, api_client_for, settings):
    # issue 27, item 7: it was a 500 server_error.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    editor = api_client_for(persona("ed", role="editor"))
    body = '{"q": "' + "x" * 5_000 + '"}'
    answer = editor.post("/api/v1/library/saved-searches", body, content_type="application/json")
    assert answer.status_code == 413
    assert answer.json()["code"] == "too_large" and "1,000 bytes" in answer.json()["message"]
    schema = editor.get("/api/v1/openapi.json").json()
    assert "413" in schema["paths"]["/api/v1/library/saved-searches"]["post"]["responses"]
