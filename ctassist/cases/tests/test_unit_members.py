"""Unit membership and juvenile access are managed by the unit's head on a page, by the operator
with `ctassist cases members`, and in the admin — one audited service behind all three."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ctassist.cases.models import Membership
from ctassist.cases.tests.factories import CaseFactory, MembershipFactory, UnitFactory
from ctassist.cli import main
from ctassist.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_world(persona):
    unit = UnitFactory(code="unit-members")
    head = persona("head", countries=("NGA",))
    MembershipFactory(unit=unit, user=head, is_head=True, juvenile_access=True)
    return {
        "unit": unit,
        "head": head,
        "colleague": persona("colleague", countries=("NGA",)),
        "kenyan": persona("kenyan", countries=("KEN",)),
        "child_case": CaseFactory(unit=unit, title="A child's case", juvenile=True),
    }


def _audit(action: str) -> int:
    return AuditEntry.objects.filter(
        action=action, model="cases.membership", note="unit membership"
    ).count()


def test_the_head_adds_a_member_gives_juvenile_access_and_removes_them(client, unit_world):
    client.force_login(unit_world["head"])
    page = client.get("/cases/units/unit-members/members/")
    assert page.status_code == 200 and "head" in page.content.decode()
    client.post("/cases/units/unit-members/members/save/", {"username": "colleague"})
    member = Membership.objects.get(unit=unit_world["unit"], user=unit_world["colleague"])
    assert (member.is_head, member.juvenile_access) == (False, False)

    client.force_login(unit_world["colleague"])
    assert "A child&#x27;s case" not in client.get("/cases/").content.decode()

    client.force_login(unit_world["head"])
    client.post(
        "/cases/units/unit-members/members/save/",
        {"username": "colleague", "existing": "1", "juvenile_access": "on"},
    )
    client.force_login(unit_world["colleague"])
    assert "A child&#x27;s case" in client.get("/cases/").content.decode()

    client.force_login(unit_world["head"])
    client.post("/cases/units/unit-members/members/remove/", {"username": "colleague"})
    assert not Membership.objects.filter(user=unit_world["colleague"]).exists()
    assert (_audit("create"), _audit("update"), _audit("delete")) == (1, 1, 1)


def test_only_the_head_or_an_admin_manages_members(client, unit_world, persona):
    MembershipFactory(unit=unit_world["unit"], user=unit_world["colleague"])
    client.force_login(unit_world["colleague"])
    assert client.get("/cases/units/unit-members/members/").status_code == 404
    response = client.post(
        "/cases/units/unit-members/members/save/",
        {"username": "colleague", "existing": "1", "juvenile_access": "on"},
    )
    assert response.status_code == 404
    assert not Membership.objects.get(user=unit_world["colleague"]).juvenile_access
    client.force_login(persona("root", role="admin"))
    assert client.get("/cases/units/unit-members/members/").status_code == 200


def test_refusals_are_clear_and_change_nothing(client, unit_world):
    client.force_login(unit_world["head"])
    response = client.post(
        "/cases/units/unit-members/members/save/", {"username": "kenyan"}, follow=True
    )
    assert "country scope does not include Nigeria" in response.content.decode()
    response = client.post(
        "/cases/units/unit-members/members/remove/", {"username": "head"}, follow=True
    )
    assert "at least one head" in response.content.decode()
    assert Membership.objects.filter(unit=unit_world["unit"]).count() == 1
    assert _audit("create") == 0


def test_the_operator_manages_members_from_the_command_line(unit_world):
    runner = CliRunner()
    added = runner.invoke(
        main, ["cases", "members", "add", "unit-members", "colleague", "--juvenile-access"]
    )
    assert added.exit_code == 0, added.output
    assert "colleague in unit-members: added (head: no, juvenile access: yes)" in added.output
    listed = runner.invoke(main, ["cases", "members", "list", "unit-members", "--format", "json"])
    assert '"user": "colleague"' in listed.output and '"juvenile_access": true' in listed.output
    refused = runner.invoke(main, ["cases", "members", "add", "unit-members", "kenyan"])
    assert refused.exit_code == 1 and "country scope" in refused.output
    removed = runner.invoke(main, ["cases", "members", "remove", "unit-members", "colleague"])
    assert removed.exit_code == 0
    assert not Membership.objects.filter(user=unit_world["colleague"]).exists()
    assert (_audit("create"), _audit("delete")) == (1, 1)


def test_the_admin_goes_through_the_same_audited_service(client, unit_world, persona):
    admin = persona("root", role="admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post(
        "/admin/cases/membership/add/",
        {
            "unit": unit_world["unit"].pk,
            "user": unit_world["colleague"].pk,
            "juvenile_access": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Membership.objects.get(user=unit_world["colleague"]).juvenile_access
    assert _audit("create") == 1
