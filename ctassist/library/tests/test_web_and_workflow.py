"""Library pages, API and the publication workflow."""

from __future__ import annotations

import json

import pytest

from ctassist.core.errors import ConflictError, InvalidInput, PermissionDenied
from ctassist.core.models import AuditEntry
from ctassist.library.models import Record
from ctassist.library.services import record_transition

pytestmark = pytest.mark.django_db


def test_record_page_has_json_ld_and_links(client):
    body = client.get("/library/records/demo-leg-nga-2013/").content.decode()
    opening = body.index('<script type="application/ld+json"')
    start = body.index(">", opening) + 1
    data = json.loads(body[start : body.index("</script>", start)])
    assert data["@type"] == "Legislation"
    assert data["legislationJurisdiction"] == "Nigeria"
    assert "/treaties/FINANCING_1999/" in body
    assert "Implements:" in body


def test_drafts_are_not_found_by_the_public(client):
    assert client.get("/library/records/demo-draft-sen-2020/").status_code == 404
    assert client.get("/api/v1/library/records/demo-draft-sen-2020").status_code == 404


def test_api_search_and_record(client):
    payload = client.get("/api/v1/library/search?q=terrorism&type=legislation").json()
    assert payload["total"] >= 1
    assert all(r["type"] == "legislation" for r in payload["results"])
    record = client.get("/api/v1/library/records/demo-case-ken-2018-01").json()
    assert record["court"] == "High Court of Kenya at Nairobi"
    assert client.get("/api/v1/library/search?page=0").status_code == 422


def test_search_results_download(client):
    csv_text = client.get("/library/?q=terrorisme&format=csv").content.decode("utf-8-sig")
    assert csv_text.startswith("id,type,country")
    as_json = client.get("/library/?q=terrorisme&format=json").json()
    assert as_json["total"] >= 1


def test_editor_moves_a_draft_to_publication(persona):
    editor = persona("ed", role="editor")
    draft = Record.objects.get(external_id="demo-draft-sen-2020")
    reviewed = record_transition(
        actor=editor, record=draft, expected_version=draft.version, to="review"
    )
    published = record_transition(
        actor=editor, record=reviewed, expected_version=reviewed.version, to="published"
    )
    assert published.published_at is not None
    entries = AuditEntry.objects.filter(
        model="library.record", object_pk=str(draft.pk), action="update"
    )
    assert [e.after["status"] for e in entries.order_by("at", "id")] == ["review", "published"]
    from ctassist.library.search import library_search

    assert "demo-draft-sen-2020" in [
        h.record.external_id for h in library_search(query="brouillon").hits
    ]


def test_workflow_refuses_what_it_must(persona):
    draft = Record.objects.get(external_id="demo-draft-sen-2020")
    with pytest.raises(PermissionDenied):
        record_transition(
            actor=persona("p", countries=("SEN",)),
            record=draft,
            expected_version=draft.version,
            to="published",
        )
    editor = persona("ed", role="editor")
    with pytest.raises(InvalidInput):
        record_transition(
            actor=editor, record=draft, expected_version=draft.version, to="withdrawn"
        )
    with pytest.raises(ConflictError):
        record_transition(
            actor=editor, record=draft, expected_version=draft.version - 1, to="review"
        )


def test_editor_sees_history_and_buttons(client, persona):
    client.force_login(persona("ed", role="editor"))
    body = client.get("/library/records/demo-draft-sen-2020/").content.decode()
    assert "Send to review" in body
    assert "History" in body


def test_state_page_shows_its_library_records_beside_treaty_status(client):
    body = client.get("/treaties/states/NGA/").content.decode()
    assert "In the library" in body
    assert "/library/records/demo-leg-nga-2013/" in body
    assert "/library/records/demo-auth-nga-mla/" in body
    assert "demo-draft" not in body


def test_editors_edit_the_taxonomy_with_an_audit_trail(persona):
    from ctassist.library.models import Term
    from ctassist.library.services import term_save

    editor = persona("ed", role="editor")
    term = Term.objects.get(scheme="cross_cutting", code="gender")
    saved = term_save(
        actor=editor,
        term=term,
        expected_version=term.version,
        changes={"name_fr": "Questions de genre"},
    )
    assert saved.name_fr == "Questions de genre"
    entry = AuditEntry.objects.get(model="library.term", object_pk=str(term.pk))
    assert entry.after["name_fr"] == "Questions de genre"
    with pytest.raises(ConflictError):
        term_save(
            actor=editor, term=term, expected_version=term.version, changes={"name_fr": "autre"}
        )
    with pytest.raises(PermissionDenied):
        term_save(
            actor=persona("p", countries=("NGA",)),
            term=saved,
            expected_version=saved.version,
            changes={"name_fr": "x"},
        )


def test_admin_term_edit_is_audited(client):
    from ctassist.accounts.models import User
    from ctassist.library.models import Term

    client.force_login(User.objects.get(username="demo-admin"))
    term = Term.objects.get(scheme="crime_type", code="recruitment")
    data = {
        "scheme": term.scheme,
        "code": term.code,
        "name_ar": term.name_ar,
        "name_zh": term.name_zh,
        "name_en": "Recruitment for terrorist purposes",
        "name_fr": term.name_fr,
        "name_ru": term.name_ru,
        "name_es": term.name_es,
        "parent": "",
        "instrument": "",
    }
    response = client.post(f"/admin/library/term/{term.pk}/change/", data)
    assert response.status_code == 302
    assert Term.objects.get(pk=term.pk).name_en == "Recruitment for terrorist purposes"
    assert AuditEntry.objects.filter(
        model="library.term", object_pk=str(term.pk), action="update"
    ).exists()
