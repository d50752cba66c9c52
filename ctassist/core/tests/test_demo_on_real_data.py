"""`ctassist demo` refuses a database that has real users (issue 27, item 8): the demo adds
users who share one known password, which must never happen on a production database."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow]


def test_the_demo_refuses_a_database_with_real_users(instance):
    made = instance.run(
        "users",
        "create",
        "amina",
        "--role",
        "admin",
        "--password-stdin",
        stdin="a-long-enough-password-4-tests\n",
    )
    assert made.returncode == 0, made.stderr
    refused = instance.run("demo")
    assert refused.returncode != 0
    assert "real users (amina" in refused.stderr and "--on-real-data" in refused.stderr
    assert "Traceback" not in refused.stderr
    listed = instance.run("users", "list", "--format", "json")
    assert "demo-admin" not in listed.stdout


def test_the_demo_runs_again_on_its_own_database(instance):
    # `make run` loads the demo every time: the users the demo itself made are not "real".
    first = instance.run("demo")
    assert first.returncode == 0, first.stderr
    again = instance.run("demo")
    assert again.returncode == 0, again.stderr
