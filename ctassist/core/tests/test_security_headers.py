"""Every page and API answer carries the security headers, so new apps inherit them by adding
nothing (issue 27, items 6 and 9): a Content-Security-Policy that allows scripts only from the
site, a Permissions-Policy, `no-store` on whatever is answered to a signed-in user or a token
(personal records), downloads named safely, and no export cell that runs as a formula."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from ctassist.core.tests.main_pages import PUBLIC_PAGES, SIGNED_IN_PAGES

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def _strict(response) -> None:
    policy = _csp(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == "object-src 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_carry_a_strict_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    _strict(response)


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_pages_are_never_stored(client, path):
    from ctassist.accounts.models import User

    client.force_login(User.objects.get(username="demo-admin"))
    response = client.get(path)
    assert response.status_code == 200
    _strict(response)
    assert "no-store" in response["Cache-Control"]


def test_api_answers_with_a_token_are_never_stored(api_client_for):
    from ctassist.accounts.models import User

    api = api_client_for(User.objects.get(username="demo-prosecutor-nga"))
    response = api.get("/api/v1/cases/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Permissions-Policy" in response


def test_exports_of_signed_in_pages_are_never_stored_and_hold_no_formula(client):
    from ctassist.accounts.models import User

    client.force_login(User.objects.get(username="demo-admin"))
    for path in ("/cases/?format=csv", "/cooperation/tracking/?format=csv"):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"]
        assert response["Content-Disposition"].startswith("attachment;")
        rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
        assert not [c for row in rows for c in row if c[:1] in ("=", "+", "@")]
    book = openpyxl.load_workbook(io.BytesIO(client.get("/cases/?format=xlsx").content))
    assert not [c for row in book.active.iter_rows() for c in row if c.data_type == "f"]


def test_the_record_page_data_block_has_this_answers_nonce(client):
    response = client.get("/library/records/demo-leg-nga-2013/")
    nonce = _csp(response)["script-src"].split("'nonce-")[1].split("'")[0]
    assert f'<script type="application/ld+json" nonce="{nonce}">' in response.content.decode()
