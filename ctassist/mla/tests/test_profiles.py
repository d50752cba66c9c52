"""Requested-State profiles: editors maintain them (audited, versioned); the check takes the
accepted languages and the double-criminality rule from them."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from ctassist.core.errors import ConflictError, PermissionDenied
from ctassist.core.models import AuditEntry
from ctassist.mla.checks import request_check
from ctassist.mla.services import profile_save

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "mla-request.json"


def test_editors_save_profiles_with_versions(persona):
    editor = persona("ed", role="editor")
    with pytest.raises(PermissionDenied):
        profile_save(actor=persona("p"), state_code="FRA", expected_version=None, changes={})
    profile = profile_save(
        actor=editor,
        state_code="MLI",
        expected_version=None,
        changes={"accepted_languages": ["fr"]},
    )
    assert profile.verified_by == editor and profile.last_verified is not None
    updated = profile_save(
        actor=editor,
        state_code="MLI",
        expected_version=profile.version,
        changes={"double_criminality": "always"},
    )
    with pytest.raises(ConflictError):
        profile_save(actor=editor, state_code="MLI", expected_version=profile.version, changes={})
    assert (
        AuditEntry.objects.filter(
            model="mla.requestedstateprofile", object_pk=str(updated.pk)
        ).count()
        == 2
    )


def test_check_follows_the_profile(persona):
    editor = persona("ed", role="editor")
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    from ctassist.mla.models import RequestedStateProfile

    profile = RequestedStateProfile.objects.get(state__code="FRA")
    profile_save(
        actor=editor,
        state_code="FRA",
        expected_version=profile.version,
        changes={"double_criminality": "not_required", "accepted_languages": ["fr", "en"]},
    )
    english = copy.deepcopy(data)
    english["language"] = "en"
    fields = {(p.field, p.severity) for p in request_check(english).problems}
    assert ("language", "warning") not in fields
    assert ("assistance.0.type", "warning") not in fields  # double criminality not required
