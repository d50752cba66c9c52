"""The JSON Schema of one line of a library import file (JSONL). docs/import-format.md explains
it; `ctassist library schema` prints it."""

from __future__ import annotations

from typing import Any

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_CODES = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}
_TEXT = {"type": "string"}

_PROVISION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["number", "text"],
    "properties": {
        "number": {"type": "string", "minLength": 1, "maxLength": 50},
        "heading": _TEXT,
        "text": {"type": "string", "minLength": 1},
        "crime_types": _CODES,
        "implements": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["instrument", "article"],
                "properties": {
                    "instrument": {"type": "string"},
                    "article": {"type": "string", "minLength": 1},
                },
            },
        },
    },
}

TYPE_FIELDS: dict[str, dict[str, Any]] = {
    "legislation": {
        "work": {"type": "string", "maxLength": 120},
        "version_date": _DATE,
        "official_number": _TEXT,
        "provisions": {"type": "array", "items": _PROVISION},
    },
    "case": {
        "court": {"type": "string", "minLength": 1},
        "ecli": {
            "type": "string",
            "pattern": r"^ECLI:[A-Z]{2,3}:[A-Z0-9.]{1,7}:\d{4}:[A-Z0-9.]{1,25}$",
        },
        "stage": {
            "enum": ["investigation", "pre_trial", "first_instance", "appeal", "cassation", "other"]
        },
        "defendants_count": {"type": "integer", "minimum": 0},
        "charges": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["offence", "verdict"],
                "properties": {
                    "offence": {"type": "string", "minLength": 1},
                    "crime_type": {"type": "string"},
                    "instrument": {"type": "string"},
                    "verdict": {
                        "enum": ["convicted", "acquitted", "dismissed", "discharged", "pending"]
                    },
                    "sentence": _TEXT,
                    "count": {"type": "integer", "minimum": 1},
                },
            },
        },
        "facts": _TEXT,
        "commentary": _TEXT,
        "legislation": _CODES,
    },
    "strategy": {
        "adopted_by": _TEXT,
        "period_start": _DATE,
        "period_end": _DATE,
    },
    "bibliography": {
        "creator": _CODES,
        "publisher": _TEXT,
        "subject": _CODES,
        "format": _TEXT,
        "identifier": _TEXT,
        "rights": _TEXT,
        "research_method": _TEXT,
    },
    "publication": {
        "publisher": _TEXT,
        "sections": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title", "text"],
                "properties": {"title": {"type": "string", "minLength": 1}, "text": _TEXT},
            },
        },
    },
    "authority": {
        "function": {
            "enum": [
                "mla",
                "extradition",
                "e_evidence_24_7",
                "fiu",
                "transfer_of_sentenced_persons",
                "other",
            ]
        },
        "body": {"type": "string", "minLength": 1},
        "contacts": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["kind", "value"],
                "properties": {
                    "kind": {"enum": ["email", "phone", "fax", "address", "portal", "person"]},
                    "value": {"type": "string", "minLength": 1},
                },
            },
        },
        "languages": _CODES,
        "channels": {
            "type": "array",
            "items": {"enum": ["direct", "central_authority", "diplomatic", "interpol"]},
        },
        "last_verified": _DATE,
    },
}

REQUIRED_BY_TYPE: dict[str, list[str]] = {
    "case": ["court"],
    "authority": ["function", "body", "last_verified"],
}

COMMON = {
    "id": {"type": "string", "minLength": 1, "maxLength": 120, "pattern": r"^\S+$"},
    "type": {"enum": list(TYPE_FIELDS)},
    "country": {"type": ["string", "null"], "pattern": r"^[A-Z]{3}$"},
    "language": {"type": "string", "pattern": r"^[a-z]{2}$"},
    "title": {"type": "string", "minLength": 1, "maxLength": 500},
    "date": {"anyOf": [_DATE, {"type": "null"}]},
    "text": _TEXT,
    "summary": _TEXT,
    "url": {"type": "string", "maxLength": 800, "pattern": r"^(https?://\S+)?$"},
    "crime_types": _CODES,
    "cross_cutting": _CODES,
    "instruments": _CODES,
    "attachments": _CODES,
    "status": {"enum": ["draft", "review", "published", "withdrawn"]},
    "illustrative": {"type": "boolean"},
}


def line_schema() -> dict[str, Any]:
    """One schema: the common fields, then per type its own fields (no others allowed)."""
    branches = [
        {
            "if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
            "then": type_schema(kind),
        }
        for kind in TYPE_FIELDS
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ctassist.example.org/schemas/library-import-line.json",
        "title": "ctassist library import: one JSONL line",
        "type": "object",
        "required": ["id", "type", "language", "title"],
        "properties": {"type": COMMON["type"]},
        "allOf": branches,
    }


def type_schema(kind: str) -> dict[str, Any]:
    """The schema of a line of one type (what `line_schema` applies when `type` is `kind`)."""
    return {
        "type": "object",
        "properties": {**COMMON, **TYPE_FIELDS[kind]},
        "required": ["id", "type", "language", "title", *REQUIRED_BY_TYPE.get(kind, [])],
        "additionalProperties": False,
    }
