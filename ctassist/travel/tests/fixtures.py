"""Where the shared GTAS test messages are: $CTASSIST_SHARED_DATA/travel, by default
<repo root>/../shared/data/travel (the default of config/settings.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]


def travel_data() -> Path:
    configured = os.environ.get("CTASSIST_SHARED_DATA", "")
    base = Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"
    return base / "travel"


def fixture_bytes(name: str) -> bytes:
    path = travel_data() / name
    if not path.exists():
        pytest.skip(f"shared travel data not found at {path} (set CTASSIST_SHARED_DATA)")
    return path.read_bytes()
