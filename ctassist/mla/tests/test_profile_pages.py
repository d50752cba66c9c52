"""Requested-State profiles on the web: anyone reads them (with the central authority from the
library's directory and the notices in force); editors record and change them, stamped as
verified by them; a stale version conflicts and keeps nothing; others cannot change them."""

from __future__ import annotations

import pytest

from ctassist.core.models import AuditEntry
from ctassist.mla.models import RequestedStateProfile

pytestmark = pytest.mark.django_db


def _post(client, code, **extra):
    data = {
        "accepted_languages": "fr, EN",
        "channels": ["central_authority", "diplomatic"],
        "electronic_transmission": "true",
        "double_criminality": "coercive",
        "use_limitations": "Only for the proceedings named.",
        "requirement__banking_records": "Account numbers and the period.",
        **extra,
    }
    return client.post(f"/cooperation/profiles/{code}/", data)


def test_editor_records_and_changes_a_profile(client, persona):
    editor = persona("editor", role="editor")
    client.force_login(editor)
    assert _post(client, "TCD").status_code == 302
    profile = RequestedStateProfile.objects.get(state__code="TCD")
    assert profile.accepted_languages == ["fr", "en"] and profile.verified_by == editor
    assert profile.special_requirements == {"banking_records": "Account numbers and the period."}
    page = client.get("/cooperation/profiles/TCD/").content.decode()
    assert "Account numbers and the period." in page and "Banking and business records" in page
    assert (
        _post(client, "TCD", version=profile.version, double_criminality="always").status_code
        == 302
    )
    profile.refresh_from_db()
    assert profile.double_criminality == "always"
    stale = _post(client, "TCD", version=profile.version - 1, double_criminality="not_required")
    assert stale.status_code == 409
    profile.refresh_from_db()
    assert profile.double_criminality == "always"
    assert AuditEntry.objects.filter(model="mla.requestedstateprofile", action="update").exists()
    assert client.get("/cooperation/profiles/?state=TCD").status_code == 302
    assert client.get("/cooperation/profiles/?state=a/b").status_code == 200  # no such State


def test_public_reads_and_practitioner_cannot_change(client, persona):
    listing = client.get("/cooperation/profiles/").content.decode()
    assert "France" in listing  # the demo profiles
    page = client.get("/cooperation/profiles/FRA/").content.decode()
    assert "Central authority" in page and 'id="profile-form"' not in page
    client.force_login(persona("p", countries=("NER",)))
    assert _post(client, "FRA", version=1).status_code == 403
    assert client.get("/cooperation/profiles/ZZZ/").status_code == 404


def test_profiles_through_the_api(api_client_for, persona):
    editor = api_client_for(persona("editor", role="editor"))
    created = editor.put(
        "/api/v1/mla/profiles/tcd",
        {"accepted_languages": ["fr"], "channels": ["diplomatic"], "double_criminality": "always"},
        content_type="application/json",
    )
    assert created.status_code == 200 and created.json()["accepted_languages"] == ["fr"]
    version = created.json()["version"]
    stale = editor.put(
        "/api/v1/mla/profiles/TCD", {"version": version + 5}, content_type="application/json"
    )
    assert stale.status_code == 409
    blind = editor.put("/api/v1/mla/profiles/TCD", {}, content_type="application/json")
    assert blind.status_code == 422  # changing an existing profile needs its version
    public = api_client_for(None)
    assert public.get("/api/v1/mla/profiles/TCD").json()["double_criminality"] == "always"
    outsider = api_client_for(persona("p", countries=("NER",)))
    refused = outsider.put(
        "/api/v1/mla/profiles/TCD", {"version": version}, content_type="application/json"
    )
    assert refused.status_code == 403
