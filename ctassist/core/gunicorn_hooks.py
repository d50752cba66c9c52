"""gunicorn's hooks for `ctassist serve --prod` (`-c python:ctassist.core.gunicorn_hooks`): an
upload in progress streams to var/uploads/<worker pid>/ (core/uploads.py); when a worker ends,
however it ends (timed out, killed, restarted), the master removes that folder, so an interrupted
upload leaves nothing behind. At start, folders of processes that are gone are removed too."""

from __future__ import annotations

from typing import Any

from ctassist.core.uploads import process_alive, uploads_root, worker_uploads_remove


def on_starting(server: Any) -> None:
    root = uploads_root()
    if root.is_dir():
        for folder in root.iterdir():
            if folder.name.isdigit() and not process_alive(int(folder.name)):
                worker_uploads_remove(int(folder.name))


def child_exit(server: Any, worker: Any) -> None:
    worker_uploads_remove(worker.pid)
