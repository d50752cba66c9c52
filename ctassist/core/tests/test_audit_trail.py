"""Every change through a service is audited, and the audit trail cannot be rewritten."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from ctassist.core.models import AuditEntry
from ctassist.geo.models import State
from ctassist.geo.services import state_update


@pytest.fixture
def editor(persona):
    return persona("ed", role="editor")


def test_update_records_who_when_before_and_after(editor):
    niger = State.objects.get(code="NER")
    state_update(
        actor=editor,
        state=niger,
        expected_version=niger.version,
        changes={"official_name_en": "Republic of the Niger"},
    )
    entry = AuditEntry.objects.filter(model="geo.state", object_pk=str(niger.pk)).first()
    assert entry is not None
    assert entry.actor == editor
    assert entry.action == "update"
    assert entry.before["official_name_en"] == niger.official_name_en
    assert entry.after["official_name_en"] == "Republic of the Niger"
    assert entry.after["version"] == entry.before["version"] + 1


def test_user_creation_is_audited_without_the_password(db):
    from ctassist.accounts.services import user_create

    user = user_create(
        actor=None,
        username="newcomer",
        role="analyst",
        countries=["KEN"],
        password="a long enough passphrase 42",
    )
    entry = AuditEntry.objects.get(model="accounts.user", object_pk=str(user.pk))
    assert entry.actor_label == "system"
    assert entry.after["countries"] == ["KEN"]
    assert entry.after["password"] == "<hidden>"


@pytest.fixture
def entry(db):
    return AuditEntry.objects.create(
        actor_label="system", action="create", model="x.y", object_pk="1"
    )


def test_audit_entry_cannot_be_saved_again(entry):
    entry.note = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()


def test_audit_entries_cannot_be_deleted_or_bulk_updated(entry):
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(note="x")


def test_database_refuses_raw_update(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET note = 'x' WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.note == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE trigger is PostgreSQL's")
def test_postgresql_refuses_raw_delete(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_admin_offers_no_way_to_change_entries(entry, client):
    from ctassist.accounts.models import User

    client.force_login(User.objects.get(username="demo-admin"))
    page = client.get(f"/admin/core/auditentry/{entry.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.get(f"/admin/core/auditentry/{entry.pk}/delete/").status_code == 403
    assert client.get("/admin/core/auditentry/add/").status_code == 403
