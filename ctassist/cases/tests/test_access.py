"""Who sees a case: members of its unit, in a country of their scope; children's cases only
with juvenile access; admins all; nobody else — through lists, pages, the API and exports.
A case that is not yours is "not found", never "forbidden"; every read is recorded."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.cases.models import CaseFile
from ctassist.cases.selectors import case_get_for, case_list_for
from ctassist.cases.tests.factories import CaseFactory, MembershipFactory, UnitFactory
from ctassist.core.errors import NotFound
from ctassist.core.models import AuditEntry
from ctassist.geo.models import State

pytestmark = pytest.mark.django_db
_SERIAL = itertools.count()


@pytest.fixture
def world(persona):
    nga = UnitFactory(code="nga", country=State.objects.get(code="NGA"))
    ken = UnitFactory(code="ken", country=State.objects.get(code="KEN"))
    owner = persona("owner", countries=("NGA",))
    colleague = persona("colleague", countries=("NGA",))
    outsider = persona("outsider", countries=("KEN",))
    stranger = persona("stranger", countries=("NGA",))  # NGA scope, but in no unit
    MembershipFactory(unit=nga, user=owner, juvenile_access=True, is_head=True)
    MembershipFactory(unit=nga, user=colleague)
    MembershipFactory(unit=ken, user=outsider, juvenile_access=True)
    adult = CaseFactory(unit=nga, title="Adult case")
    child = CaseFactory(unit=nga, title="Child case", juvenile=True)
    kenyan = CaseFactory(unit=ken, title="Kenyan case")
    return locals()


def _titles(user):
    return sorted(c.title for c in case_list_for(user=user))


def test_members_see_their_unit_and_juvenile_access_decides_childrens_cases(world, persona):
    assert _titles(world["owner"]) == ["Adult case", "Child case"]
    assert _titles(world["colleague"]) == ["Adult case"]
    assert _titles(world["outsider"]) == ["Kenyan case"]
    assert _titles(world["stranger"]) == []
    assert _titles(None) == []
    admin = persona("root", role="admin")
    own = sorted(c.title for c in case_list_for(user=admin) if not c.illustrative)
    assert own == ["Adult case", "Child case", "Kenyan case"]


def test_membership_without_country_scope_sees_nothing(world, persona):
    # A member whose scope no longer includes the unit's country loses access.
    world["colleague"].countries.set(State.objects.filter(code="KEN"))
    assert _titles(world["colleague"]) == []


def test_a_case_that_is_not_yours_is_not_found(world):
    with pytest.raises(NotFound):
        case_get_for(user=world["outsider"], case_id=world["adult"].pk)
    with pytest.raises(NotFound):
        case_get_for(user=world["colleague"], case_id=world["child"].pk)
    assert case_get_for(user=world["owner"], case_id=world["child"].pk).title == "Child case"


def test_every_read_is_recorded_without_content(world):
    case_get_for(user=world["owner"], case_id=world["adult"].pk)
    entry = AuditEntry.objects.filter(action="read", object_pk=str(world["adult"].pk)).last()
    assert entry is not None and entry.actor == world["owner"]
    assert entry.object_repr == ""
    assert "Adult case" not in str(entry.after or "")


def test_pages_api_and_export_leak_nothing_across_units(world, client, api_client_for):
    adult = world["adult"].pk
    client.force_login(world["outsider"])
    assert client.get(f"/cases/{adult}/").status_code == 404
    assert "Adult case" not in client.get("/cases/").content.decode()
    assert "Adult case" not in client.get("/cases/?q=Adult").content.decode()
    export = client.get("/cases/?format=csv").content.decode("utf-8-sig")
    assert "Adult case" not in export and "Kenyan case" in export
    assert "exported by outsider" in export
    api = api_client_for(world["outsider"])
    assert [c["title"] for c in api.get("/api/v1/cases/").json()] == ["Kenyan case"]
    assert api.get(f"/api/v1/cases/{adult}").status_code == 404
    patch = api.patch(
        f"/api/v1/cases/{adult}", {"version": 1, "title": "x"}, content_type="application/json"
    )
    assert patch.status_code == 404
    assert CaseFile.objects.get(pk=adult).title == "Adult case"
    assert api_client_for(None).get("/api/v1/cases/").status_code == 401
    assert client.post(f"/cases/{adult}/hearings/", {"hearing-court": "x"}).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get("/cases/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    memberships=st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 2), st.booleans()), max_size=6
    ),
    scopes=st.lists(st.sets(st.sampled_from(["NGA", "KEN", "NER"])), min_size=3, max_size=3),
    cases=st.lists(st.tuples(st.integers(0, 2), st.booleans()), min_size=1, max_size=8),
)
def test_randomised_access_finds_no_leak(persona, memberships, scopes, cases):
    """Random units, memberships, scopes and children's cases: what each user sees equals the
    rule stated independently here."""
    countries = ["NGA", "KEN", "NER"]
    units = [UnitFactory(country=State.objects.get(code=countries[i])) for i in range(3)]
    users = []
    for index in range(3):
        user = persona(f"user-{next(_SERIAL)}")
        user.countries.set(State.objects.filter(code__in=scopes[index]))
        users.append(user)
    member: dict[tuple[int, int], bool] = {}
    for user_index, unit_index, juvenile in memberships:
        if (user_index, unit_index) in member:
            continue
        member[(user_index, unit_index)] = juvenile
        MembershipFactory(unit=units[unit_index], user=users[user_index], juvenile_access=juvenile)
    made = [CaseFactory(unit=units[u], juvenile=j) for u, j in cases]
    for user_index, user in enumerate(users):
        expected = {
            c.pk
            for c, (u, j) in zip(made, cases, strict=True)
            if (user_index, u) in member
            and countries[u] in scopes[user_index]
            and (not j or member[(user_index, u)])
        }
        assert {c.pk for c in case_list_for(user=user)} == expected
