"""PDF and DOCX output: real files that other programs open, in Arabic as in English."""

from __future__ import annotations

import io

import docx
from pypdf import PdfReader

from ctassist.core.documents import docx_bytes, docx_document, pdf_from_html


def test_pdf_from_html_is_a_pdf_with_the_text():
    html = (
        '<html lang="en"><body><h1>Request for assistance</h1>'
        "<p>Banking records of account 123.</p></body></html>"
    )
    data = pdf_from_html(html)
    assert data.startswith(b"%PDF-")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Banking records of account 123." in text


def test_arabic_pdf_renders_right_to_left_text():
    data = pdf_from_html('<html lang="ar" dir="rtl"><body><p>طلب مساعدة</p></body></html>')
    assert data.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_docx_document_is_readable_and_marked_rtl_in_arabic():
    document = docx_document(language="ar")
    document.add_paragraph("طلب مساعدة قانونية متبادلة")
    reopened = docx.Document(io.BytesIO(docx_bytes(document)))
    assert reopened.paragraphs[0].text == "طلب مساعدة قانونية متبادلة"
    normal = reopened.styles["Normal"].element.xml
    assert "w:bidi" in normal and "w:rtl" in normal
