"""The text read from an evidence document is bounded and never loaded to show a page (issue 27,
item 2): a very long document keeps the start of its text for search, and the case page says so
without reading that text from the database."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document

from ctassist.cases import services
from ctassist.cases.models import Evidence
from ctassist.cases.tests.factories import CaseFactory, MembershipFactory, UnitFactory
from ctassist.geo.models import State

pytestmark = pytest.mark.django_db


def _docx(words: int) -> bytes:
    document = Document()
    for n in range(words // 10):
        document.add_paragraph(" ".join(f"word{n}-{k}" for k in range(10)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_long_document_keeps_the_start_of_its_text_and_the_page_says_so(
    persona, client, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.CTASSIST_EXTRACTED_TEXT_MAX_CHARS = 1_000
    user = persona("prosecutor", countries=("NGA",))
    unit = UnitFactory(code="txt", country=State.objects.get(code="NGA"))
    MembershipFactory(unit=unit, user=user)
    case = CaseFactory(unit=unit, title="Financing case")
    evidence = services.evidence_add(
        actor=user,
        case=case,
        number="D1",
        description="Bank statements",
        kind=Evidence.Kind.DOCUMENT,
        holder="Registry",
        content=_docx(2_000),
        filename="statements.docx",
    )
    stored = Evidence.objects.get(pk=evidence.pk)
    assert stored.text_cut and len(stored.extracted_text) == 1_000
    assert stored.extracted_text.startswith("word0-0")
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/cases/{case.pk}/")
    assert page.status_code == 200
    assert "Only the start of this document" in page.content.decode()
    assert not [q for q in queries.captured_queries if "extracted_text" in q["sql"]]
