"""Documents as files: PDF from HTML (WeasyPrint, which shapes Arabic and lays out right-to-left)
and the DOCX building blocks every module uses, so a report and a request look alike.

Templates render HTML; `pdf_from_html` turns it into PDF. DOCX files are built with python-docx
through `docx_document`, which sets the language, the direction and the UN house style once.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import get_language_bidi

PDF_STYLESHEET = """
@page { size: A4; margin: 2.2cm 2cm; @bottom-center { content: counter(page); font-size: 9pt; } }
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", "WenQuanYi Micro Hei",
       serif; font-size: 11pt; line-height: 1.35; }
html[dir="rtl"] body { font-family: "DejaVu Sans", "Noto Naskh Arabic", sans-serif; }
h1 { font-size: 15pt; } h2 { font-size: 13pt; } h3 { font-size: 11.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 0.5pt solid #777; padding: 2pt 4pt; text-align: start; vertical-align: top; }
"""


def pdf_from_html(html: str, *, base_url: str | None = None) -> bytes:
    """Render a complete HTML document (with `lang` and `dir` on <html>) as PDF bytes."""
    from weasyprint import CSS, HTML  # imported here: it loads Pango on first use

    document = HTML(string=html, base_url=base_url)
    return bytes(document.write_pdf(stylesheets=[CSS(string=PDF_STYLESHEET)]))


def docx_document(*, language: str) -> Any:
    """A new Word document in the given language: right-to-left for Arabic, UN body font."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:bidi"), language)
    lang.set(qn("w:eastAsia"), language)
    rpr.append(lang)
    if language.startswith("ar"):
        ppr = style.element.get_or_add_pPr()
        ppr.append(OxmlElement("w:bidi"))
        rtl = OxmlElement("w:rtl")
        rpr.append(rtl)
    return document


def docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def is_rtl() -> bool:
    return bool(get_language_bidi())
