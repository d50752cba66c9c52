"""Hostile workbooks and documents are refused with a clear message, before they cost memory
(issue 27, items 2 and 7): an entity, a DTD or a cut tag in a sheet's XML; an Office file that
would unpack to more than the limit or is compressed beyond the ratio; more rows than allowed."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ctassist.core.errors import InvalidInput
from ctassist.core.extraction import ExtractionError, text_from_bytes
from ctassist.core.spreadsheets import rows_from_file

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{cell}</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
)


def _workbook_with_sheet(path: Path, sheet_xml: str) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["title"])
    book.active.append(["x"])
    plain = io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            target.writestr(item, data)
    return path


@pytest.mark.parametrize(
    "sheet_xml",
    [
        LAUGHS + SHEET.format(cell="&lol3;"),
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + SHEET.format(cell="&xxe;"),
        SHEET.format(cell="cut")[:-40],
    ],
    ids=["billion-laughs", "external-entity", "truncated-tag"],
)
def test_a_hostile_sheet_is_refused_as_unreadable(tmp_path, sheet_xml):
    path = _workbook_with_sheet(tmp_path / "activities.xlsx", sheet_xml)
    with pytest.raises(InvalidInput) as refused:
        list(rows_from_file(path))
    assert refused.value.problems[0].field == "file"
    assert "root:" not in str(refused.value)


def _office_bomb(path: Path, member: str, size: int) -> bytes:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w") as handle:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                handle.write(chunk)
    return path.read_bytes()


def test_a_docx_that_would_unpack_beyond_the_limit_is_refused_at_once(tmp_path, settings):
    settings.CTASSIST_UNPACKED_MAX_BYTES = 16 * 1024 * 1024
    data = _office_bomb(tmp_path / "bomb.docx", "word/document.xml", 32 * 1024 * 1024)
    assert len(data) < 100_000
    started = time.monotonic()
    with pytest.raises(ExtractionError, match="more than the limit"):
        text_from_bytes(data, filename="bomb.docx")
    assert time.monotonic() - started < 1.0


def test_a_docx_compressed_beyond_the_ratio_is_refused(tmp_path, settings):
    settings.CTASSIST_UNPACKED_MAX_RATIO = 20
    data = _office_bomb(tmp_path / "dense.docx", "word/document.xml", 8 * 1024 * 1024)
    with pytest.raises(ExtractionError, match="compressed"):
        text_from_bytes(data, filename="dense.docx")


def test_an_xlsx_that_would_unpack_beyond_the_limit_is_refused(tmp_path, settings):
    settings.CTASSIST_UNPACKED_MAX_BYTES = 4 * 1024 * 1024
    _office_bomb(tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", 8 * 1024 * 1024)
    with pytest.raises(InvalidInput) as refused:
        list(rows_from_file(tmp_path / "bomb.xlsx"))
    assert refused.value.problems[0].message == "too large"


def test_more_rows_than_allowed_are_refused_with_the_limit(tmp_path, settings):
    settings.CTASSIST_IMPORT_MAX_ROWS = 10
    path = tmp_path / "activities.csv"
    path.write_text("title\n" + "".join(f"row {n}\n" for n in range(11)))
    with pytest.raises(InvalidInput) as refused:
        list(rows_from_file(path))
    assert refused.value.problems[0].message == "more than 10 rows"
    path.write_text("title\n" + "".join(f"row {n}\n" for n in range(10)))
    assert len(list(rows_from_file(path))) == 10
