"""The reader's language: a first visit follows the language cookie, then Accept-Language, then
English; the language switch goes from any of the six languages to any other and keeps the page."""

from __future__ import annotations

import itertools

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PREFIX = {"en": "", "ar": "/ar", "zh-hans": "/zh-hans", "fr": "/fr", "ru": "/ru", "es": "/es"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ar", "/ar/"),
        ("fr", "/fr/"),
        ("zh-CN", "/zh-hans/"),
        ("ar-SA,ar;q=0.9", "/ar/"),
        ("es-419,es;q=0.8,en;q=0.5", "/es/"),
        ("de-DE,de;q=0.9", None),
        ("en-GB,en;q=0.9,fr;q=0.8", None),
    ],
)
def test_a_first_visit_follows_accept_language(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header})
    if expected is None:
        assert response.status_code == 200
        assert '<html lang="en"' in response.content.decode()
    else:
        assert response.status_code == 302
        assert response["Location"] == expected
        assert "Accept-Language" in response["Vary"]


def test_the_page_and_its_query_are_kept(client):
    response = client.get("/states/?region=143", headers={"Accept-Language": "ru"})
    assert response["Location"] == "/ru/states/?region=143"


def test_the_cookie_wins_over_the_header(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/", headers={"Accept-Language": "ar"})
    assert response.status_code == 200
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get("/states/NGA/")["Location"] == "/fr/states/NGA/"


def test_a_prefixed_link_keeps_its_language_and_the_api_is_not_redirected(client):
    assert client.get("/ar/", headers={"Accept-Language": "fr"}).status_code == 200
    api = client.get("/api/v1/geo/states/NER", headers={"Accept-Language": "fr"})
    assert api.status_code == 200
    assert api.json()["name"] == "Niger"
    assert client.get("/healthz", headers={"Accept-Language": "ar"}).status_code == 200


@pytest.mark.parametrize(
    ("source", "target"), list(itertools.permutations(PREFIX, 2)), ids=lambda code: code
)
def test_the_switch_goes_from_every_language_to_every_other(client, source, target):
    page = f"{PREFIX[source]}/states/NGA/?x=1"
    response = client.post("/i18n/setlang/", {"language": target, "next": page})
    assert response.status_code == 302
    assert response["Location"] == f"{PREFIX[target]}/states/NGA/?x=1"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == target
    landed = client.get(response["Location"])
    assert landed.status_code == 200
    lang = "zh-hans" if target == "zh-hans" else target
    assert f'<html lang="{lang}"' in landed.content.decode()
