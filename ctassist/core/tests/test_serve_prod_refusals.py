"""`serve --prod` refuses to start without a real secret key (issue 27, item 8): the generated
development key kept in var/ would otherwise sign production sessions silently."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow]


@pytest.mark.parametrize("secret", [None, "short", "a" * 60])
def test_serve_prod_refuses_a_missing_or_weak_secret_key(tmp_path, secret):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["CTASSIST_VAR_DIR"] = str(tmp_path)
    if secret is not None:
        env["DJANGO_SECRET_KEY"] = secret
    result = subprocess.run(
        [str(Path(sys.executable).with_name("ctassist")), "serve", "--prod", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr and "Traceback" not in result.stderr
