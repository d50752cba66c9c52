"""Evidence files stream (issue 27, item 3): an upload larger than the limit for evidence is
refused (413) before it is read; a large one is hashed and stored in chunks, with memory that
does not grow with it; a download is checked against its SHA-256 and streamed."""

from __future__ import annotations

import hashlib
import tracemalloc

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile

from ctassist.cases import services
from ctassist.cases.models import Evidence
from ctassist.cases.tests.factories import CaseFactory, MembershipFactory, UnitFactory
from ctassist.core.errors import TooLarge
from ctassist.geo.models import State

pytestmark = pytest.mark.django_db
SIZE = 128 * 1024 * 1024
BOUND = 40 * 1024 * 1024  # fixed costs of a request; a whole file would be three times this


@pytest.fixture
def setting(persona, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    user = persona("prosecutor", countries=("NGA",))
    unit = UnitFactory(code="big", country=State.objects.get(code="NGA"))
    MembershipFactory(unit=unit, user=user)
    return user, CaseFactory(unit=unit, title="Seized devices")


def _upload(size: int) -> tuple[TemporaryUploadedFile, str]:
    upload = TemporaryUploadedFile("disk.img", "application/octet-stream", size, None)
    digest = hashlib.sha256()
    block = bytes(range(256)) * 4096
    written = 0
    while written < size:
        part = block[: size - written]
        upload.write(part)
        digest.update(part)
        written += len(part)
    upload.seek(0)
    return upload, digest.hexdigest()


def test_a_large_upload_is_hashed_and_stored_in_chunks(setting, client):
    user, case = setting
    upload, sha = _upload(SIZE)
    tracemalloc.start()
    try:
        evidence = services.evidence_add(
            actor=user,
            case=case,
            number="E1",
            description="Disk image",
            kind=Evidence.Kind.DIGITAL,
            holder="Lab",
            content=upload,
            filename="disk.img",
        )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert evidence.sha256 == sha
    assert peak < BOUND, f"storing {SIZE:,} bytes peaked at {peak:,} bytes"
    client.force_login(user)
    tracemalloc.start()
    try:
        response = client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/download/")
        assert response.streaming and response["X-Hash-Verified"] == "true"
        digest = hashlib.sha256()
        for chunk in response.streaming_content:
            digest.update(chunk)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest.hexdigest() == sha
    assert peak < BOUND, f"downloading {SIZE:,} bytes peaked at {peak:,} bytes"


def test_an_upload_over_the_limit_is_refused_before_it_is_read(setting, settings):
    user, case = setting
    settings.CTASSIST_UPLOAD_MAX_BYTES = {**settings.CTASSIST_UPLOAD_MAX_BYTES, "evidence": 1024}
    upload, _sha = _upload(4096)
    with pytest.raises(TooLarge) as refused:
        services.evidence_add(
            actor=user,
            case=case,
            number="E2",
            description="Too big",
            kind=Evidence.Kind.DIGITAL,
            holder="Lab",
            content=upload,
            filename="disk.img",
        )
    assert refused.value.http_status == 413
    assert not Evidence.objects.filter(case=case).exists()
