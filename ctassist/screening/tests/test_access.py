"""Screenings are personal data: the author and reviewers of the same State see them, an
outsider and the public see nothing, and every read is logged. Lists: the UN's is public, a
national list only for those who screen."""

from __future__ import annotations

import pytest

from ctassist.core.models import AuditEntry
from ctassist.screening.services import CheckInput, reviewer_set, screening_check
from ctassist.screening.tests.listfiles import un_list_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def screened(persona):
    un_list_path()
    owner = persona("owner", countries=("KEN",))
    colleague = persona("colleague", countries=("KEN",))
    reviewer = persona("kenya-reviewer", countries=("KEN",))
    outsider = persona("outsider", countries=("NGA",))
    outside_reviewer = persona("nga-reviewer", countries=("NGA",))
    reviewer_set(actor=None, username="kenya-reviewer", reviewer=True)
    reviewer_set(actor=None, username="nga-reviewer", reviewer=True)
    result = screening_check(actor=owner, given=CheckInput(name="Eric Badege"), source="web")
    return result, owner, colleague, reviewer, outsider, outside_reviewer


def test_who_sees_a_screening(client, api_client_for, screened):
    result, owner, colleague, reviewer, outsider, outside_reviewer = screened
    screening = result.screening
    hit = result.found[0].hit
    page = f"/screening/screenings/{screening.pk}/"
    for user, status in (
        (owner, 200),
        (reviewer, 200),
        (colleague, 404),
        (outsider, 404),
        (outside_reviewer, 404),
    ):
        client.force_login(user)
        assert client.get(page).status_code == status, user.username
        api = api_client_for(user)
        assert api.get(f"/api/v1/screening/screenings/{screening.pk}").status_code == status
        assert api.get(f"/api/v1/screening/hits/{hit.pk}/decision").status_code == 405
    client.logout()
    assert client.get(page).status_code == 302
    client.force_login(reviewer)
    assert "Eric Badege" in client.get("/screening/review/").content.decode()
    client.force_login(outside_reviewer)
    assert "Eric Badege" not in client.get("/screening/review/").content.decode()
    assert api_client_for(outside_reviewer).get("/api/v1/screening/hits").json() == []


def test_every_read_is_logged_without_content(client, screened):
    result, owner, *_ = screened
    client.force_login(owner)
    before = AuditEntry.objects.filter(action="read", model="screening.screening").count()
    client.get(f"/screening/screenings/{result.screening.pk}/")
    reads = AuditEntry.objects.filter(action="read", model="screening.screening")
    assert reads.count() == before + 1
    assert reads.first().actor == owner and reads.first().object_repr == ""
    assert AuditEntry.objects.filter(action="read", model="screening.hit").exists()


def test_the_un_list_is_public_a_national_list_is_not(client, api_client_for, screened, tmp_path):
    from click.testing import CliRunner

    from ctassist.cli import main

    path = tmp_path / "national.csv"
    path.write_text("id,name\nN1,Secret Person\n", encoding="utf-8")
    CliRunner().invoke(
        main, ["screening", "lists", "load", str(path), "--name", "National", "--no-rescreen"]
    )
    public = api_client_for(None).get("/api/v1/screening/lists").json()
    assert {v["list"] for v in public} == {"UN Security Council Consolidated List"}
    assert client.get("/screening/lists/").status_code == 200
    _result, owner, *_ = screened
    mine = api_client_for(owner).get("/api/v1/screening/lists").json()
    assert "National" in {v["list"] for v in mine}
