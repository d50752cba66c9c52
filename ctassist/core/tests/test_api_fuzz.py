"""The published OpenAPI, fuzzed: every operation, with the tokens of an administrator and of a
practitioner scoped to one State, generated from the schema by schemathesis (through its pytest
integration, against the application in process). It fails on any server error, any status the
schema does not declare, any response that breaks its declared schema, any request accepted
without the authentication it declares — and, for the scoped practitioner, on any response that
carries another State's case, person or request. New endpoints are covered by adding nothing.

Input is held to the schema both ways: a request that breaks its operation's schema is refused,
and one its schema declares valid is accepted — or refused for a rule no schema can state (one
field against another or against today, or against stored data; `ctassist.core.errors.BrokenRule`,
code `rule` or a more precise one), never with code `invalid`.

`make test` runs a fixed, short sequence (derandomized); `make fuzz` runs many more examples.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
EXAMPLES = int(os.environ.get("CTASSIST_FUZZ_EXAMPLES", "8"))
PERSONAS = {"admin": "demo-admin", "scoped": "demo-prosecutor-nga"}


def _broke_a_stated_rule(response: schemathesis.Response) -> bool:
    if response.status_code != 422:
        return False
    try:
        return bool(response.json().get("code") != "invalid")
    except ValueError:
        return False


def valid_input_accepted(ctx, response, case):  # type: ignore[no-untyped-def]
    """`positive_data_acceptance`, except that a refusal for a rule no schema can state (a 422
    whose code is not `invalid`) is an answer the contract declares."""
    if _broke_a_stated_rule(response):
        return None
    return positive_data_acceptance(ctx, response, case)


@pytest.fixture(autouse=True)
def _one_connection() -> Iterator[None]:
    """In process, a request's end would close the test's database connection (as Django's test
    client also prevents)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=sorted(PERSONAS))
def persona(request: pytest.FixtureRequest, db: None) -> tuple[str, str, list[str]]:
    """(name, token, strings that must never reach this persona)."""
    from ctassist.accounts.models import User
    from ctassist.accounts.services import token_issue
    from ctassist.cases.models import CaseFile, Person
    from ctassist.mla.models import MlaRequest, TrackedRequest

    user = User.objects.get(username=PERSONAS[request.param])
    token = token_issue(actor=None, user=user, name="fuzz")
    foreign: list[str] = []
    if request.param == "scoped":
        foreign += list(
            Person.objects.exclude(case__unit__country__code="NGA").values_list(
                "full_name", flat=True
            )
        )
        foreign += list(
            CaseFile.objects.exclude(unit__country__code="NGA").values_list(
                "prosecution_ref", flat=True
            )
        )
        foreign += [
            str(r.data.get("reference"))
            for r in MlaRequest.objects.exclude(requesting_state__code="NGA").exclude(
                requested_state__code="NGA"
            )
            if r.data.get("reference")
        ]
        foreign += list(
            TrackedRequest.objects.exclude(requesting_state__code="NGA")
            .exclude(requested_state__code="NGA")
            .values_list("reference", flat=True)
        )
        foreign = [text for text in foreign if text and len(text) > 4]
        assert foreign, "the demo holds other States' records to guard"
    return request.param, token, foreign


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("CTASSIST_FUZZ_RANDOM") != "1",
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_contract(case: schemathesis.Case, persona) -> None:
    name, token, foreign = persona
    response = case.call_and_validate(
        # In process there is no HTTP client to undo the gzip of the answers (docs/adr/0016).
        headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"},
        excluded_checks=[positive_data_acceptance],
        additional_checks=[valid_input_accepted],
    )
    leaked = [text for text in foreign if text in response.text]
    assert not leaked, f"{name} received another State's records: {leaked[:5]}"
