"""Pages on a slow link (docs/adr/0016): text answers are compressed, public pages set no cookie
and may be kept by a shared cache, the language switch works without a CSRF token."""

from __future__ import annotations

import gzip
import itertools

import pytest
from django.conf import settings

from ctassist.core.tests.main_pages import PUBLIC_PAGES, SIGNED_IN_PAGES

pytestmark = pytest.mark.django_db

PREFIX = {"en": "", "ar": "/ar", "zh-hans": "/zh-hans", "fr": "/fr", "ru": "/ru", "es": "/es"}
GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_a_page_is_gzipped_for_a_browser_that_accepts_it(client):
    plain = client.get("/treaties/matrix/")
    packed = client.get("/treaties/matrix/", headers=GZIP)
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 10
    html = gzip.decompress(packed.content).decode()
    assert html.startswith("<!doctype html>")
    assert "States and instruments" in html


def test_json_is_gzipped_and_a_spreadsheet_is_not(client):
    answer = client.get("/api/v1/geo/states", headers=GZIP)
    assert answer["Content-Encoding"] == "gzip"
    assert gzip.decompress(answer.content).startswith(b"{")
    sheet = client.get("/treaties/states/NGA/?format=xlsx", headers=GZIP)
    assert sheet.status_code == 200
    assert "Content-Encoding" not in sheet


def test_a_page_asked_for_again_unchanged_is_a_304(client):
    first = client.get("/treaties/", headers=GZIP)
    again = client.get("/treaties/", headers={**GZIP, "If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/ar/treaties/matrix/"])
def test_a_public_page_sets_no_cookie_and_may_be_cached(client, path):
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert not response.cookies, f"{path} sets {list(response.cookies)}"
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_a_cache_keeps_the_page_and_its_htmx_part_apart(client):
    whole = client.get("/library/?q=terrorism")
    part = client.get("/library/?q=terrorism", headers={"HX-Request": "true"})
    assert "<html" in whole.content.decode()
    assert "<html" not in part.content.decode()
    for response in (whole, part):
        assert "HX-Request" in response["Vary"]


def test_a_signed_in_page_is_private(client, persona):
    client.force_login(persona("pages-editor", role="editor", countries=("NGA",)))
    for path in ("/states/NGA/", SIGNED_IN_PAGES[0]):
        response = client.get(path)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]


def test_an_api_answer_to_a_token_is_private(client, persona, api_client_for):
    api = api_client_for(persona("pages-api", role="editor", countries=("NGA",)))
    response = api.get("/api/v1/geo/states/NGA")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    anonymous = client.get("/api/v1/geo/states/NGA")
    assert "public" in anonymous["Cache-Control"]
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in anonymous["Vary"].split(",")}


def test_the_sign_in_page_is_never_public(client):
    response = client.get("/accounts/login/")
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("source", "target"), list(itertools.permutations(PREFIX, 2)), ids=lambda code: code
)
def test_the_switch_by_get_goes_from_every_language_to_every_other(client, source, target):
    page = f"{PREFIX[source]}/library/?q=terrorism"
    response = client.get("/i18n/setlang/", {"interface_language": target, "next": page})
    assert response.status_code == 302
    assert response["Location"] == f"{PREFIX[target]}/library/?q=terrorism"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == target
    assert "no-store" in response["Cache-Control"]
    landed = client.get(response["Location"])
    assert landed.status_code == 200
    assert f'<html lang="{target}"' in landed.content.decode()


def test_the_switch_by_get_stays_on_this_site(client):
    response = client.get(
        "/i18n/setlang/", {"interface_language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/fr/"
    unknown = client.get("/i18n/setlang/", {"interface_language": "xx", "next": "/states/"})
    assert unknown["Location"] == "/states/"
    assert settings.LANGUAGE_COOKIE_NAME not in unknown.cookies


def test_the_favicon_is_served(client):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/core/favicon.svg" type="image/svg+xml">' in page
    assert client.get("/static/core/favicon.svg").status_code == 200


@pytest.mark.parametrize(
    ("prefix", "words"), [("", "Counter-terrorism"), ("/ar", "مكافحة الإرهاب")]
)
def test_every_page_describes_the_site_in_its_language(client, prefix, words):
    page = client.get(f"{prefix}/treaties/").content.decode()
    described = page.split('<meta name="description" content="')[1].split('"')[0]
    assert words in described
