"""Shared test fixtures: reference data and demo users committed once per session, personas,
an API client, a live server and a real browser (Playwright driving Debian's Chromium)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from ctassist.accounts.models import User
from ctassist.accounts.services import token_issue


@pytest.fixture(scope="session")
def django_db_setup(
    request: Any,
    django_test_environment: Any,
    django_db_blocker: Any,
    django_db_keepdb: bool,
    django_db_createdb: bool,
    django_db_modify_db_settings: Any,
) -> Iterator[None]:
    """The test database, always (pytest-django's own fixture sets it up only when a collected
    test is marked for the database, so browser tests run alone would reach the development
    database). It holds the real reference data and the demo data, committed, so every test and
    the live server thread see them; each test's own writes roll back."""
    from django.test.utils import setup_databases, teardown_databases

    from ctassist.core.setup import demo_data_load, reference_data_load

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=verbosity,
            interactive=False,
            keepdb=django_db_keepdb and not django_db_createdb,
            aliases={"default"},
        )
        reference_data_load()
        demo_data_load()
    yield
    with django_db_blocker.unblock():
        _end_other_sessions()
        teardown_databases(config, verbosity=verbosity)


def _end_other_sessions() -> None:
    """On PostgreSQL a live-server request thread may still hold a session on the test
    database, which would then refuse to be dropped: end such sessions first."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for _attempt in range(50):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            row = cursor.fetchone()
            if row is None or row[0] == 0:
                break
            time.sleep(0.1)
    connection.close()


@pytest.fixture
def persona(db: Any) -> Any:
    """persona("owner", role="practitioner", countries=["NGA"]) -> a saved user."""
    from ctassist.accounts.tests.factories import UserFactory

    def make(username: str, *, role: str = "practitioner", countries: tuple[str, ...] = ()) -> User:
        return UserFactory(username=username, role=role, countries=countries)

    return make


@pytest.fixture
def api_client_for() -> Any:
    """api_client_for(user) -> a Django test client that sends the user's bearer token."""

    def make(user: User | None) -> Client:
        if user is None:
            return Client()
        token = token_issue(actor=None, user=user, name="test")
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make


@pytest.fixture(scope="session")
def live_url(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """A threaded live server on the committed test database (no per-test flush)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread

    # Request threads must not keep connections open after the request (PostgreSQL would then
    # refuse to drop the test database at the end).
    for alias in connections:
        connections[alias].settings_dict["CONN_MAX_AGE"] = 0
    with django_db_blocker.unblock():
        thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
        thread.terminate()


def _chromium_path() -> str | None:
    return (
        os.environ.get("CTASSIST_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = _chromium_path()
    if executable is None:
        if os.environ.get("CTASSIST_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (CTASSIST_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("Debian's chromium is not installed: browser tests skipped")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls that tests make
    # beside it are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, live_url: str) -> Iterator[Any]:
    """A fresh browser page. Any request that leaves the live server fails the test: the
    platform serves every asset itself (no CDN); so does anything the Content-Security-Policy
    blocks (an inline script or handler), and any accessibility violation."""
    context = browser.new_context(base_url=live_url, locale="en-GB")
    outside: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(live_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    visited: list[str] = []
    tab.on(
        "framenavigated",
        lambda frame: visited.append(frame.url) if frame == tab.main_frame else None,
    )
    refused: list[str] = []  # what the Content-Security-Policy blocked (docs/adr/0019)
    tab.on(
        "console",
        lambda message: (
            refused.append(f"{tab.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield tab
    problems = _accessibility_of(tab, visited, live_url)
    context.close()
    assert not refused, f"the Content-Security-Policy blocked part of a page: {refused}"
    assert not outside, f"requests left the platform: {outside}"
    assert not problems, f"axe-core finds accessibility violations: {problems}"


_CHECKED_PAGES: set[str] = set()


def _accessibility_of(tab: Any, visited: list[str], live_url: str) -> dict[str, list[str]]:
    """axe-core on every page the test reached (once per kind of page in a session): the page as
    the test left it, then each other page it visited, loaded again."""
    import re

    from playwright.sync_api import Error as PlaywrightError

    from ctassist.core.tests.accessibility import axe_violations

    def kind(url: str) -> str:
        path = url.split("#")[0].replace(live_url, "")
        return re.sub(r"/[A-Z]{3}/", "/CODE/", re.sub(r"\d+", "N", path.split("?")[0]))

    problems: dict[str, list[str]] = {}
    if tab.is_closed() or not tab.url.startswith(live_url) or "/api/" in tab.url:
        return problems
    try:
        if kind(tab.url) not in _CHECKED_PAGES:
            _CHECKED_PAGES.add(kind(tab.url))
            if found := axe_violations(tab):
                problems[tab.url] = found
        for url in dict.fromkeys(visited):
            # Not ours to fix: the API's Swagger UI page is the vendor's.
            if not url.startswith(live_url) or "/api/" in url or kind(url) in _CHECKED_PAGES:
                continue
            _CHECKED_PAGES.add(kind(url))
            try:
                response = tab.goto(url)
            except PlaywrightError:  # the answer to a form (POST only): nothing to load again
                continue
            if response is None or response.status != 200:
                continue
            if found := axe_violations(tab):
                problems[url] = found
    except Exception as error:  # a closed page is not an accessibility finding
        if "has been closed" not in str(error):
            raise
    return problems


@pytest.fixture
def login(live_url: str) -> Any:
    """login(page, username) signs a demo user in through the real login form."""
    from ctassist.accounts.demo import demo_password

    def sign_in(tab: Any, username: str, password: str | None = None) -> None:
        tab.goto("/accounts/login/")
        tab.get_by_label("User name").fill(username)
        tab.get_by_label("Password").fill(password or demo_password())
        tab.get_by_role("button", name="Sign in").click()
        tab.wait_for_load_state()

    return sign_in
