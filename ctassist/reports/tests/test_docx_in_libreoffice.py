"""The DOCX as an editor opens it: LibreOffice converts it to PDF (`soffice --headless
--convert-to pdf`), and the PDF's text reads cleanly — headings, numbered paragraphs, figures in
UN style, the annex's labels and columns whole, no markup or code leaking through."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from ctassist.reports.document import report_file

pytestmark = pytest.mark.django_db


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CTASSIST_REQUIRE_BROWSER") == "1":
            pytest.fail("LibreOffice (soffice) is required (CTASSIST_REQUIRE_BROWSER=1)")
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    return found


def test_libreoffice_converts_the_docx_to_a_clean_pdf(tmp_path):
    soffice = _soffice()
    docx = tmp_path / "report.docx"
    docx.write_bytes(
        report_file(dt.date(2019, 6, 1), dt.date(2020, 5, 31), fmt="docx", language="en")
    )
    profile = tmp_path / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = PdfReader(io.BytesIO((tmp_path / "report.pdf").read_bytes()))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    flat = re.sub(r"\s+", " ", text)
    for heading in (
        "I. Introduction",
        "A. Criminal justice responses to terrorism",
        "West and Central Africa",
        "B. Partnerships",
        "III. Conclusions",
        "Annex: figures and how they were computed",
    ):
        assert heading in flat, heading
    assert "more than 150" in flat and "28 per cent" in flat
    assert re.search(r"\b80\. ", flat)  # the numbering runs past 80
    # The annex's columns fit: its labels are not broken inside a word.
    assert "Share of women among participants" in flat
    assert "Computed as" in flat
    for leak in ("{%", "%(", "narrative.", "activities.region", "None"):
        assert leak not in flat, leak
    assert len(pdf.pages) > 10
