"""The geo reference data: every UN Member State, the observers and the other treaty
participants, with ISO codes, M49 regions and names in the six UN languages."""

from __future__ import annotations

import pytest

from ctassist.core.models import AuditEntry
from ctassist.geo.models import Region, State, StateAlias
from ctassist.geo.services import geo_reference_load

pytestmark = pytest.mark.django_db


def test_193_member_states_with_names_in_six_languages():
    members = State.objects.filter(kind="member")
    assert members.count() == 193
    for state in members:
        assert all(state.names().values()), f"{state.code} lacks a name in some language"
        assert len(state.iso2) == 2
        assert len(state.iso3) == 3
        assert state.region is not None
        assert state.subregion is not None


def test_observers_and_other_participants():
    assert set(State.objects.filter(kind="observer").values_list("code", flat=True)) == {
        "VAT",
        "PSE",
    }
    assert State.objects.get(code="PSE").name_en == "State of Palestine"
    assert State.objects.get(code="VAT").name_fr == "Saint-Siège"
    others = set(State.objects.filter(kind="other").values_list("code", flat=True))
    assert {"COK", "NIU"} <= others


def test_m49_tree_places_states_where_the_un_does():
    nigeria = State.objects.get(code="NGA")
    assert (nigeria.region.m49, nigeria.subregion.m49, nigeria.intermediate_region.m49) == (
        "002",
        "202",
        "011",
    )
    brazil = State.objects.get(code="BRA")
    assert (brazil.region.m49, brazil.subregion.m49) == ("019", "419")
    assert State.objects.get(code="KAZ").subregion.name_en == "Central Asia"
    assert Region.objects.filter(level="region").count() == 5


def test_former_states_have_no_guessed_region_or_names():
    ussr = State.objects.get(code="SUN")
    assert ussr.kind == "former"
    assert ussr.region is None
    assert ussr.name_fr == ""
    assert ussr.name == "Union of Soviet Socialist Republics"


def test_names_follow_the_active_language():
    from django.utils import translation

    niger = State.objects.get(code="NER")
    with translation.override("ar"):
        assert niger.name == "النيجر"
    with translation.override("zh-hans"):
        assert niger.name == "尼日尔"
    with translation.override("ru"):
        assert niger.name == "Нигер"


def test_loading_twice_changes_nothing():
    before = (
        State.objects.count(),
        StateAlias.objects.count(),
        Region.objects.count(),
        sorted(State.objects.values_list("code", "version", "name_en", "region_id")),
    )
    audit_before = AuditEntry.objects.count()
    geo_reference_load()
    after = (
        State.objects.count(),
        StateAlias.objects.count(),
        Region.objects.count(),
        sorted(State.objects.values_list("code", "version", "name_en", "region_id")),
    )
    assert before == after
    assert AuditEntry.objects.count() == audit_before


def test_loading_keeps_an_editors_correction(persona):
    from ctassist.geo.services import state_update

    editor = persona("ed", role="editor")
    chad = State.objects.get(code="TCD")
    state_update(
        actor=editor,
        state=chad,
        expected_version=chad.version,
        changes={"name_es": "Chad (corregido)"},
    )
    geo_reference_load()
    assert State.objects.get(code="TCD").name_es == "Chad (corregido)"
