"""Bad input to the MLA API is a 422 that names the fields, never a server error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_an_empty_facilitation_is_refused_field_by_field(api_client_for):
    from ctassist.accounts.models import User
    from ctassist.mla.models import TrackedRequest

    tracked = TrackedRequest.objects.order_by("pk").first()
    assert tracked is not None
    client = api_client_for(User.objects.get(username="demo-admin"))
    response = client.post(
        f"/api/v1/mla/tracking/{tracked.pk}/facilitations",
        {"action": "", "network": "", "on": "1963-09-14"},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    fields = {p["field"] for p in response.json().get("problems", [])}
    assert {"action", "network"} & fields


def test_the_facilitation_actions_are_the_models(client):
    from ctassist.mla.models import Facilitation

    schema = client.get("/api/v1/openapi.json").json()
    body = schema["paths"]["/api/v1/mla/tracking/{tracked_id}/facilitations"]["post"]
    ref = body["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    declared = schema["components"]["schemas"][ref]["properties"]["action"]["enum"]
    assert sorted(declared) == sorted(Facilitation.Action.values)
