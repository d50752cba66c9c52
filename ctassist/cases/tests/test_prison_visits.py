"""Prison visits (¶26): a unit logs a visit and the detainees met; other units see nothing."""

from __future__ import annotations

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
