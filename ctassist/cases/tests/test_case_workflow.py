"""A prosecutor's day: open a case, add two accused (one a child), record custody, register
digital evidence and see its hash verified, schedule a hearing, record outcomes, close the case.
And two people saving the same case: one wins, the other gets a conflict and keeps their text."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from ctassist.cases import services
from ctassist.cases.models import CaseFile, Charge, Evidence, Person
from ctassist.cases.selectors import case_get_for
from ctassist.cases.tests.factories import MembershipFactory, UnitFactory
from ctassist.core.errors import ConflictError, InvalidInput, PermissionDenied
from ctassist.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def prosecutor(persona):
    user = persona("prosecutor", countries=("NGA",))
    MembershipFactory(unit=UnitFactory(code="ctpu"), user=user, juvenile_access=True)
    return user


def _open(user, **extra):
    unit = user.case_memberships.get().unit
    return services.case_open(
        actor=user, unit=unit, title="State v. A and B", offence_date=dt.date(2019, 6, 1), **extra
    )


def test_the_prosecutors_day(prosecutor, client):
    case = _open(prosecutor)
    adult = services.person_add(
        actor=prosecutor,
        case=case,
        role=Person.Role.ACCUSED,
        full_name="Adult Accused",
        date_of_birth=dt.date(1990, 1, 1),
        nationality="NGA",
    )
    child = services.person_add(
        actor=prosecutor,
        case=case,
        role=Person.Role.ACCUSED,
        full_name="Child Accused",
        date_of_birth=dt.date(2002, 9, 1),  # 16 on the offence date
    )
    case.refresh_from_db()
    assert child.is_child and not adult.is_child and case.juvenile
    services.person_update(
        actor=prosecutor,
        person=adult,
        expected_version=adult.version,
        changes={"detention": Person.Detention.IN_CUSTODY, "custody_start": dt.date(2020, 1, 2)},
    )
    evidence = services.evidence_add(
        actor=prosecutor,
        case=case,
        number="E1",
        description="Phone extraction",
        kind=Evidence.Kind.DIGITAL,
        origin=Evidence.Origin.MILITARY,
        holder="Exhibits officer",
        content=b"extraction bytes",
        filename="extraction.txt",
    )
    assert evidence.sha256 == hashlib.sha256(b"extraction bytes").hexdigest()
    hearing = services.hearing_schedule(
        actor=prosecutor, case=case, starts_at=timezone.now(), court="Federal High Court"
    )
    assert hearing.closed_session  # a child is accused
    charge = services.charge_add(
        actor=prosecutor, person=adult, offence="Financing", instrument="FINANCING_1999"
    )
    with pytest.raises(InvalidInput):  # a conviction needs its sentence
        services.charge_dispose(
            actor=prosecutor,
            charge=charge,
            expected_version=charge.version,
            disposition=Charge.Disposition.CONVICTED,
            on=dt.date(2020, 5, 1),
        )
    services.charge_dispose(
        actor=prosecutor,
        charge=charge,
        expected_version=charge.version,
        disposition=Charge.Disposition.CONVICTED,
        on=dt.date(2020, 5, 1),
        sentence="10 years",
    )
    client.force_login(prosecutor)
    download = client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/download/")
    assert download.status_code == 200
    assert (
        download["X-Hash-Verified"] == "true"
        and b"".join(download.streaming_content) == b"extraction bytes"
    )
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Child Accused" in page and "closed session" in page and "10 years" in page
    with pytest.raises(InvalidInput):
        services.case_close(
            actor=prosecutor,
            case=case,
            expected_version=case.version,
            status="closed",
            reason=" ",
        )
    closed = services.case_close(
        actor=prosecutor,
        case=case,
        expected_version=CaseFile.objects.get(pk=case.pk).version,
        status="closed",
        reason="Judgment final",
    )
    assert closed.status == "closed" and CaseFile.objects.filter(pk=case.pk).exists()
    assert AuditEntry.objects.filter(model="cases.charge", action="update").exists()


def test_tampered_evidence_is_refused_on_download(prosecutor, client):
    case = _open(prosecutor)
    evidence = services.evidence_add(
        actor=prosecutor,
        case=case,
        number="E1",
        description="Video",
        kind=Evidence.Kind.DIGITAL,
        holder="Officer",
        content=b"original",
        filename="v.bin",
    )
    with open(evidence.file.path, "wb") as handle:
        handle.write(b"altered")
    client.force_login(prosecutor)
    response = client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/download/")
    assert response.status_code == 409
    assert b"altered" not in response.content


def test_chain_of_custody_records_every_hand_over(prosecutor):
    case = _open(prosecutor)
    item = services.evidence_add(
        actor=prosecutor,
        case=case,
        number="E2",
        description="Rifle",
        kind=Evidence.Kind.PHYSICAL,
        holder="Army unit",
        origin=Evidence.Origin.MILITARY,
    )
    item = services.evidence_transfer(
        actor=prosecutor, evidence=item, expected_version=item.version, to_holder="Police store"
    )
    assert [(t.from_holder, t.to_holder) for t in item.transfers.all()] == [
        ("", "Army unit"),
        ("Army unit", "Police store"),
    ]


def test_two_editors_one_conflict_nothing_lost(prosecutor, persona, client):
    colleague = persona("colleague", countries=("NGA",))
    MembershipFactory(unit=prosecutor.case_memberships.get().unit, user=colleague)
    case = _open(prosecutor)
    seen = case.version
    services.case_update(
        actor=prosecutor, case=case, expected_version=seen, changes={"facts": "First account"}
    )
    with pytest.raises(ConflictError):
        services.case_update(
            actor=colleague, case=case, expected_version=seen, changes={"facts": "Second"}
        )
    client.force_login(colleague)
    response = client.post(
        f"/cases/{case.pk}/edit/",
        {
            "edit-version": seen,
            "edit-title": case.title,
            "edit-stage": case.stage,
            "edit-facts": "My careful text",
        },
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "My careful text" in body  # the user's text is kept on the page
    assert CaseFile.objects.get(pk=case.pk).facts == "First account"


def test_only_unit_members_open_cases(persona, prosecutor):
    unit = prosecutor.case_memberships.get().unit
    with pytest.raises(PermissionDenied):
        services.case_open(actor=persona("other", countries=("NGA",)), unit=unit, title="x")


def test_web_forms_open_a_case_and_add_a_child(prosecutor, client):
    client.force_login(prosecutor)
    unit = prosecutor.case_memberships.get().unit
    response = client.post(
        "/cases/new/",
        {
            "unit": unit.pk,
            "title": "State v. C",
            "stage": "investigation",
            "offence_date": "2020-01-10",
        },
    )
    assert response.status_code == 302
    case = CaseFile.objects.get(title="State v. C")
    response = client.post(
        f"/cases/{case.pk}/persons/",
        {
            "person-role": "accused",
            "person-full_name": "Young Person",
            "person-date_of_birth": "2005-03-01",
            "person-sex": "male",
        },
    )
    assert response.status_code == 302
    assert case_get_for(user=prosecutor, case_id=case.pk).juvenile
    bad = client.post(f"/cases/{case.pk}/persons/", {"person-role": "accused"})
    assert bad.status_code == 422
