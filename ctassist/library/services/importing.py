"""The JSONL import (strict, atomic, stops at the first bad line, and then nothing is written):
new records written in bulk, known ids updated with only what changed (audited), with their
provisions, attachments and links; then the search index. Also the demo corpus."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.utils import timezone

from ctassist.core.audit import Actor, audit_create_prepare, audit_creates_written
from ctassist.core.backup import DigestCheck, stored_digests_check
from ctassist.core.services import record_update
from ctassist.core.setup import Progress
from ctassist.core.stored_files import file_store
from ctassist.library.import_schema import TYPE_FIELDS
from ctassist.library.models import Attachment, Provision, Record, RecordLink, Term
from ctassist.library.references import InstrumentName, instrument_names, mentioned_codes
from ctassist.library.search import (
    BULK_ANALYZE_ROWS,
    document_terms,
    search_documents_write,
    search_index_records,
    search_statistics_refresh,
)
from ctassist.library.services.import_checks import _Lookups, _prepare, _Prepared

# The library's data folder (taxonomy.csv, demo_corpus.jsonl), beside this package.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass
class LibraryImportReport:
    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    external_ids: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.lines} lines: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )


def _fields(prepared: _Prepared) -> dict[str, Any]:
    data = prepared.data
    details = {
        k: v
        for k, v in data.items()
        if k in TYPE_FIELDS[data["type"]] and k not in {"provisions", "work", "version_date"}
    }
    return {
        "type": data["type"],
        "country": prepared.country,
        "language": data["language"],
        "title": data["title"],
        "date": dt.date.fromisoformat(data["date"]) if data.get("date") else None,
        "summary": data.get("summary", ""),
        "text": data.get("text", ""),
        "source_url": data.get("url", ""),
        "work": data.get("work", ""),
        "version_date": (
            dt.date.fromisoformat(data["version_date"]) if data.get("version_date") else None
        ),
        "details": details,
        "illustrative": data.get("illustrative", False),
    }


def _update_existing(
    actor: Actor,
    prepared: _Prepared,
    report: LibraryImportReport,
    instruments: tuple[InstrumentName, ...],
) -> Record:
    """Re-import of a known id: only what changed is written, audited with before and after."""
    data = prepared.data
    record = Record.objects.get(external_id=data["id"])
    changes = {k: v for k, v in _fields(prepared).items() if getattr(record, k) != v}
    if data.get("status") and data["status"] != record.status:
        changes["status"] = data["status"]
        if data["status"] == Record.Status.PUBLISHED:
            changes["published_at"] = timezone.now()
    if changes:
        record = record_update(
            actor=actor,
            instance=record,
            expected_version=record.version,
            changes=changes,
            note=f"library import line {prepared.line}",
        )
        report.updated += 1
    else:
        report.unchanged += 1
    record.crime_types.set(prepared.crime_types)
    record.cross_cutting.set(prepared.cross_cutting)
    record.instruments.set(prepared.instruments)
    _replace_provisions(record, data.get("provisions", []))
    _attach(record, prepared)
    _links_replace(record, prepared, instruments)
    report.external_ids.append(record.external_id)
    return record


def _links_for(item: _Prepared, instruments: tuple[InstrumentName, ...]) -> list[tuple[str, str]]:
    """(kind, target) links of a line: the laws a case applies, the instruments its texts name."""
    data = item.data
    links = [(RecordLink.Kind.APPLIES.value, target) for target in data.get("legislation", [])]
    texts = [data.get("title", ""), data.get("summary", ""), data.get("text", "")]
    texts += [p.get("text", "") for p in data.get("provisions", [])]
    texts += [text for _name, _content, text in item.attachments]
    links += [
        (RecordLink.Kind.MENTIONS.value, code) for code in mentioned_codes(texts, instruments)
    ]
    links += [
        (RecordLink.Kind.IMPLEMENTS.value, ref["instrument"])
        for p in data.get("provisions", [])
        for ref in p.get("implements", [])
    ]
    return list(dict.fromkeys(links))


def _links_replace(
    record: Record, item: _Prepared, instruments: tuple[InstrumentName, ...]
) -> None:
    wanted = set(_links_for(item, instruments))
    current = set(record.links.values_list("kind", "target"))
    if wanted != current:
        record.links.all().delete()
        RecordLink.objects.bulk_create(
            [RecordLink(source=record, kind=k, target=t) for k, t in sorted(wanted)]
        )


def _create_in_bulk(items: list[_Staged], inserts: list[tuple[str, Any]]) -> list[Record]:
    """New records in a few statements: records (their INSERT statements compiled before the
    transaction), their tags, provisions, attachments."""
    records = [staged.record for staged in items]
    items_prepared = [staged.item for staged in items]
    with connection.cursor() as cursor:
        for sql, params in inserts:
            cursor.execute(sql, params)
    by_id = dict(
        Record.objects.filter(external_id__in=[r.external_id for r in records]).values_list(
            "external_id", "pk"
        )
    )
    for record in records:
        record.pk = by_id[record.external_id]
    tags: dict[str, list[Any]] = {"crime_types": [], "cross_cutting": [], "instruments": []}
    provisions: list[Provision] = []
    provision_terms: list[list[Term]] = []
    terms = {t.code: t for t in Term.objects.filter(scheme=Term.Scheme.CRIME_TYPE)}
    for record, item in zip(records, items_prepared, strict=True):
        for term in item.crime_types:
            tags["crime_types"].append(
                Record.crime_types.through(record_id=record.pk, term_id=term.pk)
            )
        for term in item.cross_cutting:
            tags["cross_cutting"].append(
                Record.cross_cutting.through(record_id=record.pk, term_id=term.pk)
            )
        for instrument in item.instruments:
            tags["instruments"].append(
                Record.instruments.through(record_id=record.pk, instrument_id=instrument.pk)
            )
        for order, p in enumerate(item.data.get("provisions", []), start=1):
            provisions.append(
                Provision(
                    record=record,
                    order=order,
                    number=p["number"],
                    heading=p.get("heading", ""),
                    text=p["text"],
                    implements=p.get("implements", []),
                )
            )
            provision_terms.append([terms[c] for c in p.get("crime_types", [])])
    for name, rows in tags.items():
        getattr(Record, name).through.objects.bulk_create(rows, batch_size=1000)
    RecordLink.objects.bulk_create(
        [
            RecordLink(source=record, kind=kind, target=target)
            for record, staged in zip(records, items, strict=True)
            for kind, target in staged.links
        ],
        batch_size=1000,
    )
    Provision.objects.bulk_create(provisions, batch_size=500)
    if any(provision_terms):
        saved = {
            (p.record_id, p.order): p.pk
            for p in Provision.objects.filter(record_id__in=[r.pk for r in records])
        }
        Provision.crime_types.through.objects.bulk_create(
            [
                Provision.crime_types.through(
                    provision_id=saved[(p.record_id, p.order)], term_id=term.pk
                )
                for p, chosen in zip(provisions, provision_terms, strict=True)
                for term in chosen
            ]
        )
    for record, item in zip(records, items_prepared, strict=True):
        _attach(record, item)
    return records


def _attach(record: Record, item: _Prepared) -> None:
    for name, content, text in item.attachments:
        digest = hashlib.sha256(content).hexdigest()
        if not record.attachments.filter(sha256=digest).exists():
            attachment = Attachment(
                record=record,
                filename=name,
                sha256=digest,
                content_type=_content_type(name),
                extracted_text=text,
            )
            file_store(attachment.file, name, content)
            attachment.save()


def attachment_files_verify(*, using: str = "default") -> DigestCheck:
    """Every attachment's stored file against the SHA-256 taken when it was imported: run after
    a restore (`ctassist restore`, CTASSIST_BACKUP_VERIFIERS in settings)."""
    attachments = Attachment.objects.using(using).only("pk", "file", "sha256").order_by("pk")
    return stored_digests_check(
        "library attachments", ((f"attachment {a.pk}", a.file, a.sha256) for a in attachments)
    )


def _content_type(name: str) -> str:
    import mimetypes

    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _replace_provisions(record: Record, provisions: list[dict[str, Any]]) -> None:
    wanted = [
        (
            p["number"],
            p.get("heading", ""),
            p["text"],
            p.get("implements", []),
            sorted(p.get("crime_types", [])),
        )
        for p in provisions
    ]
    current = [
        (p.number, p.heading, p.text, p.implements, sorted(t.code for t in p.crime_types.all()))
        for p in record.provisions.all()
    ]
    if wanted == current:
        return
    record.provisions.all().delete()
    terms = {t.code: t for t in Term.objects.filter(scheme=Term.Scheme.CRIME_TYPE)}
    for order, (number, heading, text, implements, codes) in enumerate(wanted, start=1):
        provision = Provision.objects.create(
            record=record,
            order=order,
            number=number,
            heading=heading,
            text=text,
            implements=implements,
        )
        provision.crime_types.set([terms[c] for c in codes])


# Lines are checked and prepared in batches of this many; each batch of the second pass is a
# few statements inside the import's one transaction.
IMPORT_BATCH = 1000


def _inserts(records: list[Record]) -> list[tuple[str, Any]]:
    """The INSERT statements of new records (500 rows each), made before the write transaction
    begins: the values as Django's own fields prepare them for this database, the timestamps
    set by the fields' pre_save (the audit entry shows them). Written by hand, not through
    Django's InsertQuery compiler, which cost two thirds of an import's preparation."""
    db = connections[DEFAULT_DB_ALIAS]  # the connection itself, not the per-thread proxy
    fields = [f for f in Record._meta.concrete_fields if not f.primary_key]
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    as_is = (models.CharField, models.TextField, models.BooleanField, models.IntegerField)
    prepare = [
        None if isinstance(f, as_is) or f.is_relation else f.get_db_prep_save for f in fields
    ]
    table = db.ops.quote_name(Record._meta.db_table)
    columns = ", ".join(db.ops.quote_name(str(f.column)) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    statements: list[tuple[str, Any]] = []
    for start in range(0, len(records), 500):
        chunk = records[start : start + 500]
        params: list[Any] = []
        for record in chunk:
            for stamp in stamped:
                stamp.pre_save(record, True)
            for f, prep in zip(fields, prepare, strict=True):
                value = getattr(record, f.attname)
                params.append(value if prep is None or value is None else prep(value, db))
        # Table and column names from the model's metadata; every value is a bound parameter.
        sql = f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([row] * len(chunk))  # noqa: S608
        statements.append((sql, params))
    return statements


@dataclass
class _StagedBatch:
    items: list[_Staged]
    inserts: list[tuple[str, Any]]  # of the new records, in order
    audit: list[tuple[str, str]]  # their create entries, from audit_create_prepare


@dataclass
class _Staged:
    """A checked line ready to be written: everything that costs time (the search terms, the
    links found in its texts, the digest) is worked out before the write transaction begins."""

    item: _Prepared
    digest: str
    record: Record  # unsaved; for a new record, what is inserted
    fresh: bool
    links: list[tuple[str, str]]
    terms: tuple[str, str] | None  # the search document of a new record


def _digest(item: _Prepared) -> str:
    """The SHA-256 of a line's content (key order and spacing aside) and its attachments."""
    content = hashlib.sha256(
        json.dumps(item.data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    )
    for name, data, _text in item.attachments:
        content.update(f"\n{name}\n".encode())
        content.update(hashlib.sha256(data).digest())
    return content.hexdigest()


def _stage(
    batch: list[_Prepared],
    spool: IO[bytes],
    report: LibraryImportReport,
    instruments: tuple[InstrumentName, ...],
) -> None:
    """Spool the lines that need writing; a known line on the version it was imported onto is
    unchanged and costs nothing more."""
    stored = {
        external_id: (version, digest)
        for external_id, version, digest in Record.objects.filter(
            external_id__in=[i.data["id"] for i in batch]
        ).values_list("external_id", "version", "import_digest")
    }
    now = timezone.now()
    staged_items: list[_Staged] = []
    for item in batch:
        digest = _digest(item)
        external_id = item.data["id"]
        known = stored.get(external_id)
        if known is not None and known[1] == f"{known[0]}:{digest}":
            report.unchanged += 1
            report.external_ids.append(external_id)
            continue
        status = item.data.get("status") or Record.Status.DRAFT
        record = Record(
            external_id=external_id,
            status=status,
            published_at=now if status == Record.Status.PUBLISHED else None,
            **_fields(item),
        )
        record.import_digest = f"{record.version}:{digest}"
        terms = None
        if known is None:
            terms = document_terms(
                record,
                provisions=[
                    f"{p['number']} {p.get('heading', '')} {p['text']}"
                    for p in item.data.get("provisions", [])
                ],
                attachments=[text for _name, _content, text in item.attachments],
            )
        staged = _Staged(
            item=item,
            digest=digest,
            record=record,
            fresh=known is None,
            links=_links_for(item, instruments) if known is None else [],
            terms=terms,
        )
        staged_items.append(staged)
    fresh = [staged.record for staged in staged_items if staged.fresh]
    inserts = _inserts(fresh)  # sets created_at and updated_at, which the audit entry shows
    audit = [audit_create_prepare(record) for record in fresh]
    pickle.dump(_StagedBatch(staged_items, inserts, audit), spool, pickle.HIGHEST_PROTOCOL)


def _spooled(spool: IO[bytes]) -> Iterator[_StagedBatch]:
    spool.seek(0)
    while True:
        try:
            yield pickle.load(spool)  # noqa: S301 (our own temporary file)
        except EOFError:
            return


def _write(
    actor: Actor,
    batch: _StagedBatch,
    report: LibraryImportReport,
    instruments: tuple[InstrumentName, ...],
) -> None:
    fresh = [staged for staged in batch.items if staged.fresh]
    created = _create_in_bulk(fresh, batch.inserts)
    report.created += len(created)
    report.external_ids.extend(r.external_id for r in created)
    audit_creates_written(
        actor=actor,
        model=Record,
        created=[(r.pk, entry) for r, entry in zip(created, batch.audit, strict=True)],
        note="library import",
    )
    search_documents_write(
        [
            (record.pk, *staged.terms)
            for record, staged in zip(created, fresh, strict=True)
            if staged.terms is not None
        ],
        fresh=True,
    )
    updated = []
    for staged in batch.items:
        if not staged.fresh:
            record = _update_existing(actor, staged.item, report, instruments)
            Record.objects.filter(pk=record.pk).update(
                import_digest=f"{record.version}:{staged.digest}"
            )
            updated.append(record.pk)
    # Known records are indexed again from what is now stored.
    search_index_records(Record.objects.filter(pk__in=updated))


def library_import(
    *,
    actor: Actor,
    lines: Iterable[str],
    attachments_dir: Path | None = None,
    progress: Progress | None = None,
    checked: Callable[[int], None] | None = None,
) -> LibraryImportReport:
    """Import JSONL: every line is checked first; the first bad line stops the import with its
    line number and field, and nothing is written. Re-importing an id updates that record.

    Two passes, so memory does not grow with the file and the write lock is not held while
    lines are read, checked and analysed: the first streams the lines, checks each and spools
    what needs writing to a temporary file (a line already imported unchanged is only counted;
    `checked` is told how many lines are checked so far); the second writes the spool one
    batch of IMPORT_BATCH lines per transaction (`progress` is told of each). Interrupted in
    the second pass (a kill, a lost connection), an import keeps the whole batches it wrote and
    nothing of the one in hand; run again, it counts those lines unchanged and writes the
    rest: it resumes."""
    lookups = _Lookups()
    seen: set[str] = set()
    names = instrument_names()
    report = LibraryImportReport()
    with tempfile.TemporaryFile(prefix="ctassist-import-") as spool:
        batch: list[_Prepared] = []
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            batch.append(_prepare(number, raw, lookups, attachments_dir, seen))
            report.lines += 1
            if len(batch) == IMPORT_BATCH:
                _stage(batch, spool, report, names)
                batch = []
                if checked:
                    checked(report.lines)
        _stage(batch, spool, report, names)
        if checked:
            checked(report.lines)
        if progress and report.unchanged:
            progress(report.unchanged, report.lines)
        for staged in _spooled(spool):
            # One transaction a batch: the write lock is held for a batch at a time, and an
            # interrupted import keeps what it wrote (running it again finds those lines
            # unchanged and goes on from there).
            with transaction.atomic():
                _write(actor, staged, report, names)
            if progress:
                progress(len(staged.items), report.lines)
    if report.created + report.updated >= BULK_ANALYZE_ROWS:
        search_statistics_refresh()
    return report


def library_demo_load(*, progress: Progress | None = None) -> LibraryImportReport:
    """The illustrative demo corpus (data/demo_corpus.jsonl), loaded by `ctassist demo`."""
    lines = (DATA_DIR / "demo_corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return library_import(actor=None, lines=lines, progress=progress)
