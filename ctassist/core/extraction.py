"""Text from documents (PDF, DOCX, HTML, plain text): the library indexes its attachments with
it, case files their documents."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files.base import File


class ExtractionError(ValueError):
    pass


def zip_bounds_check(source: bytes | Path | IO[bytes], *, filename: str) -> None:
    """Refuse an Office file (DOCX, XLSX: zip archives) whose members would unpack to more than
    `CTASSIST_UNPACKED_MAX_BYTES`, or that is compressed more than `CTASSIST_UNPACKED_MAX_RATIO`
    times: read from the zip's directory, before anything is unpacked (a "zip bomb" of 425 kB
    once cost 1.8 GB of memory)."""
    limit = settings.CTASSIST_UNPACKED_MAX_BYTES
    ratio = settings.CTASSIST_UNPACKED_MAX_RATIO
    opened = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(opened) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ExtractionError(f"{filename}: not a readable Office file") from None
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if unpacked > limit:
        raise ExtractionError(
            f"{filename}: would unpack to {unpacked:,} bytes, more than the limit of {limit:,}"
        )
    if unpacked > 1_000_000 and unpacked / packed > ratio:
        raise ExtractionError(
            f"{filename}: compressed {unpacked // packed} times, more than {ratio} times: refused"
        )


class _HTMLText(HTMLParser):
    _SKIP = {"script", "style", "head", "noscript"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.parts.append(data.strip())


def text_bounded(text: str) -> tuple[str, bool]:
    """At most `CTASSIST_EXTRACTED_TEXT_MAX_CHARS` of a document's text is kept (for search);
    True when it was cut."""
    limit = settings.CTASSIST_EXTRACTED_TEXT_MAX_CHARS
    return (text[:limit], True) if len(text) > limit else (text, False)


def content_size(content: bytes | File[bytes]) -> int:
    return len(content) if isinstance(content, bytes) else int(content.size or 0)


def searchable_text(content: bytes | File[bytes], filename: str) -> tuple[str, bool]:
    """The text of an uploaded PDF, DOCX or HTML document kept for search, and whether it was
    cut (`text_bounded`). Other files (images, video) have none, and a file larger than
    `CTASSIST_EXTRACT_MAX_BYTES` is not read for text at all."""
    if content_size(content) > settings.CTASSIST_EXTRACT_MAX_BYTES:
        return "", False
    if not isinstance(content, bytes):
        content.seek(0)
        data = content.read()
        content.seek(0)
    else:
        data = content
    try:
        return text_bounded(text_from_bytes(data, filename=filename))
    except ExtractionError:
        return "", False


def text_from_bytes(data: bytes, *, filename: str) -> str:
    """The readable text of a PDF, DOCX, HTML or text file; ExtractionError names the file."""
    suffix = Path(filename).suffix.lower()
    try:
        if suffix == ".pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            return "\n".join((page.extract_text() or "") for page in reader.pages).strip()
        if suffix == ".docx":
            from docx import Document

            zip_bounds_check(data, filename=filename)
            document = Document(io.BytesIO(data))
            return "\n".join(p.text for p in document.paragraphs if p.text).strip()
        if suffix in {".html", ".htm"}:
            parser = _HTMLText()
            parser.feed(data.decode("utf-8", errors="replace"))
            return "\n".join(parser.parts)
        if suffix in {".txt", ".md"}:
            return data.decode("utf-8")
    except ExtractionError:
        raise
    except Exception as error:  # a broken file of a known type
        raise ExtractionError(f"{filename}: cannot read the {suffix} file ({error})") from None
    raise ExtractionError(
        f"{filename}: unsupported attachment type {suffix or '(none)'}; use PDF, DOCX, HTML or TXT"
    )
