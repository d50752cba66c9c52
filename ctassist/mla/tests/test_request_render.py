"""`ctassist mla render`: the merged request as a real DOCX and PDF, every section filled,
headings in the request's language; an incomplete request is not rendered."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from ctassist.cli import main

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "mla-request.json"


def test_docx_has_every_section_filled_in_french(tmp_path):
    out = tmp_path / "request.docx"
    result = CliRunner().invoke(main, ["mla", "render", str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(io.BytesIO(out.read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) == 14
    assert headings[2] == "3. Fondement juridique"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Convention internationale pour la répression du financement du terrorisme" in text
    assert "48 000 euros" in text and "FR76" in text
    assert document.tables[0].rows[3].cells[1].text == "Niger"


def test_pdf_is_a_real_pdf(tmp_path):
    out = tmp_path / "request.pdf"
    assert (
        CliRunner().invoke(main, ["mla", "render", str(EXAMPLE), "--out", str(out)]).exit_code == 0
    )
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert "Niamey" in "".join(page.extract_text() for page in reader.pages)


def test_incomplete_request_is_not_rendered(tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del data["use_limitation"]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(main, ["mla", "render", str(path), "--out", str(out)])
    assert result.exit_code == 1 and "use_limitation" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "12 mars 2020"), ("en", "12 March 2020"), ("es", "12 de marzo de 2020")],
)
def test_request_dates_are_written_in_the_requests_language(language, expected):
    import io

    import docx

    from ctassist.mla.render import request_docx

    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["language"], data["date"] = language, "2020-03-12"
    document = docx.Document(io.BytesIO(request_docx(data)))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert expected in text
    assert "2020-03-12" not in text


@pytest.mark.django_db
def test_the_tracking_page_writes_dates_in_the_readers_language(client):
    from ctassist.accounts.models import User
    from ctassist.mla.models import TrackedRequest

    tracked = TrackedRequest.objects.filter(requesting_state__code="NER").first()
    assert tracked is not None, "the demo holds tracked requests"
    client.force_login(User.objects.get(username="demo-central-authority-ner"))
    body = client.get(f"/fr/cooperation/tracking/{tracked.pk}/").content.decode()
    assert tracked.status_date.isoformat() not in body.split('id="status"')[1].split("</dd>")[0]
