"""Sign-in: argon2-hashed passwords, and repeated failures lock the account for that address."""

from __future__ import annotations

import pytest


@pytest.fixture
def amina(persona):
    return persona("amina", countries=("NGA",))


def _attempt(client, password):
    return client.post(
        "/accounts/login/", {"username": "amina", "password": password}, REMOTE_ADDR="203.0.113.9"
    )


def test_correct_password_signs_in(amina, client):
    response = _attempt(client, "correct horse battery staple")
    assert response.status_code == 302
    assert amina.password.startswith("argon2")


def test_five_failures_lock_even_the_right_password_out(amina, client):
    for _ in range(5):
        assert _attempt(client, "wrong").status_code in {200, 429}
    locked = _attempt(client, "correct horse battery staple")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
