"""Files the product writes for its users (`--out` of every command) are whole or absent: the
content goes to a hidden partial file in the same folder, is flushed to disk, and is renamed
onto the final name only when complete (a rename within one folder is atomic). A crash or a
kill leaves at most a `.NAME.partial-*` file, never a cut file under NAME; the next complete
write of NAME removes such leftovers.

A NAME that is a device or a pipe (`/dev/stdout`, a named pipe) is written directly: it cannot
be replaced by a rename, and must not be (as root, a rename would replace the device node). A
write that fails names NAME (`OSError.filename`), so the CLI can say which file it was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PARTIAL = ".partial-"


def _partial_prefix(target: Path) -> str:
    return f".{target.name}{PARTIAL}"


@contextlib.contextmanager
def _naming(target: Path) -> Iterator[None]:
    """A write error without a file name (a full disk: ENOSPC) gets NAME's."""
    try:
        yield
    except OSError as error:
        if error.filename is None and error.errno is not None:
            raise OSError(error.errno, error.strerror, str(target)) from error
        raise


@contextlib.contextmanager
def output_file(path: str | Path, *, text: bool = False) -> Iterator[IO]:  # type: ignore[type-arg]
    """Open NAME for writing whole-or-nothing: `with output_file(out) as handle: ...`."""
    target = Path(path)
    if target.exists() and not target.is_file():
        with (
            _naming(target),
            target.open("w", encoding="utf-8", newline="") if text else target.open("wb") as stream,
        ):
            yield stream
        return
    folder = target.parent if str(target.parent) else Path(".")
    handle_fd, partial_name = tempfile.mkstemp(dir=folder, prefix=_partial_prefix(target))
    partial = Path(partial_name)
    try:
        with _naming(target):
            opened = (
                os.fdopen(handle_fd, "w", encoding="utf-8", newline="")
                if text
                else os.fdopen(handle_fd, "wb")
            )
            with opened as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(partial, 0o644)
            os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    for leftover in folder.glob(_partial_prefix(target) + "*"):
        leftover.unlink(missing_ok=True)  # left by a process killed while writing NAME


def output_write(path: str | Path, content: bytes | str) -> None:
    """Write NAME whole or not at all."""
    with output_file(path, text=isinstance(content, str)) as handle:
        handle.write(content)
