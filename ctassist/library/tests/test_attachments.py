"""Attachments: text is extracted from real PDF, DOCX and HTML files and searched; a broken or
missing file stops the import with its line and field; drafts' files stay private."""

from __future__ import annotations

import json

import pytest

from ctassist.core.documents import docx_bytes, docx_document, pdf_from_html
from ctassist.core.errors import InvalidInput
from ctassist.library.models import Attachment, Record
from ctassist.library.search import library_search
from ctassist.library.services import library_import

pytestmark = pytest.mark.django_db


def _line(external_id, files, status="published"):
    return json.dumps(
        {
            "id": external_id,
            "type": "publication",
            "language": "en",
            "title": f"Guide {external_id}",
            "attachments": files,
            "status": status,
        }
    )


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "guide.pdf").write_bytes(
        pdf_from_html("<html lang='en'><body><p>Preservation requests zebrafinch</p></body></html>")
    )
    document = docx_document(language="en")
    document.add_paragraph("Emergency disclosure kingfisher")
    (tmp_path / "annex.docx").write_bytes(docx_bytes(document))
    (tmp_path / "page.html").write_text(
        "<html><head><script>hidden()</script></head><body><p>Voluntary hummingbird</p></body>"
        "</html>"
    )
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 this is not really a pdf")
    return tmp_path


def test_text_of_pdf_docx_and_html_attachments_is_searchable(persona, folder):
    editor = persona("ed", role="editor")
    library_import(
        actor=editor,
        lines=[_line("g-1", ["guide.pdf", "annex.docx", "page.html"])],
        attachments_dir=folder,
    )
    record = Record.objects.get(external_id="g-1")
    assert sorted(a.filename for a in record.attachments.all()) == [
        "annex.docx",
        "guide.pdf",
        "page.html",
    ]
    for word in ("zebrafinch", "kingfisher", "hummingbird"):
        hits = library_search(query=word).hits
        assert [h.record.external_id for h in hits] == ["g-1"], word
    assert library_search(query="hidden").total == 0  # script text is not content
    # Re-import of the same files stores nothing twice.
    library_import(actor=editor, lines=[_line("g-1", ["guide.pdf"])], attachments_dir=folder)
    assert Attachment.objects.filter(record=record).count() == 3


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (["broken.pdf"], "cannot read the .pdf file"),
        (["missing.pdf"], "no file 'missing.pdf'"),
        (["../outside.pdf"], "no file '../outside.pdf'"),
        (["notes.xyz"], "no file 'notes.xyz'"),
    ],
)
def test_bad_attachment_stops_the_import_at_its_line(persona, folder, files, message):
    (folder.parent / "outside.pdf").write_bytes(b"%PDF-1.7")
    lines = [_line("ok-1", ["annex.docx"]), _line("bad-2", files)]
    with pytest.raises(InvalidInput) as caught:
        library_import(actor=persona("ed", role="editor"), lines=lines, attachments_dir=folder)
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (2, "attachments")
    assert message in problem.message
    assert not Record.objects.filter(external_id__in=["ok-1", "bad-2"]).exists()


def test_attachments_download_from_published_records_only(client, persona, folder):
    editor = persona("ed", role="editor")
    library_import(
        actor=editor,
        lines=[_line("pub", ["annex.docx"]), _line("draft", ["guide.pdf"], status="draft")],
        attachments_dir=folder,
    )
    published = Attachment.objects.get(record__external_id="pub")
    response = client.get(f"/library/records/pub/attachments/{published.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")  # a real DOCX (zip)
    page = client.get("/library/records/pub/").content.decode()
    assert f"/library/records/pub/attachments/{published.pk}/" in page
    hidden = Attachment.objects.get(record__external_id="draft")
    assert client.get(f"/library/records/draft/attachments/{hidden.pk}/").status_code == 404
    client.force_login(editor)
    assert client.get(f"/library/records/draft/attachments/{hidden.pk}/").status_code == 200
