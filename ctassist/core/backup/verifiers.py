"""The apps' own checks after a restore: each app names its verifier in settings
(`CTASSIST_BACKUP_VERIFIERS`; core imports no app), built on `stored_digests_check`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.db.models.fields.files import FieldFile
from django.utils.module_loading import import_string

from ctassist.core.backup.manifest import CHUNK, DigestCheck


def verifiers_run(using: str = DEFAULT_DB_ALIAS) -> list[DigestCheck]:
    """Every check named in CTASSIST_BACKUP_VERIFIERS: `verifier(using=alias) -> DigestCheck`."""
    checks = []
    for dotted in settings.CTASSIST_BACKUP_VERIFIERS:
        verifier = import_string(dotted)
        try:
            checks.append(verifier(using=using))
        except DatabaseError as error:
            checks.append(DigestCheck(dotted, 0, (f"could not be run: {error}",)))
    return checks


def stored_digests_check(name: str, files: Iterable[tuple[str, FieldFile, str]]) -> DigestCheck:
    """Each stored file (`label`, the model's file, the SHA-256 recorded on upload) read through
    its storage and compared with its digest: what an app's verifier returns."""
    checked = 0
    problems: list[str] = []
    for label, stored, expected in files:
        checked += 1
        digest = hashlib.sha256()
        try:
            with stored.storage.open(str(stored.name), "rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
        except FileNotFoundError:
            problems.append(f"{label}: its file {stored.name} is missing")
            continue
        if digest.hexdigest() != expected:
            problems.append(f"{label}: {stored.name} does not match the SHA-256 recorded on upload")
    return DigestCheck(name, checked, tuple(problems))
