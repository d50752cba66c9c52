"""A password has at most 1,024 characters (issue 27, item 8): a 2 MB one is refused at sign-in
before it is hashed, and when it is set."""

from __future__ import annotations

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password

from ctassist.accounts.services import user_create
from ctassist.core.errors import InvalidInput

pytestmark = pytest.mark.django_db


def test_a_huge_password_is_refused_at_sign_in_before_hashing(persona, client, monkeypatch):
    persona("analyst", role="analyst")
    hashed: list[int] = []
    original = make_password

    def counting(password, *args, **kwargs):  # type: ignore[no-untyped-def]
        hashed.append(len(password or ""))
        return original(password, *args, **kwargs)

    monkeypatch.setattr("django.contrib.auth.hashers.make_password", counting)
    monkeypatch.setattr("django.contrib.auth.base_user.make_password", counting, raising=False)

    def checking(self, raw):  # type: ignore[no-untyped-def]
        hashed.append(len(raw))
        return False

    monkeypatch.setattr(AbstractBaseUser, "check_password", checking)
    answer = client.post("/accounts/login/", {"username": "analyst", "password": "x" * 2_000_000})
    assert answer.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session
    assert "1024" in answer.content.decode() or "1 024" in answer.content.decode()
    assert not [n for n in hashed if n > 1024], "a 2 MB password reached the hasher"


def test_a_huge_password_cannot_be_set():
    with pytest.raises(InvalidInput) as refused:
        user_create(actor=None, username="long", role="analyst", password="y" * 5_000)
    assert refused.value.problems[0].field == "password"


def test_a_long_but_bounded_passphrase_is_accepted():
    user = user_create(
        actor=None, username="poet", role="analyst", password="a quiet harbour " * 60
    )
    assert user.check_password("a quiet harbour " * 60)
