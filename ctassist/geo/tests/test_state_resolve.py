"""One function resolves every State name a source uses; unknown names are an error that
names the name."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ctassist.geo.reference import normalize_name
from ctassist.geo.selectors import UnknownStateName, state_resolve

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("TURKIYE", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Syrian Arab Republic", "SYR"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("the Niger", "NER"),
        ("Niger", "NER"),
        ("Swaziland", "SWZ"),
        ("St. Kitts and Nevis", "KNA"),
        ("Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("Viet Nam", "VNM"),
        ("Nigéria", "NGA"),
        ("NGA", "NGA"),
        ("ng", "NGA"),
        ("نيجيريا", "NGA"),
        ("尼日利亚", "NGA"),
        ("Cook Islands", "COK"),
        ("Niue", "NIU"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
    ],
)
def test_names_and_aliases_resolve(name, code):
    assert state_resolve(name).code == code


def test_unknown_name_is_an_error_naming_it():
    with pytest.raises(UnknownStateName) as error:
        state_resolve("Atlantis")
    assert "Atlantis" in error.value.message
    assert error.value.code == "unknown_state"


def _shared(*parts: str):
    path = settings.CTASSIST_SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data {path} is absent (set CTASSIST_SHARED_DATA)")
    return path


def test_every_participant_in_the_treaty_records_resolves():
    folder = _shared("treaties", "participation")
    unresolved = set()
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                key = row["iso3"] or row["participant"]
                try:
                    state_resolve(key)
                    state_resolve(row["participant"])
                except UnknownStateName:
                    unresolved.add((path.name, row["participant"]))
    assert not unresolved


def test_every_nationality_in_the_sanctions_list_resolves_or_is_reported():
    path = next(iter(_shared("sanctions").glob("*.xml")))
    names = {
        value.text.strip()
        for value in ET.parse(path).iter("VALUE")
        if value.text and value.text.strip()
    }
    nationalities = set()
    for individual in ET.parse(path).iter("INDIVIDUAL"):
        for value in individual.findall("./NATIONALITY/VALUE"):
            if value.text and value.text.strip():
                nationalities.add(value.text.strip())
    assert nationalities and nationalities <= names
    unresolved = sorted(n for n in nationalities if not _resolves(n))
    assert unresolved == [], unresolved


def _resolves(name: str) -> bool:
    try:
        state_resolve(name)
    except UnknownStateName:
        return False
    return True


@hypothesis_settings(
    max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.text(max_size=40))
def test_any_text_resolves_or_raises_a_clear_error(text):
    try:
        state = state_resolve(text)
    except UnknownStateName as error:
        assert repr(text) in error.message
    else:
        assert normalize_name(text)
        assert state.code


@given(st.text(max_size=60))
def test_normalizing_is_idempotent(text):
    once = normalize_name(text)
    assert normalize_name(once) == once
