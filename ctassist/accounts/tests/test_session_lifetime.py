"""A signed-in session ends (issue 27, item 4): 30 minutes without a request, or 12 hours after
sign-in however busy; the sign-in page then says why. The session cookie lasts at most 12 h."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

PAGE = "/accounts/users/"


def _signed_in(client, persona):
    user = persona("analyst", role="analyst", countries=("NGA",))
    client.force_login(user)
    assert client.get(PAGE).status_code == 200
    return user


def test_thirty_minutes_idle_signs_out_and_the_page_says_why(client, persona):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _signed_in(client, persona)
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        assert client.get(PAGE).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=29 + 31), tick=False):
        answer = client.get(PAGE)
        assert answer.status_code == 302 and "why=idle" in answer["Location"]
        page = client.get(answer["Location"]).content.decode()
        assert "30 minutes without activity" in page
        assert "_auth_user_id" not in client.session


def test_twelve_hours_after_sign_in_the_session_ends_however_busy(client, persona):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _signed_in(client, persona)
    for minutes in range(20, 12 * 60, 20):  # a request every 20 minutes all day
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert client.get(PAGE).status_code == 200
    with time_machine.travel(start + dt.timedelta(hours=12, minutes=5), tick=False):
        answer = client.get(PAGE)
        assert answer.status_code == 302 and "why=expired" in answer["Location"]


def test_the_session_cookie_lasts_at_most_twelve_hours(client, persona):
    user = persona("analyst", role="analyst")
    answer = client.post(
        "/accounts/login/", {"username": user.username, "password": "correct horse battery staple"}
    )
    assert answer.status_code == 302
    cookie = answer.cookies[settings.SESSION_COOKIE_NAME]
    assert 0 < int(cookie["max-age"]) <= 12 * 3600
