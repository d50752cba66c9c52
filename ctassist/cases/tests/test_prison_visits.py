"""Prison visits (¶26): a unit logs a visit and the detainees met; other units see nothing."""

from __future__ import annotations

from typing import Any

import pytest

from ctassist.cases.models import Person, PrisonVisit
from ctassist.cases.tests.factories import (
    CaseFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def test_unit_logs_a_visit_and_outsiders_see_nothing(persona, client):
    unit = UnitFactory(code="v")
    member = persona("m", countries=("NGA",))
    MembershipFactory(unit=unit, user=member)
    held = PersonFactory(
        case=CaseFactory(unit=unit),
        full_name="Held Person",
        detention=Person.Detention.IN_CUSTODY,
        custody_start="2020-01-01",
    )
    client.force_login(member)
    page = client.get("/cases/visits/").content.decode()
    assert "Held Person" in page
    response = client.post(
        "/cases/visits/",
        {
            "unit": unit.pk,
            "visited_on": "2020-02-03",
            "place": "Remand prison",
            "detainees": [held.pk],
        },
    )
    assert response.status_code == 302
    visit = PrisonVisit.objects.get(unit_id=unit.pk)
    assert [p.pk for p in visit.detainees_met.all()] == [held.pk]
    assert client.post("/cases/visits/", {"unit": unit.pk, "place": "x"}).status_code == 422
    outsider = persona("o", countries=("KEN",))
    client.force_login(outsider)
    assert "Remand prison" not in client.get("/cases/visits/").content.decode()


def test_a_childs_name_stays_with_members_holding_juvenile_access(persona, client):
    from ctassist.cases.services import prison_visit_record

    unit = UnitFactory(code="vj")
    keeper = persona("keeper", countries=("NGA",))
    colleague = persona("colleague", countries=("NGA",))
    MembershipFactory(unit=unit, user=keeper, juvenile_access=True)
    MembershipFactory(unit=unit, user=colleague)
    child: Any = PersonFactory(
        case=CaseFactory(unit=unit, juvenile=True),
        full_name="Child Detainee",
        detention=Person.Detention.IN_CUSTODY,
        custody_start="2020-01-01",
    )
    prison_visit_record(
        actor=keeper, unit=unit, visited_on="2020-02-03", place="Borstal", detainees=[child]
    )
    client.force_login(keeper)
    assert "Child Detainee" in client.get("/cases/visits/").content.decode()
    client.force_login(colleague)
    page = client.get("/cases/visits/").content.decode()
    assert "Borstal" in page and "Child Detainee" not in page
    assert client.post("/cases/visits/", {"unit": 999999, "place": "x"}).status_code == 404
