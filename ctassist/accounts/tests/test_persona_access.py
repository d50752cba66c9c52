"""Owner, colleague and outsider: a user sees accounts of colleagues who share a country in
scope, never those of another country; anonymous callers see nothing; reads are logged."""

from __future__ import annotations

import pytest

from ctassist.core.models import AuditEntry


@pytest.fixture
def people(persona):
    return {
        "owner": persona("owner-nga", countries=("NGA",)),
        "colleague": persona("colleague-nga", countries=("NGA", "NER")),
        "outsider": persona("outsider-ken", countries=("KEN",)),
        "admin": persona("root", role="admin"),
    }


def _usernames(response):
    return {row["username"] for row in response.json()["results"]}


def test_owner_sees_colleagues_not_outsiders(people, api_client_for):
    seen = _usernames(api_client_for(people["owner"]).get("/api/v1/accounts/users"))
    assert {"owner-nga", "colleague-nga"} <= seen
    assert "outsider-ken" not in seen
    assert "demo-practitioner-ken" not in seen


def test_outsider_sees_nothing_of_the_other_country(people, api_client_for):
    client = api_client_for(people["outsider"])
    seen = _usernames(client.get("/api/v1/accounts/users"))
    assert "owner-nga" not in seen
    assert "colleague-nga" not in seen
    response = client.get("/api/v1/accounts/users/owner-nga")
    assert response.status_code == 404  # not "forbidden": its existence is not revealed
    assert response.json()["code"] == "not_found"


def test_outsider_web_page_lists_no_foreign_colleague(people, client):
    client.force_login(people["outsider"])
    body = client.get("/accounts/users/").content.decode()
    assert "outsider-ken" in body
    assert "owner-nga" not in body


def test_admin_sees_everyone(people, api_client_for):
    seen = _usernames(api_client_for(people["admin"]).get("/api/v1/accounts/users?page_size=500"))
    assert {"owner-nga", "colleague-nga", "outsider-ken"} <= seen


def test_anonymous_gets_401_json(db, client):
    response = client.get("/api/v1/accounts/users")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert client.get("/accounts/users/").status_code == 302  # to the sign-in page


def test_user_without_countries_sees_only_nobody(persona, api_client_for):
    loner = persona("loner", role="analyst")
    assert _usernames(api_client_for(loner).get("/api/v1/accounts/users")) == set()


def test_reads_of_accounts_are_logged_without_content(people, api_client_for):
    api_client_for(people["owner"]).get("/api/v1/accounts/users")
    reads = AuditEntry.objects.filter(action="read", actor=people["owner"], model="accounts.user")
    assert set(reads.values_list("object_pk", flat=True)) >= {
        str(people["owner"].pk),
        str(people["colleague"].pk),
    }
    assert all(entry.object_repr == "" and entry.after is None for entry in reads)
