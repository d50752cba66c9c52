"""`ctassist report period` writes a real Word document, structured like the seed report, whose
numbers are exactly those of `ctassist report figures`."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from ctassist.cli import main

pytestmark = pytest.mark.django_db

PERIOD = ["--from", "2019-06-01", "--to", "2020-05-31"]


def _figures():
    result = CliRunner().invoke(main, ["report", "figures", *PERIOD, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_figures_on_the_demo_programme_read_like_the_report():
    payload = _figures()
    assert payload["period"] == {"from": "2019-06-01", "to": "2020-05-31"}
    figures = {f["name"]: f for f in payload["figures"]}
    assert figures["activities"]["value"] >= 150
    assert figures["activities"]["text"].startswith("more than ")
    assert figures["participants"]["value"] >= 3000
    assert set(figures["activities"]) == {"name", "value", "text", "rule", "query"}


def test_docx_has_the_structure_and_the_same_figures(tmp_path):
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(main, ["report", "period", *PERIOD, "--out", str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(io.BytesIO(out.read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [
        "I. Introduction",
        "II. Delivery of technical assistance",
        "A. Criminal justice responses to terrorism",
    ]
    assert "B. Partnerships" in headings and "C. Monitoring and evaluation" in headings
    body = [p.text for p in document.paragraphs if p.style.name == "Normal"]
    numbered = [t for t in body if t.split(".\t")[0].isdigit()]
    assert [int(t.split(".\t")[0]) for t in numbered] == list(range(1, len(numbered) + 1))
    text = "\n".join(body)
    figures = {f["name"]: f for f in _figures()["figures"]}
    for name in ("activities", "participants", "countries", "women_share"):
        assert figures[name]["text"] in text, name
    assert "1 June 2019" in text  # UN date style
    assert "Nigeria" in text  # the treaties paragraph for the period
    annex = document.tables[-1]
    assert len(annex.rows) == len(figures) + 1
    # The annex names each figure for a reader (no internal names), with a sentence each.
    labels = [row.cells[0].text for row in annex.rows[1:]]
    assert len(set(labels)) == len(figures)
    assert not any(re.search(r"[._]|^[a-z]", label) for label in labels), labels
    assert "Activities" in labels and "Share of women among participants" in labels
    assert all(row.cells[3].text.endswith(".") for row in annex.rows[1:])
    assert not any(".." in row.cells[3].text for row in annex.rows[1:])
    # The annex is on landscape pages.
    annex_section = document.sections[-1]
    assert annex_section.page_width > annex_section.page_height


def test_the_report_reads_as_un_prose():
    """No paragraph starts with a numeral; regions take their article; networks go by name;
    caveats about the records are notes for the editor, not paragraphs; the masthead is there."""
    from ctassist.reports.document import report_build

    report = report_build(dt.date(2019, 6, 1), dt.date(2020, 5, 31))
    paragraphs = [p for part in report.parts for p in part.paragraphs]
    assert not [p for p in paragraphs if p[:1].isdigit()]
    body = " ".join(paragraphs)
    assert "In Americas" not in body
    if any(f.subject_code == "019" for f in report.figures.values()):
        assert "In the Americas," in body
    network_codes = [
        name.rsplit(".", 1)[-1]
        for name in report.figures
        if name.startswith("mla.facilitated.network.")
    ]
    assert network_codes and not any(f"{code}:" in body for code in network_codes)
    assert "cover only part of the depositaries' lists" not in body
    assert any("cover only part of the depositaries' lists" in note for note in report.notes)
    assert report.masthead[0] == "General Assembly" and "Distr.: General" in report.masthead


def test_pdf_and_html_in_french(tmp_path):
    pdf = tmp_path / "r.pdf"
    assert (
        CliRunner()
        .invoke(main, ["report", "period", *PERIOD, "--out", str(pdf), "--language", "fr"])
        .exit_code
        == 0
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "1 juin 2019" in text
    html = tmp_path / "r.html"
    assert (
        CliRunner().invoke(main, ["report", "period", *PERIOD, "--out", str(html)]).exit_code == 0
    )
    assert 'id="para-1"' in html.read_text(encoding="utf-8")


def test_bad_period_is_refused(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "report",
            "period",
            "--from",
            "2020-06-01",
            "--to",
            "2019-06-01",
            "--out",
            str(tmp_path / "x.docx"),
        ],
    )
    assert result.exit_code != 0 and "before" in result.output
