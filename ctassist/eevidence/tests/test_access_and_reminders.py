"""A data request names accounts: only users of its requesting State see it (pages, API,
documents); reads are logged. Owners are reminded before a preservation ends — without the
accounts in the e-mail — and not once an MLA request follows it up."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from django.core import mail

from ctassist.cli import main
from ctassist.core.models import AuditEntry
from ctassist.eevidence.tests.factories import DataRequestFactory
from ctassist.mla.services import mla_request_create

pytestmark = pytest.mark.django_db


def test_outsiders_see_nothing(client, api_client_for, persona):
    owner = persona("owner", countries=("NER",))
    colleague = persona("colleague", countries=("NER",))
    outsider = persona("outsider", countries=("FRA",))
    item = DataRequestFactory(owner=owner)
    client.force_login(colleague)
    assert "secret-handle-42" in client.get(f"/cooperation/e-evidence/{item.pk}/").content.decode()
    assert AuditEntry.objects.filter(action="read", model="eevidence.datarequest").exists()
    client.force_login(outsider)
    assert client.get(f"/cooperation/e-evidence/{item.pk}/").status_code == 404
    assert client.get(f"/cooperation/e-evidence/{item.pk}/document.docx").status_code == 404
    assert item.reference not in client.get("/cooperation/e-evidence/").content.decode()
    api = api_client_for(outsider)
    assert api.get(f"/api/v1/eevidence/requests/{item.pk}").status_code == 404
    assert api.get("/api/v1/eevidence/requests").json() == []
    assert api_client_for(colleague).get(f"/api/v1/eevidence/requests/{item.pk}").status_code == 200
    client.logout()
    assert client.get(f"/cooperation/e-evidence/{item.pk}/").status_code == 302


def test_reminder_before_preservation_ends_once_and_stops_with_mla(persona):
    owner = persona("owner", countries=("NER",))
    owner.email = "owner@example.org"
    owner.save()
    item = DataRequestFactory(
        owner=owner,
        status="confirmed",
        sent_on=dt.date(2030, 1, 1),
        preserved_until=dt.date(2030, 4, 1),
    )
    quiet = CliRunner().invoke(main, ["mla", "reminders", "--today", "2030-03-01"])
    assert quiet.exit_code == 0 and "preservation reminders sent: 0" in quiet.output
    CliRunner().invoke(main, ["mla", "reminders", "--today", "2030-03-20"])
    [message] = [m for m in mail.outbox if m.to == ["owner@example.org"]]
    assert item.reference in message.body and "2030-04-01" in message.body
    assert "secret-handle-42" not in message.body
    CliRunner().invoke(main, ["mla", "reminders", "--today", "2030-03-20"])
    assert len([m for m in mail.outbox if m.to == ["owner@example.org"]]) == 1
    item.follow_up = mla_request_create(actor=owner, requesting_state="NER")
    item.save()
    CliRunner().invoke(main, ["mla", "reminders", "--today", "2030-03-21"])
    assert len([m for m in mail.outbox if m.to == ["owner@example.org"]]) == 1
