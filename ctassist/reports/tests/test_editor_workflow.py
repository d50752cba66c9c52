"""The editor's workflow: a paragraph replaced or added stays in place when the report is
generated again, with who wrote it; two editors saving the same paragraph at once conflict
instead of overwriting each other; the final version is frozen with its figures and a later
regeneration shows what changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from ctassist.assistance.models import Activity, Project
from ctassist.core.errors import ConflictError
from ctassist.geo.models import State
from ctassist.reports.document import report_build
from ctassist.reports.editing import changes_since, report_content
from ctassist.reports.selectors import frozen_latest
from ctassist.reports.services import paragraph_edit_save, report_freeze

pytestmark = pytest.mark.django_db
START, END = dt.date(2019, 6, 1), dt.date(2020, 5, 31)


def _paragraphs():
    with translation.override("en"):
        report = report_build(START, END)
    return [item for part in report.parts for item in part.items], report


def test_replaced_and_added_paragraphs_are_kept_with_who_and_when(persona):
    editor = persona("editor-a", role="analyst")
    paragraph_edit_save(
        actor=editor, start=START, end=END, language="en", key="introduction.mandate",
        action="replace", text="The Office is mandated by the General Assembly (edited).",
    )  # fmt: skip
    paragraph_edit_save(
        actor=editor, start=START, end=END, language="en", key="conclusions.ready",
        action="add", text="The Office thanks the donors (added).",
    )  # fmt: skip
    for _attempt in range(2):  # generated again: still there
        items, report = _paragraphs()
        texts = [i.text for i in items]
        assert texts[0] == "The Office is mandated by the General Assembly (edited)."
        assert texts[-1] == "The Office thanks the donors (added)."
        assert items[0].source == "editor" and "editor-a" in items[0].note
        assert any("Paragraph 1 is an editor's" in n and "editor-a" in n for n in report.notes)
    # Another language's report is not touched.
    with translation.override("fr"):
        french = report_build(START, END)
    assert "(edited)" not in french.parts[0].paragraphs[0]


def test_two_editors_saving_the_same_paragraph_conflict(persona):
    first, second = persona("ed-1", role="analyst"), persona("ed-2", role="analyst")
    place = {"start": START, "end": END, "language": "en", "key": "introduction.field"}
    edit = paragraph_edit_save(actor=first, **place, action="replace", text="First version.")
    # Both opened version 1; the first to save wins, the second is refused.
    paragraph_edit_save(
        actor=first, **place, action="replace", text="Second.", expected_version=edit.version
    )
    with pytest.raises(ConflictError):
        paragraph_edit_save(
            actor=second, **place, action="replace", text="Third.", expected_version=edit.version
        )
    # An editor who saw no edited paragraph there does not overwrite the one saved since.
    with pytest.raises(ConflictError):
        paragraph_edit_save(actor=second, **place, action="replace", text="Fourth.")
    items, _report = _paragraphs()
    assert "Second." in [i.text for i in items]


def test_freezing_keeps_the_figures_and_a_regeneration_shows_changes(persona):
    editor = persona("freezer", role="analyst")
    frozen = report_freeze(actor=editor, start=START, end=END, language="en")
    assert frozen_latest(start=START, end=END, language="en") == frozen
    assert frozen.content["figures"]["activities"]["value"] == 155
    _items, report = _paragraphs()
    assert not changes_since(frozen.content, report_content(report.parts, report.figures)).any
    project = Project.objects.filter(thematic_area="capacity").order_by("pk")[0]
    Activity.objects.create(
        project=project, title="Special investigative techniques in terrorism cases",
        kind="training", modality="in_person", start=dt.date(2020, 5, 4),
        end=dt.date(2020, 5, 6), country=State.objects.get(code="ALB"), thematic_area="capacity",
    )  # fmt: skip
    _items, report = _paragraphs()
    changes = changes_since(frozen.content, report_content(report.parts, report.figures))
    assert ("Activities", "more than 150", "more than 150") in changes.figures
    assert any("South-Eastern Europe" in text for text in changes.added)
    assert changes.changed  # the totals' paragraphs


def test_the_page_saves_edits_and_refuses_a_stale_one(client, persona):
    client.force_login(persona("page-editor", role="analyst"))
    page = client.get("/reports/?from=2019-06-01&to=2020-05-31&edit=3&action=replace")
    assert page.status_code == 200
    assert 'id="paragraph-form"' in page.content.decode()
    form = {
        "from": "2019-06-01", "to": "2020-05-31", "draft": "en", "key": "introduction.period",
        "action": "replace", "text": "A new third paragraph.", "version": "",
    }  # fmt: skip
    assert client.post("/reports/paragraphs/", form).status_code == 302
    shown = client.get("/reports/?from=2019-06-01&to=2020-05-31").content.decode()
    assert "A new third paragraph." in shown and "page-editor" in shown
    assert client.post("/reports/paragraphs/", form).status_code == 409  # no version: stale
    assert client.post("/reports/freeze/", form).status_code == 302
    assert (
        "No change since the final version."
        in client.get("/reports/?from=2019-06-01&to=2020-05-31").content.decode()
    )
