"""Writes for the library: taxonomy loading, the JSONL import (strict, atomic, stops at the first
bad line), and the publication workflow. Web, API and CLI all come through here."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fastjsonschema
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from ctassist.accounts.models import User
from ctassist.core.access import can_edit_reference_data
from ctassist.core.audit import Actor, audit_creates
from ctassist.core.errors import FieldProblem, InvalidInput, NotFound, PermissionDenied
from ctassist.core.services import record_create, record_delete, record_update
from ctassist.core.setup import Progress
from ctassist.geo.models import State
from ctassist.library.extraction import ExtractionError, text_from_bytes
from ctassist.library.import_schema import TYPE_FIELDS, line_schema, type_schema
from ctassist.library.models import (
    Attachment,
    Provision,
    Record,
    RecordLink,
    SavedSearch,
    Term,
)
from ctassist.library.references import InstrumentName, instrument_names, mentioned_codes
from ctassist.treaties.models import Instrument

DATA_DIR = Path(__file__).resolve().parent / "data"
_VALIDATOR = Draft202012Validator(line_schema())
# Per-type validators: the same rules as line_schema(), without evaluating six branches a line.
_TYPE_VALIDATORS = {kind: Draft202012Validator(type_schema(kind)) for kind in TYPE_FIELDS}
# The same per-type schemas compiled to Python by fastjsonschema: a fast first pass. Only a
# line it rejects goes through jsonschema, the reference validator, which names the field.
_FAST_VALIDATORS = {kind: fastjsonschema.compile(type_schema(kind)) for kind in TYPE_FIELDS}


def _schema_errors(data: dict[str, Any]) -> list[SchemaError]:
    fast = _FAST_VALIDATORS.get(str(data.get("type")))
    if fast is not None:
        try:
            fast(data)
        except fastjsonschema.JsonSchemaException:
            pass
        else:
            return []
    validator = _TYPE_VALIDATORS.get(str(data.get("type")), _VALIDATOR)
    return sorted(
        validator.iter_errors(data), key=lambda e: (len(e.absolute_path), str(e.absolute_path))
    )


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def taxonomy_load(*, progress: Progress | None = None) -> int:
    """The crime types and cross-cutting issues (data/taxonomy.csv). Terms an editor changed
    (version > 1) keep the editor's text."""
    instruments = {i.code: i for i in Instrument.objects.all()}
    rows = _csv(DATA_DIR / "taxonomy.csv")
    for row in rows:
        existing = Term.objects.filter(scheme=row["scheme"], code=row["code"]).first()
        if existing is not None and existing.version > 1:
            continue
        Term.objects.update_or_create(
            scheme=row["scheme"],
            code=row["code"],
            defaults={
                "instrument": instruments.get(row["instrument_id"]),
                **{f"name_{s}": row[f"name_{s}"] for s in ("ar", "zh", "en", "fr", "ru", "es")},
            },
        )
        if progress:
            progress(1, len(rows))
    return len(rows)


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


def _bad(line: int, field_name: str, message: str) -> InvalidInput:
    return InvalidInput(
        f"Line {line}, field {field_name}: {message}. Nothing was imported.",
        problems=[FieldProblem(field=field_name, message=message, line=line)],
    )


def _schema_field(error: SchemaError) -> str:
    path = ".".join(str(part) for part in error.absolute_path)
    if error.validator == "required":
        missing = str(error.message).split("'")[1] if "'" in str(error.message) else ""
        return f"{path}.{missing}".strip(".") or "(line)"
    if error.validator == "additionalProperties":
        extra = str(error.message).split("'")[1] if "'" in str(error.message) else ""
        return f"{path}.{extra}".strip(".")
    return path or "(line)"


@dataclass
class _Prepared:
    line: int
    data: dict[str, Any]
    country: State | None
    crime_types: list[Term]
    cross_cutting: list[Term]
    instruments: list[Instrument]
    attachments: list[tuple[str, bytes, str]]


class _Lookups:
    def __init__(self) -> None:
        self.states = {s.code: s for s in State.objects.all()}
        self.terms = {(t.scheme, t.code): t for t in Term.objects.all()}
        self.instruments = {i.code: i for i in Instrument.objects.all()}

    def terms_for(
        self, line: int, field_name: str, scheme: str, codes: Iterable[str]
    ) -> list[Term]:
        found = []
        for code in codes:
            term = self.terms.get((scheme, code))
            if term is None:
                known = sorted(c for s, c in self.terms if s == scheme)
                raise _bad(
                    line,
                    field_name,
                    f"unknown {scheme.replace('_', ' ')} {code!r} (known: {', '.join(known)})",
                )
            found.append(term)
        return found

    def instruments_for(self, line: int, field_name: str, codes: Iterable[str]) -> list[Instrument]:
        found = []
        for code in codes:
            if code not in self.instruments:
                raise _bad(line, field_name, f"unknown instrument {code!r}")
            found.append(self.instruments[code])
        return found


def _prepare(
    line: int, raw: str, lookups: _Lookups, attachments_dir: Path | None, seen: set[str]
) -> _Prepared:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise _bad(
            line, "(line)", f"not valid JSON ({error.msg} at column {error.colno})"
        ) from None
    if not isinstance(data, dict):
        raise _bad(line, "(line)", "must be a JSON object")
    errors = _schema_errors(data)
    if errors:
        first = errors[0]  # the shallowest problem names the field a person can fix
        raise _bad(line, _schema_field(first), first.message)
    for date_field in ("date", "version_date", "period_start", "period_end", "last_verified"):
        value = data.get(date_field)
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise _bad(line, date_field, f"{value!r} is not a real date") from None
    if data["id"] in seen:
        raise _bad(line, "id", f"{data['id']!r} appears twice in this file")
    seen.add(data["id"])
    country = None
    if data.get("country"):
        country = lookups.states.get(data["country"])
        if country is None:
            raise _bad(line, "country", f"unknown State code {data['country']!r}")
    for index, provision in enumerate(data.get("provisions", [])):
        lookups.terms_for(
            line, f"provisions.{index}.crime_types", "crime_type", provision.get("crime_types", [])
        )
        for ref in provision.get("implements", []):
            lookups.instruments_for(line, f"provisions.{index}.implements", [ref["instrument"]])
    files = []
    for name in data.get("attachments", []):
        if attachments_dir is None:
            raise _bad(line, "attachments", "attachments need --attachments DIR")
        path = (attachments_dir / name).resolve()
        if attachments_dir.resolve() not in path.parents or not path.is_file():
            raise _bad(line, "attachments", f"no file {name!r} in {attachments_dir}")
        content = path.read_bytes()
        try:
            text = text_from_bytes(content, filename=name)
        except ExtractionError as error:
            raise _bad(line, "attachments", str(error)) from None
        files.append((name, content, text))
    return _Prepared(
        line=line,
        data=data,
        country=country,
        crime_types=lookups.terms_for(
            line, "crime_types", "crime_type", data.get("crime_types", [])
        ),
        cross_cutting=lookups.terms_for(
            line, "cross_cutting", "cross_cutting", data.get("cross_cutting", [])
        ),
        instruments=lookups.instruments_for(line, "instruments", data.get("instruments", [])),
        attachments=files,
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


def _create_in_bulk(
    items: list[_Prepared], instruments: tuple[InstrumentName, ...]
) -> list[Record]:
    """New records in a few statements: records, their tags, provisions, attachments."""
    now = timezone.now()
    records = []
    for item in items:
        status = item.data.get("status") or Record.Status.DRAFT
        records.append(
            Record(
                external_id=item.data["id"],
                status=status,
                published_at=now if status == Record.Status.PUBLISHED else None,
                **_fields(item),
            )
        )
    Record.objects.bulk_create(records, batch_size=500)
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
    for record, item in zip(records, items, strict=True):
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
            for record, item in zip(records, items, strict=True)
            for kind, target in _links_for(item, instruments)
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
    for record, item in zip(records, items, strict=True):
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
            attachment.file.save(name, ContentFile(content), save=True)


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


def library_import(
    *,
    actor: Actor,
    lines: Iterable[str],
    attachments_dir: Path | None = None,
    progress: Progress | None = None,
) -> LibraryImportReport:
    """Import JSONL: every line is checked first; the first bad line stops the import with its
    line number and field, and nothing is written. Re-importing an id updates that record."""
    lookups = _Lookups()
    prepared: list[_Prepared] = []
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        prepared.append(_prepare(number, raw, lookups, attachments_dir, seen))
    report = LibraryImportReport(lines=len(prepared))
    existing = set(
        Record.objects.filter(external_id__in=[p.data["id"] for p in prepared]).values_list(
            "external_id", flat=True
        )
    )
    names = instrument_names()
    with transaction.atomic():
        fresh = [item for item in prepared if item.data["id"] not in existing]
        created = _create_in_bulk(fresh, names)
        report.created = len(created)
        report.external_ids.extend(r.external_id for r in created)
        for item in prepared:
            if item.data["id"] in existing:
                _update_existing(actor, item, report, names)
            if progress:
                progress(1, len(prepared))
        audit_creates(actor=actor, instances=created, note="library import")
        from ctassist.library.search import (
            document_terms,
            search_documents_write,
            search_index_records,
        )

        # New records are indexed from the data in hand; updated ones are read back.
        search_documents_write(
            [
                (
                    record.pk,
                    *document_terms(
                        record,
                        provisions=[
                            f"{p['number']} {p.get('heading', '')} {p['text']}"
                            for p in item.data.get("provisions", [])
                        ],
                        attachments=[text for _name, _content, text in item.attachments],
                    ),
                )
                for record, item in zip(created, fresh, strict=True)
            ]
        )
        updated = set(report.external_ids) - {r.external_id for r in created}
        search_index_records(Record.objects.filter(external_id__in=updated))
    return report


# --- publication workflow ---------------------------------------------------------------------

_TRANSITIONS = {
    ("draft", "review"),
    ("review", "draft"),
    ("review", "published"),
    ("published", "withdrawn"),
    ("withdrawn", "review"),
    ("draft", "published"),
}


def allowed_transitions(record: Record) -> list[str]:
    return sorted(to for frm, to in _TRANSITIONS if frm == record.status)


def record_transition(
    *, actor: Actor, record: Record, expected_version: int, to: str, note: str = ""
) -> Record:
    """Move a record through draft → in review → published (→ withdrawn). Editors only;
    audited; a stale version conflicts."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied("Only editors and administrators can change a record's status.")
    if (record.status, to) not in _TRANSITIONS:
        raise InvalidInput(
            f"A {record.status} record cannot become {to}",
            problems=[FieldProblem("status", f"not allowed from {record.status}")],
        )
    changes: dict[str, Any] = {"status": to}
    if to == Record.Status.PUBLISHED:
        changes["published_at"] = timezone.now()
    updated = record_update(
        actor=actor,
        instance=record,
        expected_version=expected_version,
        changes=changes,
        note=note or f"status → {to}",
    )
    from ctassist.library.search import search_index_records

    search_index_records(Record.objects.filter(pk=updated.pk))
    return updated


def record_history(record: Record) -> list[dict[str, Any]]:
    """The audit entries of a record with the fields each change touched (editor's view)."""
    from ctassist.core.models import AuditEntry

    entries = (
        AuditEntry.objects.filter(model="library.record", object_pk=str(record.pk))
        .exclude(action="read")
        .order_by("at", "id")
    )
    history = []
    for entry in entries:
        before, after = entry.before or {}, entry.after or {}
        changed = sorted(
            k
            for k in set(before) | set(after)
            if before.get(k) != after.get(k) and k not in {"version", "updated_at"}
        )
        history.append(
            {
                "at": entry.at,
                "actor": entry.actor_label,
                "action": entry.action,
                "changed": [(k, before.get(k), after.get(k)) for k in changed],
                "note": entry.note,
            }
        )
    return history


def library_demo_load(*, progress: Progress | None = None) -> LibraryImportReport:
    """The illustrative demo corpus (data/demo_corpus.jsonl), loaded by `ctassist demo`."""
    lines = (DATA_DIR / "demo_corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return library_import(actor=None, lines=lines, progress=progress)


TERM_FIELDS = (
    "name_ar",
    "name_zh",
    "name_en",
    "name_fr",
    "name_ru",
    "name_es",
    "parent",
    "instrument",
)


def term_save(
    *, actor: Actor, term: Term, expected_version: int | None, changes: dict[str, Any]
) -> Term:
    """Create or edit a taxonomy term (editors). Audited; a stale version conflicts."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied("Only editors and administrators can change the taxonomy.")
    if term.pk is None:
        for name, value in changes.items():
            setattr(term, name, value)
        from ctassist.core.services import record_create

        return record_create(actor=actor, instance=term, note="taxonomy")
    return record_update(
        actor=actor,
        instance=term,
        expected_version=expected_version or term.version,
        changes={k: v for k, v in changes.items() if k in TERM_FIELDS},
        note="taxonomy",
    )


# --- saved searches and alerts ------------------------------------------------------------------

SAVED_SEARCH_LIMIT = 50


def saved_search_create(
    *, actor: Actor, name: str, query: str, filters: dict[str, str | None], alerts: bool = True
) -> SavedSearch:
    """Save a query and its filters for a signed-in user; alerts start from now (records
    already published are not "new")."""
    from ctassist.library.search import FACETS

    if not isinstance(actor, User) or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to save a search."))
    unknown = sorted(set(filters) - set(FACETS))
    if unknown:
        raise InvalidInput(
            _("Unknown filter."),
            problems=[FieldProblem(key, "unknown filter") for key in unknown],
        )
    kept = {k: v for k, v in filters.items() if v}
    if not query.strip() and not kept:
        raise InvalidInput(
            _("A saved search needs words or at least one filter."),
            problems=[FieldProblem("q", "required when no filter is chosen")],
        )
    if SavedSearch.objects.filter(user=actor).count() >= SAVED_SEARCH_LIMIT:
        raise InvalidInput(
            _("You have reached the limit of saved searches; delete one first."),
            problems=[FieldProblem("name", f"at most {SAVED_SEARCH_LIMIT}")],
        )
    label = name.strip() or query.strip() or ", ".join(f"{k}: {v}" for k, v in kept.items())
    saved = SavedSearch(
        user=actor,
        name=label[:200],
        query=query.strip()[:500],
        filters=kept,
        alerts=alerts,
        last_alert_at=timezone.now(),
    )
    return record_create(actor=actor, instance=saved, note="saved search")


def saved_search_delete(*, actor: Actor, saved_search_id: int) -> None:
    """Delete one of the user's own saved searches (another user's is "not found")."""
    if not isinstance(actor, User):
        raise NotFound(_("No such saved search."))
    found = SavedSearch.objects.filter(pk=saved_search_id, user=actor).first()
    if found is None:
        raise NotFound(_("No such saved search."))
    record_delete(actor=actor, instance=found, note="saved search")


@dataclass
class AlertReport:
    searches: int = 0
    emails: int = 0
    records: int = 0


def library_alerts_send(*, now: dt.datetime | None = None) -> AlertReport:
    """E-mail each user the records published since their saved search's last alert that
    match it (one message per saved search with news; none when nothing is new), then move
    the search's alert mark to `now`. Run it from cron (`ctassist library alerts`)."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import translation

    from ctassist.library.search import library_search

    moment = now or timezone.now()
    report = AlertReport()
    searches = SavedSearch.objects.filter(alerts=True, last_alert_at__lt=moment).select_related(
        "user"
    )
    for saved in searches:
        report.searches += 1
        result = library_search(
            query=saved.query,
            filters=saved.filters,
            sort="-date",
            page_size=50,
            with_facets=False,
            published_between=(saved.last_alert_at, moment),
        )
        if result.hits and saved.user.email:
            with translation.override(getattr(saved.user, "language", None) or "en"):
                lines = [
                    f"- {hit.record.title}\n  {settings.CTASSIST_BASE_URL}"
                    f"{reverse('library:record', args=[hit.record.external_id])}"
                    for hit in result.hits
                ]
                subject = ngettext(
                    "%(count)d new record for your saved search “%(name)s”",
                    "%(count)d new records for your saved search “%(name)s”",
                    result.total,
                ) % {
                    "count": result.total,
                    "name": saved.name,
                }
                body = "\n".join(
                    [
                        _("New records matching your saved search “%(name)s”:")
                        % {"name": saved.name},
                        "",
                        *lines,
                        "",
                        _("Manage your saved searches: %(url)s")
                        % {"url": settings.CTASSIST_BASE_URL + reverse("library:saved_searches")},
                    ]
                )
            send_mail(subject, body, None, [saved.user.email])
            report.emails += 1
            report.records += result.total
        SavedSearch.objects.filter(pk=saved.pk).update(last_alert_at=moment)
    return report
