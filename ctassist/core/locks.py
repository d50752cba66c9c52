"""Named locks between processes on one machine: a file under `var/locks/` held with
`fcntl.flock`, released by the kernel when its holder ends (a killed process leaves no stale
lock). The import commands take one per database, so a second import of the same file waits
for the first instead of failing on its rows (issue 26)."""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


@contextmanager
def named_lock(name: str, *, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock NAME for the block; when another process holds it, call `on_wait` once
    and wait until it is released."""
    folder = Path(settings.VAR_DIR) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
