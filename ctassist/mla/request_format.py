"""The JSON format of a mutual legal assistance request (docs/mla-request-format.md), as a JSON
Schema for its shape. Whether a request is *complete* — every essential element for its types of
assistance — is decided by `checks.py`, which reports each gap with its field."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ASSISTANCE_TYPES: tuple[str, ...] = (
    "witness_statement",
    "suspect_statement",
    "service_of_documents",
    "search_and_seizure",
    "banking_records",
    "freezing",
    "confiscation",
    "stored_data",
    "real_time_collection",
    "videoconference",
    "temporary_transfer",
    "transfer_of_proceedings",
    "joint_investigation_team",
    "controlled_delivery",
)
CHANNELS = ("central_authority", "direct", "diplomatic", "interpol")
STAGES = ("investigation", "prosecution", "trial", "appeal", "enforcement")
PERSON_ROLES = ("suspect", "accused", "witness", "victim", "account_holder", "company", "other")

# The words for the codes above, as the writer's choices show them.
ROLE_LABELS = {
    "suspect": _("suspect"),
    "accused": _("accused"),
    "witness": _("witness"),
    "victim": _("victim"),
    "account_holder": _("account holder"),
    "company": _("company"),
    "other": _("other"),
}
STAGE_LABELS = {
    "investigation": _("investigation"),
    "prosecution": _("prosecution"),
    "trial": _("trial"),
    "appeal": _("appeal"),
    "enforcement": _("enforcement"),
}

_TEXT = {"type": "string"}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_ISO3 = {"type": "string", "pattern": r"^[A-Z]{3}$"}
_TEXTS = {"type": "array", "items": {"type": "string"}}

_CONTACT = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "name": _TEXT,
        "position": _TEXT,
        "email": _TEXT,
        "phone": _TEXT,
        "office_hours": _TEXT,
        "time_zone": _TEXT,
    },
}

REQUEST_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://ctassist.example.org/schemas/mla-request.json",
    "title": "ctassist: a request for mutual legal assistance in criminal matters",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "reference": _TEXT,
        "date": _DATE,
        "status": {"enum": ["new", "follow_up"]},
        "follow_up_of": _TEXT,
        "language": {"type": "string", "pattern": r"^[a-z]{2}$"},
        "requesting_state": _ISO3,
        "requested_state": _ISO3,
        "requesting_authority": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "name": _TEXT,
                "address": _TEXT,
                "contact": _CONTACT,
                "case_reference": _TEXT,
            },
        },
        "requested_authority": _TEXT,
        "channel": {"enum": list(CHANNELS)},
        "legal_basis": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["type"],
                "properties": {
                    "type": {
                        "enum": ["instrument", "bilateral_treaty", "reciprocity", "domestic_law"]
                    },
                    "instrument": _TEXT,
                    "article": _TEXT,
                    "text": _TEXT,
                },
            },
        },
        "proceedings": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "nature": _TEXT,
                "stage": {"enum": list(STAGES)},
                "conducted_by": _TEXT,
                "started": {"type": "boolean"},
            },
        },
        "facts": _TEXT,
        "offences": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "name": _TEXT,
                    "provision": _TEXT,
                    "text": _TEXT,
                    "penalty": _TEXT,
                },
            },
        },
        "persons": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "role": {"enum": list(PERSON_ROLES)},
                    "name": _TEXT,
                    "date_of_birth": _DATE,
                    "nationality": _ISO3,
                    "address": _TEXT,
                    "identifiers": _TEXT,
                },
            },
        },
        "assistance": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type"],
                "properties": {
                    "type": {"enum": list(ASSISTANCE_TYPES)},
                    "purpose": _TEXT,
                    "details": {"type": "object"},
                },
                "additionalProperties": False,
            },
        },
        "procedures": _TEXT,
        "confidentiality": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"required": {"type": "boolean"}, "reason": _TEXT},
        },
        "urgency": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"urgent": {"type": "boolean"}, "deadline": _DATE, "reason": _TEXT},
        },
        "use_limitation": _TEXT,
        "signature": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"name": _TEXT, "position": _TEXT, "place": _TEXT, "date": _DATE},
        },
        "attachments": _TEXTS,
        "preservation_reference": _TEXT,
    },
}
