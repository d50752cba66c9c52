"""The real frozen UN list for tests, and small lists written from it: tests that need the
file skip, saying why, when ../shared/data is absent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

UN_FILE = "sanctions/un_sc_consolidated_2026-02-27.xml"


def un_list_path() -> Path:
    path = Path(settings.CTASSIST_SHARED_DATA) / UN_FILE
    if not path.exists():
        pytest.skip(f"the frozen UN list is absent ({path}); set CTASSIST_SHARED_DATA")
    return path


def un_list_text() -> str:
    return un_list_path().read_text(encoding="utf-8")


def un_variant(
    tmp_path: Path,
    *,
    generated: str,
    drop_ref: str | None = None,
    rename: tuple[str, str] | None = None,
    add_entity: str | None = None,
    name: str = "variant.xml",
) -> Path:
    """A copy of the real list with another date, one record removed, one renamed, one entity
    added: a next version whose delta is known."""
    text = un_list_text()
    text = re.sub(r'dateGenerated="[^"]+"', f'dateGenerated="{generated}"', text, count=1)
    if drop_ref:
        pattern = (
            r"<(INDIVIDUAL|ENTITY)>(?:(?!</\1>).)*?<REFERENCE_NUMBER>"
            + re.escape(drop_ref)
            + r"</REFERENCE_NUMBER>.*?</\1>\s*"
        )
        text, count = re.subn(pattern, "", text, count=1, flags=re.S)
        assert count == 1, drop_ref
    if rename:
        old, new = rename
        assert f"<FIRST_NAME>{old}</FIRST_NAME>" in text
        text = text.replace(f"<FIRST_NAME>{old}</FIRST_NAME>", f"<FIRST_NAME>{new}</FIRST_NAME>", 1)
    if add_entity:
        record = (
            "<ENTITY><DATAID>99999001</DATAID><VERSIONNUM>1</VERSIONNUM>"
            f"<FIRST_NAME>{add_entity}</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>"
            "<REFERENCE_NUMBER>QDe.999</REFERENCE_NUMBER><LISTED_ON>2026-03-01</LISTED_ON>"
            "<ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Test Front</ALIAS_NAME>"
            "</ENTITY_ALIAS></ENTITY>"
        )
        text = text.replace("</ENTITIES>", record + "</ENTITIES>", 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
