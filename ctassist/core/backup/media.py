"""The media folder: where the default storage keeps the uploaded files, and every file in it."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages

from ctassist.core.backup.manifest import WORK_PREFIX, BackupFailed


def media_root() -> Path:
    """The folder of the default storage (settings STORAGES), where uploads are kept."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise BackupFailed(
            "The default storage is not a folder on this machine: back its files up with that "
            "storage's own tools."
        )
    return Path(storage.location)


def media_files(root: Path) -> list[Path]:
    """Every file under the media folder, in a stable order (our own temporary files left out)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(WORK_PREFIX))
        found += [
            Path(folder) / name
            for name in sorted(files)
            if not name.startswith(WORK_PREFIX) and (Path(folder) / name).is_file()
        ]
    return found
