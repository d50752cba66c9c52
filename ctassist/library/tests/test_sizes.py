"""Sizes with bounds (issue 26 item 6): a record's text has a configurable limit and a longer
one is refused with its line and field; a snippet reads a bounded window whatever the size of
the record; re-importing an unchanged file does no update work."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctassist.core.errors import InvalidInput
from ctassist.library import search
from ctassist.library.models import Record
from ctassist.library.services import library_import
from ctassist.library.tests.test_import import GOOD, lines

pytestmark = pytest.mark.django_db


def test_a_text_over_the_limit_is_refused_with_its_line_and_field(settings):
    settings.CTASSIST_LIBRARY_TEXT_MAX_CHARS = 1000
    long = {**GOOD, "id": "t-2", "text": "terror " * 200}
    with pytest.raises(InvalidInput) as error:
        library_import(actor=None, lines=lines(GOOD, long))
    problem = error.value.problems[0]
    assert (problem.line, problem.field) == (2, "text")
    assert "1,400 characters, more than the limit of 1,000" in error.value.message
    assert "CTASSIST_LIBRARY_TEXT_MAX_CHARS" in error.value.message
    assert not Record.objects.filter(external_id__in=["t-1", "t-2"]).exists()


def test_a_long_provision_and_a_huge_line_are_refused_before_anything_is_written(settings):
    settings.CTASSIST_LIBRARY_TEXT_MAX_CHARS = 1000
    provision = {"number": "s. 5", "text": "x" * 1001}
    with pytest.raises(InvalidInput) as error:
        library_import(actor=None, lines=lines({**GOOD, "provisions": [provision]}))
    assert error.value.problems[0].field == "provisions.0.text"
    huge = json.dumps({**GOOD, "text": "y" * 2_000_000})  # refused before it is parsed
    with pytest.raises(InvalidInput) as error:
        library_import(actor=None, lines=[huge])
    assert (error.value.problems[0].line, error.value.problems[0].field) == (1, "(line)")


def test_a_snippet_looks_at_a_bounded_window(monkeypatch):
    analysed: list[str] = []
    analyze = search.analyze

    def counting(text, language):
        analysed.append(text)
        return analyze(text, language)

    monkeypatch.setattr(search, "analyze", counting)
    groups = [["financ"]]
    text = "The financing of terrorism is an offence. " + "nothing to see here " * 500_000
    shown = search.snippet(text, groups, "en")
    assert "<mark>financing</mark>" in shown and shown.endswith("…")
    assert len(analysed) < 100, "the whole text was analysed for one snippet"
    analysed.clear()
    assert "financing" not in search.snippet("plain words " * 1_000_000, groups, "en")
    assert sum(len(word) for word in analysed) <= search.SNIPPET_SCAN_CHARS


def test_a_search_page_reads_only_the_start_of_long_texts():
    body = "Quokkafication of terrorism. " + "filler words " * 50_000
    library_import(actor=None, lines=lines({**GOOD, "text": body, "summary": ""}))
    with CaptureQueriesContext(connection) as queries:
        result = search.library_search(query="quokkafication")
    assert [h.record.external_id for h in result.hits] == ["t-1"]
    assert "<mark>Quokkafication</mark>" in result.hits[0].snippet
    page = [q["sql"] for q in queries if "library_record" in q["sql"] and "SUBSTR" in q["sql"]]
    assert page, "the page's records were read with their whole text"


def _many(count: int) -> list[str]:
    return [json.dumps({**GOOD, "id": f"t-{n}", "title": f"Act {n}"}) for n in range(count)]


def test_an_unchanged_re_import_costs_a_few_queries_whatever_the_number_of_records():
    library_import(actor=None, lines=_many(60))
    with CaptureQueriesContext(connection) as queries:
        report = library_import(actor=None, lines=_many(60))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 60)
    assert len(queries) < 15, f"{len(queries)} queries to find 60 records unchanged"


def test_a_record_edited_since_its_import_is_compared_again(settings):
    from ctassist.core.services import record_update

    library_import(actor=None, lines=lines(GOOD))
    record = Record.objects.get(external_id="t-1")
    record_update(
        actor=None, instance=record, expected_version=record.version, changes={"title": "Edited"}
    )
    report = library_import(actor=None, lines=lines(GOOD))
    assert report.updated == 1
    assert Record.objects.get(external_id="t-1").title == GOOD["title"]
    assert library_import(actor=None, lines=lines(GOOD)).unchanged == 1


def test_new_records_get_whole_create_entries_in_the_audit_log():
    from ctassist.core.models import AuditEntry

    library_import(actor=None, lines=lines(GOOD))
    record = Record.objects.get(external_id="t-1")
    entry = AuditEntry.objects.get(model="library.record", object_pk=str(record.pk))
    assert entry.action == "create" and entry.object_repr == GOOD["title"]
    assert entry.after["id"] == record.pk and entry.after["title"] == GOOD["title"]
    assert entry.after["country_id"] == record.country_id and entry.note == "library import"
