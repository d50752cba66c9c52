"""Text from documents (PDF, DOCX, HTML, plain text): the library indexes its attachments with
it, case files their documents."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path


class ExtractionError(ValueError):
    pass


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

            document = Document(io.BytesIO(data))
            return "\n".join(p.text for p in document.paragraphs if p.text).strip()
        if suffix in {".html", ".htm"}:
            parser = _HTMLText()
            parser.feed(data.decode("utf-8", errors="replace"))
            return "\n".join(parser.parts)
        if suffix in {".txt", ".md"}:
            return data.decode("utf-8")
    except Exception as error:  # a broken file of a known type
        raise ExtractionError(f"{filename}: cannot read the {suffix} file ({error})") from None
    raise ExtractionError(
        f"{filename}: unsupported attachment type {suffix or '(none)'}; use PDF, DOCX, HTML or TXT"
    )
