"""The home and States pages in the six UN languages: right language, right direction,
country names in the reader's language, and landmarks for assistive technology."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

LANGUAGES = {"en": "ltr", "fr": "ltr", "es": "ltr", "ru": "ltr", "zh-hans": "ltr", "ar": "rtl"}


@pytest.mark.parametrize(("language", "direction"), LANGUAGES.items())
def test_home_page_in_each_language(client, language, direction):
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(f"{prefix}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in body
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in body
    assert 'href="#main"' in body  # skip link


@pytest.mark.parametrize(
    ("prefix", "name"),
    [
        ("", "Kazakhstan"),
        ("/fr", "Kazakhstan"),
        ("/ar", "كازاخستان"),
        ("/ru", "Казахстан"),
        ("/zh-hans", "哈萨克斯坦"),
        ("/es", "Kazajistán"),
    ],
)
def test_state_names_render_in_the_page_language(client, prefix, name):
    body = client.get(f"{prefix}/states/?region=143").content.decode()
    assert name in body


def test_translated_interface_strings(client):
    from django.conf import settings

    if not any((settings.BASE_DIR / "ctassist/locale/fr/LC_MESSAGES").glob("*.mo")):
        pytest.skip("translations are not compiled: run `make setup`")
    assert "Langue" in client.get("/fr/").content.decode()
    assert "اللغة" in client.get("/ar/").content.decode()


def test_language_switcher_redirects_to_the_chosen_language(client):
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/states/"})
    assert response.status_code == 302
    assert response["Location"] == "/ar/states/"


def test_no_asset_comes_from_outside(client):
    body = client.get("/").content.decode()
    assert "//cdn" not in body and "https://" not in body.split("<footer")[0]


def test_state_list_htmx_partial(client):
    response = client.get("/states/?region=143", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert "Kazakhstan" in body and "Nigeria" not in body


def test_state_list_is_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/states/")
