"""The published OpenAPI, fuzzed: every operation, with the tokens of an administrator and of a
practitioner scoped to one State, generated from the schema by schemathesis (through its pytest
integration, against the application in process). It fails on any server error, any status the
schema does not declare, any response that breaks its declared schema, any request accepted
without the authentication it declares — and, for the scoped practitioner, on any response that
carries another State's case, person or request. New endpoints are covered by adding nothing.

`make test` runs a fixed, short sequence (derandomized); `make fuzz` runs many more examples.
Still to do (issue 17): the checks that schema-valid input is never refused and schema-invalid
input always is (`positive_data_acceptance`, `negative_data_rejection`) need every request schema
to carry the rules the code enforces; they are left out of this run until then.
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
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
EXAMPLES = int(os.environ.get("CTASSIST_FUZZ_EXAMPLES", "8"))
PERSONAS = {"admin": "demo-admin", "scoped": "demo-prosecutor-nga"}


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
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
    leaked = [text for text in foreign if text in response.text]
    assert not leaked, f"{name} received another State's records: {leaked[:5]}"
