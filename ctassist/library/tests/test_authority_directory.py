"""The competent-authorities directory, as other modules (MLA) read it."""

from __future__ import annotations

from datetime import date

import pytest

from ctassist.library.models import Record
from ctassist.library.selectors import authority_directory

pytestmark = pytest.mark.django_db


def test_directory_gives_typed_central_authority_for_a_state(persona):
    entries = authority_directory(user=None, state_code="NGA", function="mla")
    assert [e.external_id for e in entries] == ["demo-auth-nga-mla"]
    entry = entries[0]
    assert entry.body.startswith("Central Authority Unit")
    assert entry.last_verified == date(2020, 3, 1)
    assert "central_authority" in entry.channels
    assert entry.contacts[0].kind == "email"


def test_directory_filters_by_function_and_hides_drafts_from_the_public(persona):
    assert authority_directory(user=None, state_code="NGA", function="fiu") == []
    record = Record.objects.get(external_id="demo-auth-nga-mla")
    Record.objects.filter(pk=record.pk).update(status=Record.Status.DRAFT)
    assert authority_directory(user=None, state_code="NGA") == []
    editor = persona("ed", role="editor")
    assert len(authority_directory(user=editor, state_code="NGA")) == 1
