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


def post_worker_init(worker: Any) -> None:
    """Each app's warm-up (settings.CTASSIST_WORKER_WARMUPS, dotted paths) runs in the
    background as a worker starts, so the first request does not pay for it (the screening
    index: its name tagger takes seconds to load). A warm-up that fails is only logged."""
    import logging
    import threading

    from django.conf import settings
    from django.utils.module_loading import import_string

    def run(path: str) -> None:
        try:
            import_string(path)()
        except Exception:
            logging.getLogger("ctassist").exception("warm-up %s failed", path)

    for path in getattr(settings, "CTASSIST_WORKER_WARMUPS", []):
        threading.Thread(target=run, args=(path,), name=f"warm-up {path}", daemon=True).start()
