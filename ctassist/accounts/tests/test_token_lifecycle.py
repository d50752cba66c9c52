"""API tokens expire (90 days unless said otherwise), their owner lists and revokes them on a
page and an operator on the CLI, and a new password or a deactivation revokes them all
(issue 27, item 5)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from click.testing import CliRunner
from django.test import Client
from django.utils import timezone

from ctassist.accounts.models import ApiToken
from ctassist.accounts.services import token_issue
from ctassist.cli import main
from ctassist.core.errors import InvalidInput

pytestmark = pytest.mark.django_db

ME = "/api/v1/accounts/users"


def _bearer(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_a_token_lasts_90_days_by_default_and_then_is_refused(persona):
    user = persona("analyst", role="analyst")
    token = token_issue(actor=None, user=user)
    stored = ApiToken.objects.get(user=user)
    assert stored.expires_at.date() == (timezone.now() + dt.timedelta(days=90)).date()
    assert _bearer(token).get(ME).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=91)):
        assert _bearer(token).get(ME).status_code == 401


def test_a_token_can_be_issued_for_fewer_days_but_not_for_ever(persona):
    user = persona("analyst", role="analyst")
    token = token_issue(actor=None, user=user, days=1)
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        assert _bearer(token).get(ME).status_code == 401
    with pytest.raises(InvalidInput):
        token_issue(actor=None, user=user, days=10_000)
    with pytest.raises(InvalidInput):
        token_issue(actor=None, user=user, days=0)


def test_a_new_password_revokes_every_token(persona):
    user = persona("analyst", role="analyst")
    tokens = [token_issue(actor=None, user=user, name=f"t{n}") for n in range(2)]
    user.set_password("a new and long passphrase 2026")
    user.save()
    assert [_bearer(t).get(ME).status_code for t in tokens] == [401, 401]
    assert set(ApiToken.objects.filter(user=user).values_list("revoked_why", flat=True)) == {
        "password changed"
    }


def test_a_deactivated_account_loses_its_tokens_for_good(persona):
    user = persona("analyst", role="analyst")
    token = token_issue(actor=None, user=user)
    user.is_active = False
    user.save()
    user.is_active = True
    user.save()
    assert _bearer(token).get(ME).status_code == 401


def test_the_owner_lists_and_revokes_on_the_page_and_no_one_else_can(persona):
    owner = persona("analyst", role="analyst")
    other = persona("other", role="analyst")
    token = token_issue(actor=None, user=owner, name="nightly export")
    prefix = token[:10]
    page = Client()
    page.force_login(owner)
    listing = page.get("/accounts/tokens/").content.decode()
    assert "nightly export" in listing and prefix in listing and token not in listing
    intruder = Client()
    intruder.force_login(other)
    assert intruder.post(f"/accounts/tokens/{prefix}/revoke/").status_code == 404
    assert _bearer(token).get(ME).status_code == 200
    assert page.post(f"/accounts/tokens/{prefix}/revoke/").status_code == 302
    assert _bearer(token).get(ME).status_code == 401
    assert Client().get("/accounts/tokens/").status_code == 302  # sign in first


def test_the_operator_lists_and_revokes_on_the_cli(persona):
    user = persona("analyst", role="analyst")
    token = token_issue(actor=None, user=user, name="reporting")
    runner = CliRunner()
    listed = runner.invoke(main, ["users", "tokens", "analyst", "--format", "json"])
    assert listed.exit_code == 0 and '"state": "active"' in listed.output
    assert token not in listed.output
    revoked = runner.invoke(main, ["users", "revoke", token[:10]])
    assert revoked.exit_code == 0, revoked.output
    assert _bearer(token).get(ME).status_code == 401
    again = runner.invoke(main, ["users", "tokens", "analyst", "--format", "json"])
    assert '"state": "revoked"' in again.output
    unknown = runner.invoke(main, ["users", "revoke", "cta_nothing"])
    assert unknown.exit_code != 0 and "Traceback" not in unknown.output


def test_last_use_is_recorded_to_the_minute_without_a_write_per_request(persona):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = persona("analyst", role="analyst")
    token = token_issue(actor=None, user=user)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _bearer(token).get(ME).status_code == 200
    assert ApiToken.objects.get(user=user).last_used_at == start
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        with CaptureQueriesContext(connection) as queries:
            _bearer(token).get(ME)
        assert not [q for q in queries.captured_queries if "UPDATE" in q["sql"].upper()]
    with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
        _bearer(token).get(ME)
    assert ApiToken.objects.get(user=user).last_used_at == start + dt.timedelta(minutes=2)
