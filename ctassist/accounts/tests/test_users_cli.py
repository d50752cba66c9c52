"""`ctassist users create|token|list`: clear errors, nothing half-done, tokens that work."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ctassist.accounts.models import ApiToken, User
from ctassist.cli import main

pytestmark = pytest.mark.django_db


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_create_with_role_countries_and_password_from_stdin():
    result = run(
        "users",
        "create",
        "amina",
        "--role",
        "practitioner",
        "--country",
        "NGA",
        "--country",
        "Niger",
        "--password-stdin",
        input="a long passphrase 1234\n",
    )
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="amina")
    assert sorted(user.countries.values_list("code", flat=True)) == ["NER", "NGA"]
    assert user.check_password("a long passphrase 1234")
    assert user.password.startswith("argon2")


def test_unknown_country_fails_naming_it_and_creates_nothing():
    result = run("users", "create", "bob", "--role", "analyst", "--country", "Atlantis")
    assert result.exit_code == 1
    assert "Atlantis" in result.output
    assert "Traceback" not in result.output
    assert not User.objects.filter(username="bob").exists()


def test_bad_role_is_refused_by_the_parser():
    result = CliRunner().invoke(main, ["users", "create", "carol", "--role", "king"])
    assert result.exit_code == 2
    assert "king" in result.output
    assert not User.objects.filter(username="carol").exists()


def test_weak_password_is_refused_with_the_reason():
    result = run("users", "create", "dan", "--role", "editor", "--password-stdin", input="123\n")
    assert result.exit_code == 1
    assert "password" in result.output
    assert not User.objects.filter(username="dan").exists()


def test_token_is_printed_once_stored_hashed_and_authenticates(client):
    run("users", "create", "erin", "--role", "analyst", "--country", "KEN")
    result = run("users", "token", "erin")
    token = result.output.strip()
    assert token.startswith("cta_")
    stored = ApiToken.objects.get(user__username="erin")
    assert token not in {stored.digest, stored.prefix}
    response = client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()["username"] == "erin"
    wrong = client.get("/api/v1/accounts/me", headers={"Authorization": "Bearer cta_wrong"})
    assert wrong.status_code == 401


def test_token_for_unknown_user_is_a_clear_error():
    result = run("users", "token", "nobody")
    assert result.exit_code == 1
    assert "nobody" in result.output


def test_list_as_json_and_csv():
    run("users", "create", "fay", "--role", "analyst", "--country", "IRQ")
    records = json.loads(run("users", "list", "--format", "json").output)
    assert {
        "username": "fay",
        "role": "analyst",
        "organisation": "",
        "countries": ["IRQ"],
        "active": True,
    } in records
    csv_lines = run("users", "list", "--format", "csv").output.splitlines()
    assert csv_lines[0] == "username,role,countries,organisation,active"
    assert "fay,analyst,IRQ,,True" in csv_lines
