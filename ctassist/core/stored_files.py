"""Files that follow their rows: a stored file exists exactly when the row naming it was committed.

`file_store(field_file, name, content)` stores the file of a row about to be written, inside the
row's `transaction.atomic` block:
- the content goes to a hidden partial file (`.ctassist-partial-*`) in the target folder, is
  flushed to disk and linked under a free final name (never over another file), so a file is
  never cut under its final name;
- the row's transaction decides what becomes of it: committed, it stays; rolled back (an error,
  a refused write, a failed import, a savepoint rolled back), it is removed at once. Django has no
  on-rollback hook; it drops the `on_commit` callbacks of a rolled-back transaction or savepoint,
  so the file is removed when its callback is dropped without having run (a finalizer on it;
  CPython frees it at once) and no stored row names it.

A process killed mid-write (SIGKILL, power loss) runs nothing: it leaves a partial file, or a
whole file without a row. `media_check` finds those, files without rows and rows without files,
for every `FileField` of every installed model (found through the app registry: core imports no
app), and upload leftovers of killed requests (settings.FILE_UPLOAD_TEMP_DIR); `media_fix`
removes the orphans. `ctassist media check [--fix]` and `ctassist backup` run it (docs/deploy.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tempfile
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage, Storage
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import FileField, Model
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from ctassist.core.errors import FieldProblem, TooLarge
from ctassist.core.uploads import process_alive, uploads_root

# Starts with the backup's work prefix (".ctassist-"), so backups leave partial files out.
PARTIAL_PREFIX = ".ctassist-partial-"
# Files younger than this may belong to a write still in progress: not judged by default.
GRACE = dt.timedelta(hours=1)
CHUNK = 1024 * 1024


class _KeepOnCommit:
    """The on_commit callback of one stored file: its call marks the file kept."""

    def __init__(self, kept: list[bool]) -> None:
        self.kept = kept

    def __call__(self) -> None:
        self.kept[0] = True


def _discard_unless_kept(
    storage: Storage, name: str, kept: list[bool], model: type[Model], attname: str, using: str
) -> None:
    """The callback was dropped without running: normally a rollback. But Django also drops the
    remaining callbacks when an earlier, non-robust one raises after a commit; so the file goes
    only when no stored row names it, and stays when that cannot be told (`media check` judges
    it later). Deleting a committed file would lose evidence; keeping an orphan loses nothing."""
    if kept[0]:
        return
    connection = connections[using]
    if not connection.in_atomic_block and not connection.autocommit:
        # The outermost transaction is being rolled back (Django drops the callbacks inside
        # `rollback()`, before autocommit comes back): its rows are gone, and no query may run
        # now (it would open a transaction that PostgreSQL then refuses to leave).
        storage.delete(name)
        return
    try:
        if model._default_manager.using(using).filter(**{attname: name}).exists():
            return
    except Exception:  # a broken transaction, a closed connection: keep it
        return
    storage.delete(name)


def file_store(
    field_file: FieldFile, name: str, content: bytes | File[bytes], *, using: str = DEFAULT_DB_ALIAS
) -> None:
    """Store `content` as the file of the row `field_file` belongs to (not saved yet, or saved in
    this transaction): kept if the transaction commits, removed if it rolls back."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("file_store runs inside the transaction.atomic that writes its row")
    upload = content if isinstance(content, File) else ContentFile(content)
    wanted = field_file.field.generate_filename(field_file.instance, name)
    storage = field_file.storage
    if isinstance(storage, FileSystemStorage):
        stored = _place(storage, wanted, upload, max_length=field_file.field.max_length)
    else:  # object stores write whole objects already
        stored = storage.save(wanted, upload, max_length=field_file.field.max_length)
    field_file.name = stored
    setattr(field_file.instance, field_file.field.attname, stored)
    field_file._committed = True  # type: ignore[attr-defined]
    kept = [False]
    keeper = _KeepOnCommit(kept)
    model = type(field_file.instance)
    weakref.finalize(
        keeper, _discard_unless_kept, storage, stored, kept, model, field_file.field.attname, using
    )
    transaction.on_commit(keeper, using=using, robust=True)


def _place(
    storage: FileSystemStorage, wanted: str, upload: File[bytes], *, max_length: int | None
) -> str:
    """Write to a partial file beside the target, then link it under a free name: the name is
    never taken from another file, and never shows a cut file."""
    folder = Path(storage.path(wanted)).parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, partial_name = tempfile.mkstemp(dir=folder, prefix=PARTIAL_PREFIX)
    partial = Path(partial_name)
    try:
        with os.fdopen(handle, "wb") as out:
            upload.seek(0)
            for chunk in upload.chunks(CHUNK):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        mode = storage.file_permissions_mode
        os.chmod(partial, mode if mode is not None else 0o644)
        name = wanted
        while True:
            name = storage.get_available_name(name, max_length=max_length)
            try:
                os.link(partial, storage.path(name))
                break
            except FileExistsError:
                continue  # taken meanwhile by another writer: another name
    finally:
        partial.unlink(missing_ok=True)
    return name.replace("\\", "/")


@dataclass(frozen=True)
class FileFieldUse:
    """One FileField of one model, and the folder of its storage."""

    label: str  # "cases.Evidence.file"
    model: type[Model]
    attname: str
    root: Path


@dataclass
class MediaCheck:
    """What `media_check` found. Paths are relative to their storage's folder, except upload
    leftovers (absolute)."""

    roots: list[Path] = field(default_factory=list)
    files: int = 0
    rows: int = 0
    files_without_rows: list[Path] = field(default_factory=list)
    partial_files: list[Path] = field(default_factory=list)
    rows_without_files: list[str] = field(default_factory=list)
    upload_leftovers: list[Path] = field(default_factory=list)
    recent: int = 0  # files without rows younger than the grace period: not judged

    @property
    def orphans(self) -> list[Path]:
        """Every file `media_fix` removes (absolute paths)."""
        return [*self.files_without_rows, *self.partial_files, *self.upload_leftovers]

    @property
    def ok(self) -> bool:
        return not (self.orphans or self.rows_without_files)


def file_fields() -> list[FileFieldUse]:
    """Every FileField (and ImageField) of every installed model kept in a folder."""
    found = []
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, FileField):
                storage = model_field.storage
                if isinstance(storage, FileSystemStorage):
                    found.append(
                        FileFieldUse(
                            f"{model._meta.label}.{model_field.name}",
                            model,
                            model_field.attname,
                            Path(storage.location).resolve(),
                        )
                    )
    return found


def upload_folder() -> Path | None:
    """Where Django keeps uploads in progress (settings.FILE_UPLOAD_TEMP_DIR), if set."""
    return uploads_root() if getattr(settings, "FILE_UPLOAD_TEMP_DIR", None) else None


def _files_under(root: Path) -> Iterator[Path]:
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file():
                yield path


def _older_than(path: Path, cutoff: float) -> bool:
    try:
        return path.stat().st_mtime < cutoff
    except FileNotFoundError:
        return False


def media_check(*, grace: dt.timedelta = GRACE, using: str = DEFAULT_DB_ALIAS) -> MediaCheck:
    """Files without rows, rows without files, partial files and upload leftovers. Files younger
    than `grace` may belong to a write in progress and are counted apart (`recent`)."""
    cutoff = time.time() - grace.total_seconds()
    uses = file_fields()
    check = MediaCheck(roots=sorted({use.root for use in uses}))
    named: set[Path] = set()
    for use in uses:
        names = (
            use.model._default_manager.using(using)
            .exclude(**{use.attname: ""})
            .exclude(**{f"{use.attname}__isnull": True})
            .values_list("pk", use.attname)
            .order_by("pk")
        )
        for pk, name in names:
            check.rows += 1
            path = (use.root / name).resolve()
            named.add(path)
            if not path.is_file():
                check.rows_without_files.append(f"{use.label} {pk}: {name}")
    for root in check.roots:
        for path in _files_under(root):
            check.files += 1
            if path.resolve() in named:
                continue
            if not _older_than(path, cutoff):
                check.recent += 1
            elif path.name.startswith(PARTIAL_PREFIX):
                check.partial_files.append(path)
            else:
                check.files_without_rows.append(path)
    uploads = upload_folder()
    if uploads is not None and uploads.is_dir():
        check.upload_leftovers = [p for p in _files_under(uploads) if _abandoned(p, cutoff)]
    return check


def _abandoned(path: Path, cutoff: float) -> bool:
    """An upload's temporary file whose process is gone (var/uploads/<pid>/), or an old one."""
    owner = path.parent.name
    if owner.isdigit() and not process_alive(int(owner)):
        return True
    return _older_than(path, cutoff)


def media_fix(check: MediaCheck) -> int:
    """Remove the orphans a check found (never a file a row names); how many were removed."""
    removed = 0
    for path in check.orphans:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
    uploads = upload_folder()
    for path in {p.parent for p in check.upload_leftovers if uploads and p.parent != uploads}:
        with contextlib.suppress(OSError):
            path.rmdir()  # the folder of a process that is gone, now empty
    return removed


def upload_size_check(kind: str, size: int | None) -> None:
    """Refuse (413) an upload larger than its kind allows, before anything is read."""
    limit = settings.CTASSIST_UPLOAD_MAX_BYTES[kind]
    if size is not None and size > limit:
        raise TooLarge(
            _("The file is larger than the limit of %(limit)s MB.")
            % {"limit": f"{limit // (1024 * 1024):,}"},
            problems=[FieldProblem("file", f"at most {limit} bytes")],
        )


def sha256_of(content: bytes | File[bytes]) -> str:
    """The SHA-256 of bytes, or of a file read in chunks (memory does not grow with it)."""
    if isinstance(content, bytes):
        return hashlib.sha256(content).hexdigest()
    digest = hashlib.sha256()
    content.seek(0)
    for chunk in content.chunks(CHUNK):
        digest.update(chunk)
    content.seek(0)
    return digest.hexdigest()


def stored_chunks(field_file: FieldFile, expected_sha256: str) -> Iterator[bytes] | None:
    """The stored file in chunks if its SHA-256 still equals `expected_sha256` (read once to
    check, then streamed); None if it no longer does. Memory stays bounded whatever the size."""
    digest = hashlib.sha256()
    with field_file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    if digest.hexdigest() != expected_sha256:
        return None

    name = str(field_file.name)

    def chunks() -> Iterator[bytes]:
        with field_file.storage.open(name, "rb") as handle:
            yield from iter(lambda: handle.read(CHUNK), b"")

    return chunks()
