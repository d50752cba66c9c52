"""Saved searches and e-mail alerts for new matches."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from click.testing import CliRunner
from django.core import mail

from ctassist.cli import main
from ctassist.core.errors import PermissionDenied
from ctassist.core.models import AuditEntry
from ctassist.library.models import Record, SavedSearch
from ctassist.library.services import library_alerts_send, library_import, saved_search_create

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def _publish(actor, external_id, title, *, country="KEN", text=""):
    line = {
        "id": external_id,
        "type": "legislation",
        "country": country,
        "language": "en",
        "title": title,
        "text": text,
        "status": "published",
    }
    library_import(actor=actor, lines=[json.dumps(line)])


@pytest.fixture
def reader(persona):
    user = persona("reader")
    user.email = "reader@example.org"
    user.save()
    return user


def test_new_matching_records_are_emailed_once(reader, persona):
    editor = persona("ed", role="editor")
    with time_machine.travel(T0, tick=False):
        saved = saved_search_create(
            actor=reader, name="Kenya financing", query="financing", filters={"country": "KEN"}
        )
    with time_machine.travel(T0 + dt.timedelta(hours=1), tick=False):
        _publish(editor, "new-ken", "Financing of terrorism regulations")
        _publish(editor, "new-fra", "Financing rules", country="FRA")  # filter excludes it
        _publish(editor, "new-ken-other", "Prison rules")  # words do not match
    report = library_alerts_send(now=T0 + dt.timedelta(hours=2))
    assert (report.emails, report.records) == (1, 1)
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert "Kenya financing" in message.subject
    assert "Financing of terrorism regulations" in message.body
    assert "/library/records/new-ken/" in message.body
    assert "Financing rules" not in message.body
    # Nothing new since: no second e-mail; the mark moved forward.
    assert library_alerts_send(now=T0 + dt.timedelta(hours=3)).emails == 0
    saved.refresh_from_db()
    assert saved.last_alert_at == T0 + dt.timedelta(hours=3)


def test_records_published_before_saving_are_not_news(reader, persona):
    editor = persona("ed", role="editor")
    with time_machine.travel(T0, tick=False):
        _publish(editor, "old-ken", "Financing act")
    with time_machine.travel(T0 + dt.timedelta(hours=1), tick=False):
        saved_search_create(actor=reader, name="", query="financing", filters={})
    assert library_alerts_send(now=T0 + dt.timedelta(hours=2)).emails == 0


def test_drafts_and_switched_off_alerts_send_nothing(reader, persona):
    editor = persona("ed", role="editor")
    with time_machine.travel(T0, tick=False):
        saved_search_create(actor=reader, name="quiet", query="bombing", filters={}, alerts=False)
        saved_search_create(actor=reader, name="loud", query="hostage", filters={})
    with time_machine.travel(T0 + dt.timedelta(hours=1), tick=False):
        _publish(editor, "bomb", "Bombing act")
        draft = {"id": "hostage-draft", "type": "legislation", "language": "en"}
        library_import(actor=editor, lines=[json.dumps(draft | {"title": "Hostage act"})])
    assert library_alerts_send(now=T0 + dt.timedelta(hours=2)).emails == 0
    assert Record.objects.get(external_id="hostage-draft").status == Record.Status.DRAFT


def test_saving_needs_a_signed_in_user_and_is_audited(reader):
    with pytest.raises(PermissionDenied):
        saved_search_create(actor=None, name="x", query="x", filters={})
    saved = saved_search_create(actor=reader, name="x", query="x", filters={})
    assert AuditEntry.objects.filter(object_pk=str(saved.pk), action="create").exists()


def test_web_save_list_and_delete(client, reader):
    assert client.post("/library/saved/new/", {"q": "terrorism"}).status_code == 302  # to login
    assert not SavedSearch.objects.exists()
    client.force_login(reader)
    page = client.get("/library/?q=terrorism").content.decode()
    assert "Save search" in page
    response = client.post(
        "/library/saved/new/", {"q": "terrorism", "type": "legislation", "alerts": "1"}
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=reader)
    assert saved.filters == {"type": "legislation"}
    listing = client.get("/library/saved/").content.decode()
    assert "q=terrorism&amp;type=legislation" in listing
    client.post(f"/library/saved/{saved.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_api_saved_searches_are_private_to_their_owner(api_client_for, reader, persona):
    created = api_client_for(reader).post(
        "/api/v1/library/saved-searches",
        {"q": "financing", "filters": {"country": "NGA"}},
        content_type="application/json",
    )
    assert created.status_code == 201
    saved_id = created.json()["id"]
    outsider = api_client_for(persona("other"))
    assert outsider.get("/api/v1/library/saved-searches").json() == []
    assert outsider.delete(f"/api/v1/library/saved-searches/{saved_id}").status_code == 404
    assert api_client_for(None).get("/api/v1/library/saved-searches").status_code == 401
    bad = api_client_for(reader).post(
        "/api/v1/library/saved-searches",
        {"q": "x", "filters": {"colour": "red"}},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "filters.colour"
    nothing = api_client_for(reader).post(
        "/api/v1/library/saved-searches",
        {"q": " ", "filters": {}},
        content_type="application/json",
    )
    assert nothing.status_code == 422 and nothing.json()["code"] == "rule"
    assert (
        api_client_for(reader).delete(f"/api/v1/library/saved-searches/{saved_id}").status_code
        == 204
    )


def test_cli_sends_alerts(reader, persona):
    editor = persona("ed", role="editor")
    with time_machine.travel(T0, tick=False):
        saved_search_create(actor=reader, name="fin", query="financing", filters={})
    with time_machine.travel(T0 + dt.timedelta(hours=1), tick=False):
        _publish(editor, "cli-ken", "Financing order")
    result = CliRunner().invoke(
        main, ["library", "alerts", "--now", "2026-01-05T12:00:00"], catch_exceptions=False
    )
    assert "e-mails sent: 1" in result.output
    assert len(mail.outbox) == 1


def test_the_api_offers_every_search_facet_as_a_saved_filter():
    from ctassist.library.api import SavedFilters
    from ctassist.library.search import FACETS

    assert set(SavedFilters.model_fields) == set(FACETS)
