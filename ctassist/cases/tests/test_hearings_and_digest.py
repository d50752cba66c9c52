"""The hearings calendar across a member's cases (outsiders see none; exports watermarked and
logged) and the daily digest e-mail: counts and a link, never a name, at most once a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from click.testing import CliRunner
from django.core import mail
from django.utils import timezone

from ctassist.cases.models import DigestSent, Hearing, Person, Task
from ctassist.cases.tests.factories import (
    CaseFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)
from ctassist.cli import main
from ctassist.core.models import AuditEntry

pytestmark = pytest.mark.django_db
DAY = dt.date(2030, 3, 4)


@pytest.fixture
def scene(persona):
    unit = UnitFactory(code="cal")
    member = persona("member", countries=("NGA",))
    member.email = "member@example.org"
    member.save()
    MembershipFactory(unit=unit, user=member)
    case: Any = CaseFactory(unit=unit, title="State v. Secret Name")
    at = timezone.make_aware(dt.datetime.combine(DAY + dt.timedelta(days=1), dt.time(10, 30)))
    Hearing.objects.create(case=case, starts_at=at, court="Federal High Court", purpose="bail")
    Task.objects.create(case=case, title="File the charge sheet", due_on=DAY, assignee=member)
    PersonFactory(
        case=case,
        full_name="Hidden Accused",
        detention=Person.Detention.IN_CUSTODY,
        custody_start=DAY - dt.timedelta(days=400),
    )
    return member, case


def test_calendar_shows_member_hearings_and_hides_them_from_outsiders(client, persona, scene):
    member, _case = scene
    client.force_login(member)
    query = f"?from={DAY.isoformat()}&to={(DAY + dt.timedelta(days=7)).isoformat()}"
    page = client.get(f"/cases/hearings/{query}").content.decode()
    assert "State v. Secret Name" in page and "Federal High Court" in page
    export = client.get(f"/cases/hearings/{query}&format=csv").content.decode("utf-8-sig")
    assert "CONFIDENTIAL — exported by member" in export and "bail" in export
    assert AuditEntry.objects.filter(action="export", model="cases.hearing").exists()
    client.force_login(persona("outsider", countries=("KEN",)))
    assert "Secret Name" not in client.get(f"/cases/hearings/{query}").content.decode()


def test_digest_counts_without_names_once_a_day(scene):
    result = CliRunner().invoke(main, ["cases", "reminders", "--today", DAY.isoformat()])
    assert result.exit_code == 0, result.output
    mine = [m for m in mail.outbox if m.to == ["member@example.org"]]
    assert len(mine) == 1
    body = mine[0].body
    assert "Detainees held past the legal limit: 1" in body
    assert "Hearings in the next two days: 1" in body
    assert "Your tasks due within three days: 1" in body
    assert "Secret Name" not in body and "Hidden Accused" not in body
    assert DigestSent.objects.filter(on=DAY).exists()
    CliRunner().invoke(main, ["cases", "reminders", "--today", DAY.isoformat()])
    assert len([m for m in mail.outbox if m.to == ["member@example.org"]]) == 1
