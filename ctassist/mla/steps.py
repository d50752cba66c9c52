"""The request writer's steps: which elements of the request each page asks for, as fields bound
to paths in the request JSON. A step is passed only when `checks.request_check` finds no error in
the elements it owns; everything typed is saved first, so nothing is lost."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from ctassist.mla.checks import ESSENTIAL
from ctassist.mla.models import CHANNEL_LABELS
from ctassist.mla.render import assistance_label
from ctassist.mla.request_format import (
    ASSISTANCE_TYPES,
    CHANNELS,
    PERSON_ROLES,
    ROLE_LABELS,
    STAGE_LABELS,
    STAGES,
)


@dataclass(frozen=True)
class FieldSpec:
    path: str  # e.g. "requesting_authority.contact.email", "offences.*.name"
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
    # A step about a list of the request ("offences", "persons", "assistance"): its fields are
    # written with "*" for the item's index, and the page shows one group per item.
    repeat: str | None = None
    item_label: str | Promise = ""  # "Offence %(n)s"
    add_label: str | Promise = ""  # "Add an offence"


ANY = "*"


LANGUAGES = (
    ("ar", "العربية"),
    ("zh", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
    ("pt", "Português"),
)


# The essential details' names (checks.ESSENTIAL), as the writer asks for them.
DETAIL_LABELS: dict[str, str | Promise] = {
    "person": _("Person"),
    "questions": _("Questions"),
    "documents": _("Documents"),
    "recipient": _("Recipient"),
    "address": _("Address"),
    "place": _("Place"),
    "items": _("Items"),
    "bank": _("Bank"),
    "account_holder": _("Account holder"),
    "accounts": _("Accounts"),
    "period_from": _("Period from"),
    "period_to": _("Period to"),
    "records": _("Records"),
    "assets": _("Assets"),
    "location": _("Location"),
    "order": _("Order"),
    "provider": _("Provider"),
    "identifiers": _("Identifiers"),
    "data_categories": _("Data categories"),
    "duration": _("Duration"),
    "proposed_date": _("Proposed date"),
    "technical_contact": _("Technical contact"),
    "place_of_detention": _("Place of detention"),
    "return_date": _("Return date"),
    "case_summary": _("Case summary"),
    "partners": _("Partners"),
    "objectives": _("Objectives"),
    "goods": _("Goods"),
    "route": _("Route"),
    "dates": _("Dates"),
}


def assistance_fields(kind: str, index: int = 0) -> tuple[FieldSpec, ...]:
    """The essential details of one type of assistance (the measure at `index`), as fields."""
    specs = []
    for key in ESSENTIAL.get(kind, ()):
        label = DETAIL_LABELS.get(key, key.replace("_", " ").capitalize())
        path = f"assistance.{index}.details.{key}"
        if key in PERSON_REFERENCES:
            specs.append(FieldSpec(path, label, "person"))
        elif key.startswith("period_") or key.endswith("_date"):
            specs.append(FieldSpec(path, label, "date"))
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
            specs.append(FieldSpec(path, label, "lines", help=_("one per line")))
        else:
            specs.append(FieldSpec(path, label, "textarea"))
    return tuple(specs)


# Details of a measure that point at a person of the request by their index in "persons".
PERSON_REFERENCES = ("person", "account_holder")

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
                tuple((c, CHANNEL_LABELS.get(c, c)) for c in CHANNELS),
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
            FieldSpec(
                "proceedings.stage",
                _("Stage"),
                "select",
                tuple((s, STAGE_LABELS.get(s, s)) for s in STAGES),
            ),
            FieldSpec("proceedings.conducted_by", _("Conducted by")),
            FieldSpec("facts", _("Summary of the facts"), "textarea"),
        ),
    ),
    Step(
        "offences",
        _("Offences"),
        ("offences",),
        (
            FieldSpec("offences.*.name", _("Offence")),
            FieldSpec("offences.*.provision", _("Provision")),
            FieldSpec("offences.*.text", _("Text of the provision"), "textarea"),
            FieldSpec("offences.*.penalty", _("Maximum penalty")),
        ),
        repeat="offences",
        item_label=_("Offence %(n)s"),
        add_label=_("Add an offence"),
    ),
    Step(
        "persons",
        _("Persons concerned"),
        ("persons",),
        (
            FieldSpec(
                "persons.*.role",
                _("Role"),
                "select",
                tuple((r, ROLE_LABELS.get(r, r)) for r in PERSON_ROLES),
            ),
            FieldSpec("persons.*.name", _("Name")),
            FieldSpec("persons.*.date_of_birth", _("Date of birth"), "date"),
            FieldSpec("persons.*.nationality", _("Nationality"), "state"),
            FieldSpec("persons.*.address", _("Address")),
            FieldSpec("persons.*.identifiers", _("Identifiers")),
        ),
        repeat="persons",
        item_label=_("Person %(n)s"),
        add_label=_("Add a person"),
    ),
    Step(
        "assistance",
        _("Assistance requested"),
        ("assistance",),
        (
            FieldSpec(
                "assistance.*.type",
                _("Type of assistance"),
                "select",
                tuple((t, lazy(assistance_label, str)(t)) for t in ASSISTANCE_TYPES),
            ),
            FieldSpec("assistance.*.purpose", _("Purpose and link to the facts"), "textarea"),
        ),
        repeat="assistance",
        item_label=_("Measure %(n)s"),
        add_label=_("Add a measure"),
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


def item_count(step: Step, data: dict[str, Any]) -> int:
    """How many items a repeated step shows: those in the request, at least one."""
    if step.repeat is None:
        return 1
    items = data.get(step.repeat)
    return max(1, len(items) if isinstance(items, list) else 0)


def step_fields(step: Step, data: dict[str, Any]) -> tuple[FieldSpec, ...]:
    """The step's fields with real paths: one set per item of a repeated step (a measure's
    details follow its type)."""
    if step.repeat is None:
        return step.fields
    specs: list[FieldSpec] = []
    found = data.get(step.repeat)
    items: list[Any] = found if isinstance(found, list) else []
    for index in range(item_count(step, data)):
        specs += [
            FieldSpec(
                spec.path.replace(ANY, str(index), 1),
                spec.label,
                spec.kind,
                spec.choices,
                spec.help,
            )
            for spec in step.fields
        ]
        if step.slug == "assistance" and index < len(items):
            kind = items[index].get("type") if isinstance(items[index], dict) else None
            specs += assistance_fields(kind, index) if kind else ()
    return tuple(specs)


def item_of(step: Step, path: str) -> int | None:
    """The item index a field path belongs to in a repeated step."""
    if step.repeat is None or not path.startswith(step.repeat + "."):
        return None
    index = path.split(".")[1]
    return int(index) if index.isdigit() else None


ITEM_ACTIONS = ("add", "remove", "up", "down")


def items_rearrange(
    data: dict[str, Any], *, step: Step, action: str, index: int | None = None
) -> dict[str, Any]:
    """The request with an item of the step's list added (at the end), removed, or moved up or
    down. Measures that point at persons by index follow the persons they pointed at (a removed
    person's reference is cleared, so the check asks again)."""
    if step.repeat is None or action not in ITEM_ACTIONS:
        raise ValueError(f"no {action!r} for the {step.slug!r} step")
    document = dict(data)
    items = list(document.get(step.repeat) or [])
    count = max(1, len(items))
    while len(items) < count:
        items.append({})
    order = list(range(len(items)))
    if action == "add":
        items.append({})
        order.append(-1)
    elif index is None or not 0 <= index < len(items):
        raise ValueError(f"no item {index} in {step.repeat}")
    elif action == "remove":
        del items[index]
        del order[index]
    else:
        other = index - 1 if action == "up" else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
            order[index], order[other] = order[other], order[index]
    document[step.repeat] = items
    if step.repeat == "persons":
        document["assistance"] = _person_references_follow(document.get("assistance"), order)
    return document


def _person_references_follow(measures: Any, order: list[int]) -> Any:
    """`order[new] = old`: rewrite each measure's person references to the new positions."""
    if not isinstance(measures, list):
        return measures
    new_position = {old: new for new, old in enumerate(order) if old >= 0}
    rewritten = []
    for measure in measures:
        details = (measure or {}).get("details") if isinstance(measure, dict) else None
        if not isinstance(details, dict):
            rewritten.append(measure)
            continue
        details = dict(details)
        for key in PERSON_REFERENCES:
            if isinstance(details.get(key), int):
                if details[key] in new_position:
                    details[key] = new_position[details[key]]
                else:
                    details.pop(key)
        rewritten.append({**measure, "details": details})
    return rewritten


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
