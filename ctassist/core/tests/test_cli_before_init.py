"""A command run before the database is set up says what to do, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.slow]


def test_a_command_on_a_database_never_set_up_points_to_init(tmp_path):
    env = {
        **os.environ,
        "CTASSIST_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ctassist.cli import main; main()",
            "treaties",
            "status",
            "--state",
            "ARE",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "ctassist init" in result.stderr
    assert "Traceback" not in result.stderr
