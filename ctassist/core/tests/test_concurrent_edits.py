"""Two people editing the same record: the second save with a stale version conflicts and
nothing is overwritten — in the service, the API (409) and the web form (409, text kept)."""

from __future__ import annotations

import pytest

from ctassist.core.errors import ConflictError
from ctassist.geo.models import State
from ctassist.geo.services import state_update


@pytest.fixture
def editors(persona):
    return persona("ed1", role="editor"), persona("ed2", role="editor")


def test_stale_version_conflicts_and_first_save_stands(editors):
    first, second = editors
    opened = State.objects.get(code="KEN")
    version = opened.version
    state_update(
        actor=first,
        state=opened,
        expected_version=version,
        changes={"official_name_en": "Republic of Kenya (first)"},
    )
    with pytest.raises(ConflictError) as conflict:
        state_update(
            actor=second,
            state=opened,
            expected_version=version,
            changes={"official_name_en": "Republic of Kenya (second)"},
        )
    assert "changed by someone else" in conflict.value.message
    stored = State.objects.get(code="KEN")
    assert stored.official_name_en == "Republic of Kenya (first)"
    assert stored.version == version + 1


def test_api_answers_409_with_a_stable_code(editors, api_client_for):
    first, second = editors
    version = State.objects.get(code="FRA").version
    ok = api_client_for(first).patch(
        "/api/v1/geo/states/FRA",
        {"version": version, "official_name_en": "French Republic (a)"},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert ok.json()["version"] == version + 1
    stale = api_client_for(second).patch(
        "/api/v1/geo/states/FRA",
        {"version": version, "official_name_en": "French Republic (b)"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert State.objects.get(code="FRA").official_name_en == "French Republic (a)"


def test_web_form_shows_conflict_and_keeps_the_users_text(editors, client):
    first, second = editors
    kenya = State.objects.get(code="KEN")
    state_update(
        actor=first,
        state=kenya,
        expected_version=kenya.version,
        changes={"name_fr": "Kenya (modifié)"},
    )
    client.force_login(second)
    response = client.post(
        "/states/KEN/edit/",
        {
            "version": kenya.version,
            "name_en": "Kenya",
            "name_fr": "Kenya (mon texte)",
            "name_ar": kenya.name_ar,
            "name_zh": kenya.name_zh,
            "name_ru": kenya.name_ru,
            "name_es": kenya.name_es,
            "official_name_en": kenya.official_name_en,
        },
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "changed by someone else" in body
    assert "Kenya (mon texte)" in body
    assert State.objects.get(code="KEN").name_fr == "Kenya (modifié)"


def test_non_editors_cannot_change_reference_data(persona, api_client_for):
    practitioner = persona("pr", role="practitioner", countries=("NGA",))
    version = State.objects.get(code="NGA").version
    response = api_client_for(practitioner).patch(
        "/api/v1/geo/states/NGA",
        {"version": version, "name_en": "X"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert State.objects.get(code="NGA").name_en == "Nigeria"
