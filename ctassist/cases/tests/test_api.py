"""The cases API: the same rules as the pages — versions on updates (409 when stale), uploads
hashed, nothing outside the caller's units."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ctassist.cases import services
from ctassist.cases.tests.factories import MembershipFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(persona, api_client_for):
    user = persona("p", countries=("NGA",))
    unit = UnitFactory(code="u")
    MembershipFactory(unit=unit, user=user)
    case = services.case_open(actor=user, unit=unit, title="State v. API")
    return user, case, api_client_for(user)


def test_case_person_charge_outcome_and_stale_version(setup):
    _user, case, api = setup
    person = api.post(
        f"/api/v1/cases/{case.pk}/persons",
        {"role": "accused", "full_name": "X", "nationality": "NGA"},
        content_type="application/json",
    )
    assert person.status_code == 201
    charge = api.post(
        f"/api/v1/cases/{case.pk}/charges",
        {"person": person.json()["id"], "offence": "Financing", "instrument": "FINANCING_1999"},
        content_type="application/json",
    ).json()
    outcome = api.patch(
        f"/api/v1/cases/{case.pk}/charges/{charge['id']}",
        {"version": charge["version"], "disposition": "acquitted", "on": "2020-03-01"},
        content_type="application/json",
    )
    assert outcome.json()["disposition"] == "acquitted"
    stale = api.patch(
        f"/api/v1/cases/{case.pk}/charges/{charge['id']}",
        {"version": charge["version"], "disposition": "discharged", "on": "2020-03-01"},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    body = api.get(f"/api/v1/cases/{case.pk}").json()
    assert body["persons"][0]["charges"][0]["disposition"] == "acquitted"


def test_evidence_upload_is_hashed(setup):
    _user, case, api = setup
    response = api.post(
        f"/api/v1/cases/{case.pk}/evidence",
        {
            "number": "E9",
            "description": "Audio",
            "kind": "digital",
            "holder": "Lab",
            "file": SimpleUploadedFile("a.bin", b"audio bytes"),
        },
    )
    assert response.status_code == 201
    assert response.json()["sha256"] == hashlib.sha256(b"audio bytes").hexdigest()


def test_outsider_gets_not_found_everywhere(setup, persona, api_client_for):
    _user, case, _api = setup
    outsider = api_client_for(persona("k", countries=("KEN",)))
    assert outsider.get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert (
        outsider.post(
            f"/api/v1/cases/{case.pk}/persons",
            {"role": "witness", "full_name": "Y"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert (
        outsider.post(
            f"/api/v1/cases/{case.pk}/evidence",
            {"number": "E1", "description": "d", "kind": "physical", "holder": "h"},
        ).status_code
        == 404
    )


def test_a_write_whose_audit_entry_fails_is_not_stored(setup, monkeypatch):
    """Issue 26 item 3: the read-audit entry written after an update met a locked database and
    the PATCH answered 500 although its change was committed. The answer must match what was
    stored: the audit entry fails, so the change is not kept."""
    from django.db import OperationalError

    from ctassist.cases import selectors
    from ctassist.cases.models import CaseFile

    calls = []
    audit_reads = selectors.audit_reads

    def locked_on_the_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:  # the read back after the update
            raise OperationalError("database is locked")
        return audit_reads(**kwargs)

    monkeypatch.setattr(selectors, "audit_reads", locked_on_the_second)
    _user, case, api = setup
    api.raise_request_exception = False
    answer = api.patch(
        f"/api/v1/cases/{case.pk}",
        {"version": case.version, "title": "State v. Changed"},
        content_type="application/json",
    )
    assert len(calls) == 2
    assert answer.status_code >= 500
    stored = CaseFile.objects.get(pk=case.pk)
    assert (stored.title, stored.version) == ("State v. API", case.version), (
        "a write answered with an error was stored"
    )
