"""The rules of a direct request to a provider, as the Practical Guide teaches them: content
only through MLA, an emergency explained, a preservation only where the provider preserves,
and a warning when the provider's profile is not freshly verified."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.eevidence.checks import can_send, request_problems
from ctassist.eevidence.models import DataCategory, DataRequest
from ctassist.eevidence.tests.factories import DataRequestFactory, ProviderFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2030, 6, 1)


def _fields(request, severity="error"):
    return {p.field for p in request_problems(request, today=TODAY) if p.severity == severity}


def test_content_is_never_disclosed_voluntarily():
    request = DataRequestFactory.build(kind="voluntary", provider=ProviderFactory())
    assert "categories" in _fields(request)
    request.categories = ["subscriber"]
    assert can_send(request_problems(request, today=TODAY))


def test_emergency_needs_its_reason_and_warns_when_provider_does_not():
    provider = ProviderFactory(emergency_disclosure=False)
    request = DataRequestFactory.build(kind="emergency", provider=provider, emergency_reason="")
    assert "emergency_reason" in _fields(request)
    request.emergency_reason = "A planned attack on 3 June; the account holder is the organizer."
    assert _fields(request) == set() and "provider" in _fields(request, "warning")


def test_preservation_where_the_provider_does_not_preserve_is_an_error():
    request = DataRequestFactory.build(provider=ProviderFactory(accepts_preservation=False))
    assert "provider" in _fields(request)
    request.provider = ProviderFactory(accepts_preservation=None)
    assert "provider" not in _fields(request)  # not known: no claim either way
    assert "follow_up" in _fields(request, "info")


def test_stale_or_unverified_profile_is_flagged():
    request = DataRequestFactory.build(provider=ProviderFactory(last_verified=dt.date(2029, 1, 1)))
    assert "provider" in _fields(request, "warning")
    request.provider = ProviderFactory(last_verified=None)
    assert "provider" in _fields(request, "warning")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(DataRequest.Kind.values),
    categories=st.lists(st.sampled_from([*DataCategory.values, "bogus"]), max_size=4),
    reason=st.text(max_size=20),
    facts=st.text(max_size=20),
    days=st.integers(min_value=-400, max_value=400),
)
def test_any_request_gets_a_verdict_consistent_with_the_rules(
    kind, categories, reason, facts, days
):
    request = DataRequestFactory.build(
        kind=kind,
        provider=ProviderFactory.build(),
        categories=categories,
        emergency_reason=reason,
        facts=facts,
        period_from=TODAY,
        period_to=TODAY + dt.timedelta(days=days),
    )
    problems = request_problems(request, today=TODAY)
    errors = {p.field for p in problems if p.severity == "error"}
    assert all(p.severity in ("error", "warning", "info") and p.message for p in problems)
    if kind == "voluntary" and "content" in categories:
        assert "categories" in errors
    if kind == "emergency" and not reason.strip():
        assert "emergency_reason" in errors
    if not facts.strip():
        assert "facts" in errors
    if days < 0:
        assert "period_to" in errors
    if not categories or "bogus" in categories:
        assert "categories" in errors
    assert can_send(problems) == (not errors)
