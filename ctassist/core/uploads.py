"""Uploads in progress: each process streams large uploads to its own folder under
settings.FILE_UPLOAD_TEMP_DIR (var/uploads/<pid>/), never to the system's temporary folder.
Django removes an upload's temporary file when the request ends; a process killed mid-upload
(a timed-out or killed worker) cannot, so the server removes its folder when it sees the process
end (`worker_uploads_remove`, gunicorn's `child_exit` hook in `core/gunicorn_hooks.py`), and
`ctassist media check --fix` removes folders of processes that are gone."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, TemporaryFileUploadHandler


def uploads_root() -> Path:
    return Path(settings.FILE_UPLOAD_TEMP_DIR)


def worker_uploads(pid: int) -> Path:
    """The folder of one process's uploads in progress."""
    return uploads_root() / str(pid)


def worker_uploads_remove(pid: int) -> None:
    shutil.rmtree(worker_uploads(pid), ignore_errors=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _WorkerUploadedFile(TemporaryUploadedFile):
    def __init__(
        self,
        name: str,
        content_type: str,
        size: int,
        charset: str | None,
        content_type_extra: dict[str, Any] | None = None,
    ) -> None:
        folder = worker_uploads(os.getpid())
        folder.mkdir(parents=True, exist_ok=True)
        file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed with the upload
            suffix=".upload" + os.path.splitext(name)[1], dir=folder
        )
        UploadedFile.__init__(self, file, name, content_type, size, charset, content_type_extra)


class WorkerUploadHandler(TemporaryFileUploadHandler):
    """Django's stream-to-disk upload handler, in this process's own folder."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        FileUploadHandler.new_file(self, *args, **kwargs)
        self.file = _WorkerUploadedFile(
            self.file_name or "upload",
            self.content_type or "application/octet-stream",
            0,
            self.charset,
            self.content_type_extra,
        )
