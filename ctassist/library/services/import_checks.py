"""The checks of the JSONL import, line by line, before anything is written: valid JSON, the
schema of the record's type, real dates, a unique id, known States, terms and instruments, and
attachment files that exist and yield text. A bad line raises with its line number and field."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fastjsonschema
from django.conf import settings
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.core.extraction import ExtractionError, text_from_bytes
from ctassist.geo.models import State
from ctassist.library.import_schema import TYPE_FIELDS, line_schema, type_schema
from ctassist.library.models import Term
from ctassist.treaties.models import Instrument

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


# A line may hold the long texts escaped (\uXXXX: six characters each) and the other fields.
_LINE_ESCAPE_FACTOR = 6
_LINE_ALLOWANCE_CHARS = 1_000_000


def _too_long(line: int, field_name: str, length: int, limit: int) -> InvalidInput:
    return _bad(
        line,
        field_name,
        f"{length:,} characters, more than the limit of {limit:,} "
        "(CTASSIST_LIBRARY_TEXT_MAX_CHARS)",
    )


def _texts_bounded(line: int, data: dict[str, Any], limit: int) -> None:
    """Every long text of a line within the limit, the first one over it named."""
    fields = [(name, data.get(name)) for name in ("text", "summary", "title")]
    fields += [
        (f"provisions.{index}.text", provision.get("text"))
        for index, provision in enumerate(data.get("provisions", []))
        if isinstance(provision, dict)
    ]
    for name, value in fields:
        if isinstance(value, str) and len(value) > limit:
            raise _too_long(line, name, len(value), limit)


def _prepare(
    line: int, raw: str, lookups: _Lookups, attachments_dir: Path | None, seen: set[str]
) -> _Prepared:
    limit = settings.CTASSIST_LIBRARY_TEXT_MAX_CHARS
    line_limit = _LINE_ESCAPE_FACTOR * limit + _LINE_ALLOWANCE_CHARS
    if len(raw) > line_limit:  # refused before it is parsed
        raise _too_long(line, "(line)", len(raw), line_limit)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise _bad(
            line, "(line)", f"not valid JSON ({error.msg} at column {error.colno})"
        ) from None
    if not isinstance(data, dict):
        raise _bad(line, "(line)", "must be a JSON object")
    _texts_bounded(line, data, limit)
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
        if len(text) > limit:
            raise _too_long(line, f"attachments ({name})", len(text), limit)
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
