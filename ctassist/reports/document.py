"""The periodic report for a period, structured like the seed report (introduction; delivery by
thematic area, then by region; partnerships; monitoring and evaluation; conclusions), with
numbered paragraphs and an annex listing every figure and how it was computed. One structure,
three outputs: DOCX, HTML and PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ctassist.core.documents import docx_bytes, docx_document, pdf_from_html
from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.reports.build import Part, report_parts
from ctassist.reports.figures import Figure
from ctassist.treaties.paragraph import long_date


@dataclass
class Report:
    title: str
    subtitle: str
    parts: list[Part]
    figures: dict[str, Figure]
    # The General Assembly masthead, as in the seed report (placeholders for the editor).
    masthead: list[str] = field(default_factory=list)
    # What the editor must know and the reader need not: caveats about the records, kept out of
    # the numbered paragraphs and printed after the annex.
    notes: list[str] = field(default_factory=list)


def _masthead(language: str) -> list[str]:
    from ctassist.core.languages import language_name

    return [
        _("General Assembly"),
        _("Document symbol: A/[session]/[number]"),
        _("Distr.: General"),
        _("[Date of issue]"),
        _("Original: %(language)s") % {"language": language_name(language)},
        _("[Session] session"),
        _("Item [number] of the preliminary list"),
        _("Measures to eliminate international terrorism"),
    ]


def report_build(start: dt.date, end: dt.date) -> Report:
    """The report for the period in the active language (see `build.py` for its sections)."""
    from ctassist.reports.editing import apply_edits
    from ctassist.reports.selectors import paragraph_edits

    parts, figures, notes = report_parts(start, end)
    language = get_language() or "en"
    notes += apply_edits(parts, paragraph_edits(start=start, end=end, language=language))
    period = {"start": long_date(start), "end": long_date(end)}
    number = 0
    for part in parts:
        for item in part.items:
            number += 1
            if item.source == "highlight":
                notes.append(
                    _("Paragraph %(number)s is a staff highlight. %(note)s")
                    % {"number": number, "note": item.note}
                )
            elif item.source == "editor":
                notes.append(
                    _("Paragraph %(number)s is an editor's. %(note)s")
                    % {"number": number, "note": item.note}
                )
    return Report(
        title=_("Technical assistance provided by UNODC related to counter-terrorism"),
        subtitle=_("Report covering %(start)s to %(end)s") % period,
        parts=parts,
        figures=figures,
        masthead=_masthead(language),
        notes=notes,
    )


def report_docx(report: Report, *, language: str) -> bytes:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    document = docx_document(language=language)
    for line in report.masthead:
        document.add_paragraph(line)
    document.add_heading(report.title, level=0)
    document.add_paragraph(_("Report of the Secretary-General"))
    document.add_paragraph(report.subtitle)
    number = 0
    for part in report.parts:
        document.add_heading(part.heading, level=part.level)
        for paragraph in part.paragraphs:
            number += 1
            document.add_paragraph(f"{number}.\t{paragraph}")
    # The annex on landscape pages, with columns wide enough that no word breaks.
    annex = document.add_section()
    annex.orientation = WD_ORIENT.LANDSCAPE
    annex.page_width, annex.page_height = annex.page_height, annex.page_width
    document.add_heading(_("Annex: figures and how they were computed"), level=1)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.autofit = False
    widths = (Cm(7), Cm(2.5), Cm(4), Cm(11.5))
    for cell, label in zip(
        table.rows[0].cells,
        (_("Figure"), _("Value"), _("In the text"), _("Computed as")),
        strict=True,
    ):
        cell.text = label
    for figure in report.figures.values():
        row = table.add_row().cells
        row[0].text, row[1].text = figure.label or figure.name, str(figure.value)
        row[2].text, row[3].text = figure.text, figure.explanation or figure.query
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    if report.notes:
        document.add_heading(_("Notes for the editor (not part of the report)"), level=1)
        for note in report.notes:
            document.add_paragraph(note)
    return docx_bytes(document)


def report_html(report: Report, *, language: str, rtl: bool) -> str:
    numbered = []
    number = 0
    for part in report.parts:
        items = []
        for paragraph in part.paragraphs:
            number += 1
            items.append((number, paragraph))
        numbered.append((part, items))
    return render_to_string(
        "reports/period.html",
        {"report": report, "parts": numbered, "language": language, "rtl": rtl},
    )


def report_pdf(report: Report, *, language: str, rtl: bool) -> bytes:
    return pdf_from_html(report_html(report, language=language, rtl=rtl))


REPORT_FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


def report_file(start: dt.date, end: dt.date, *, fmt: str, language: str) -> bytes:
    """The period's report as DOCX, PDF or HTML in `language` — what the CLI writes and the web
    page downloads."""
    if fmt not in REPORT_FORMATS:
        raise InvalidInput(
            "The report is written as .docx, .pdf or .html.",
            problems=[FieldProblem("format", "docx, pdf or html")],
        )
    if end < start:
        raise InvalidInput(
            "The period ends before it starts.", problems=[FieldProblem("to", "before from")]
        )
    with translation.override(language):
        built = report_build(start, end)
        rtl = translation.get_language_bidi()
        if fmt == "docx":
            return report_docx(built, language=language)
        if fmt == "pdf":
            return report_pdf(built, language=language, rtl=rtl)
        return report_html(built, language=language, rtl=rtl).encode("utf-8")
