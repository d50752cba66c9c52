"""The request writer's steps: which elements of the request each page asks for, as fields bound
to paths in the request JSON. A step is passed only when `checks.request_check` finds no error in
the elements it owns; everything typed is saved first, so nothing is lost."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ctassist.mla.checks import ESSENTIAL
from ctassist.mla.request_format import ASSISTANCE_TYPES, CHANNELS, PERSON_ROLES, STAGES


@dataclass(frozen=True)
class FieldSpec:
    path: str  # e.g. "requesting_authority.contact.email", "offences.0.name"
    label: str | Promise
    kind: str = "text"  # text, textarea, date, select, bool, lines, state, person
    choices: tuple[tuple[str, str | Promise], ...] = ()
    help: str | Promise = ""


@dataclass(frozen=True)
class Step:
    slug: str
    title: str | Promise
    owns: tuple[str, ...]  # problem paths (prefixes) this step answers for
    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)


LANGUAGES = (
    ("ar", "العربية"),
    ("zh", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
    ("pt", "Português"),
)


def assistance_fields(kind: str) -> tuple[FieldSpec, ...]:
    """The essential details of one type of assistance, as fields."""
    specs = []
    for key in ESSENTIAL.get(kind, ()):
        label = key.replace("_", " ").capitalize()
        if key in ("person", "account_holder"):
            specs.append(FieldSpec(f"assistance.0.details.{key}", label, "person"))
        elif key.startswith("period_") or key.endswith("_date"):
            specs.append(FieldSpec(f"assistance.0.details.{key}", label, "date"))
        elif key in (
            "accounts",
            "records",
            "questions",
            "documents",
            "items",
            "identifiers",
            "data_categories",
            "partners",
            "assets",
        ):
            specs.append(
                FieldSpec(f"assistance.0.details.{key}", label, "lines", help=_("one per line"))
            )
        else:
            specs.append(FieldSpec(f"assistance.0.details.{key}", label, "textarea"))
    return tuple(specs)


STEPS: tuple[Step, ...] = (
    Step(
        "parties",
        _("Request and States"),
        ("reference", "date", "language", "requesting_state", "requested_state", "follow_up_of"),
        (
            FieldSpec("reference", _("Reference (case or file number)")),
            FieldSpec("date", _("Date of the request"), "date"),
            FieldSpec("language", _("Language of the request"), "select", LANGUAGES),
            FieldSpec("requesting_state", _("Requesting State"), "state"),
            FieldSpec("requested_state", _("Requested State"), "state"),
        ),
    ),
    Step(
        "authority",
        _("Requesting authority"),
        ("requesting_authority",),
        (
            FieldSpec("requesting_authority.name", _("Authority")),
            FieldSpec("requesting_authority.address", _("Address")),
            FieldSpec("requesting_authority.case_reference", _("Case reference")),
            FieldSpec("requesting_authority.contact.name", _("Contact person")),
            FieldSpec("requesting_authority.contact.position", _("Position")),
            FieldSpec("requesting_authority.contact.email", _("E-mail")),
            FieldSpec("requesting_authority.contact.phone", _("Telephone")),
        ),
    ),
    Step(
        "basis",
        _("Channel and legal basis"),
        ("channel", "legal_basis", "requested_authority"),
        (
            FieldSpec(
                "channel",
                _("Channel of transmission"),
                "select",
                tuple((c, c.replace("_", " ")) for c in CHANNELS),
            ),
            FieldSpec("requested_authority", _("Requested authority")),
            FieldSpec("legal_basis", _("Legal basis"), "basis"),
        ),
    ),
    Step(
        "proceedings",
        _("Proceedings and facts"),
        ("proceedings", "facts"),
        (
            FieldSpec("proceedings.nature", _("Nature of the proceedings")),
            FieldSpec("proceedings.stage", _("Stage"), "select", tuple((s, s) for s in STAGES)),
            FieldSpec("proceedings.conducted_by", _("Conducted by")),
            FieldSpec("facts", _("Summary of the facts"), "textarea"),
        ),
    ),
    Step(
        "offences",
        _("Offences"),
        ("offences",),
        (
            FieldSpec("offences.0.name", _("Offence")),
            FieldSpec("offences.0.provision", _("Provision")),
            FieldSpec("offences.0.text", _("Text of the provision"), "textarea"),
            FieldSpec("offences.0.penalty", _("Maximum penalty")),
        ),
    ),
    Step(
        "persons",
        _("Persons concerned"),
        ("persons",),
        (
            FieldSpec(
                "persons.0.role",
                _("Role"),
                "select",
                tuple((r, r.replace("_", " ")) for r in PERSON_ROLES),
            ),
            FieldSpec("persons.0.name", _("Name")),
            FieldSpec("persons.0.date_of_birth", _("Date of birth"), "date"),
            FieldSpec("persons.0.nationality", _("Nationality"), "state"),
            FieldSpec("persons.0.address", _("Address")),
            FieldSpec("persons.0.identifiers", _("Identifiers")),
        ),
    ),
    Step(
        "assistance",
        _("Assistance requested"),
        ("assistance",),
        (
            FieldSpec(
                "assistance.0.type",
                _("Type of assistance"),
                "select",
                tuple((t, t.replace("_", " ")) for t in ASSISTANCE_TYPES),
            ),
            FieldSpec("assistance.0.purpose", _("Purpose and link to the facts"), "textarea"),
        ),
    ),
    Step(
        "conditions",
        _("Conditions"),
        ("confidentiality", "urgency", "use_limitation", "procedures"),
        (
            FieldSpec("confidentiality.required", _("Keep the request confidential"), "bool"),
            FieldSpec("confidentiality.reason", _("Why")),
            FieldSpec("urgency.urgent", _("Urgent"), "bool"),
            FieldSpec("urgency.deadline", _("Deadline"), "date"),
            FieldSpec("urgency.reason", _("Reason for urgency")),
            FieldSpec("use_limitation", _("Use of the evidence (undertaking)"), "textarea"),
            FieldSpec("procedures", _("Procedures to be followed"), "textarea"),
        ),
    ),
    Step(
        "signature",
        _("Signature and attachments"),
        ("signature", "attachments"),
        (
            FieldSpec("signature.name", _("Name")),
            FieldSpec("signature.position", _("Position")),
            FieldSpec("signature.place", _("Place")),
            FieldSpec("signature.date", _("Date"), "date"),
            FieldSpec("attachments", _("Attachments"), "lines", help=_("one per line")),
        ),
    ),
)


def step_named(slug: str) -> Step:
    for step in STEPS:
        if step.slug == slug:
            return step
    raise KeyError(slug)


def step_fields(step: Step, data: dict[str, Any]) -> tuple[FieldSpec, ...]:
    if step.slug == "assistance":
        kind = ((data.get("assistance") or [{}])[0] or {}).get("type")
        return step.fields + (assistance_fields(kind) if kind else ())
    return step.fields


def next_step(slug: str) -> str | None:
    slugs = [s.slug for s in STEPS]
    index = slugs.index(slug)
    return slugs[index + 1] if index + 1 < len(slugs) else None


def owns(step: Step, problem_field: str) -> bool:
    return any(problem_field == p or problem_field.startswith(p + ".") for p in step.owns)


def value_at(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if isinstance(value, list):
            index = int(part)
            value = value[index] if index < len(value) else None
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def value_set(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a value at a path, creating objects and list items on the way; an empty value
    removes the key (so "missing" is reported as missing, not as an empty string)."""
    parts = path.split(".")
    target: Any = data
    for index, part in enumerate(parts[:-1]):
        upcoming = parts[index + 1]
        if isinstance(target, list):
            position = int(part)
            while len(target) <= position:
                target.append({})
            target = target[position]
        else:
            if part not in target or not isinstance(target[part], list | dict):
                target[part] = [] if upcoming.isdigit() else {}
            target = target[part]
    last = parts[-1]
    if value in (None, "", []):
        if isinstance(target, dict):
            target.pop(last, None)
    else:
        target[last] = value
