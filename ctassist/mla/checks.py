"""Is a request for mutual legal assistance complete and consistent? One rule set for the web,
the API and `ctassist mla check`: every missing essential element or inconsistency is a problem
with its field path, a severity and a translatable message; advice drawn from the data (legal
basis from the treaties both States are party to on the request date, double criminality for
coercive measures, preservation before content, the requested State's languages) comes as
warnings and notes. A request is complete when it has no problem of severity "error"."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from ctassist.core.checks import ERROR, INFO, WARNING, Problem
from ctassist.core.languages import language_name
from ctassist.mla.request_format import REQUEST_SCHEMA

DATA = Path(__file__).resolve().parent / "data"

# The essential details of each type of assistance (in the item's "details" object).
ESSENTIAL: dict[str, tuple[str, ...]] = {
    "witness_statement": ("person", "questions"),
    "suspect_statement": ("person", "questions"),
    "service_of_documents": ("documents", "recipient", "address"),
    "search_and_seizure": ("place", "items"),
    "banking_records": (
        "bank",
        "account_holder",
        "accounts",
        "period_from",
        "period_to",
        "records",
    ),
    "freezing": ("assets", "location"),
    "confiscation": ("assets", "order"),
    "stored_data": ("provider", "identifiers", "data_categories", "period_from", "period_to"),
    "real_time_collection": ("provider", "identifiers", "duration"),
    "videoconference": ("person", "proposed_date", "technical_contact"),
    "temporary_transfer": ("person", "place_of_detention", "return_date"),
    "transfer_of_proceedings": ("case_summary",),
    "joint_investigation_team": ("partners", "objectives", "duration"),
    "controlled_delivery": ("goods", "route", "dates"),
}
# Measures that compel someone: the requested State may require double criminality.
COERCIVE = {
    "search_and_seizure",
    "banking_records",
    "freezing",
    "confiscation",
    "stored_data",
    "real_time_collection",
}
_VALIDATOR = Draft202012Validator(REQUEST_SCHEMA)


@dataclass(frozen=True)
class CheckResult:
    problems: list[Problem]

    @property
    def complete(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    def as_dict(self) -> dict[str, Any]:
        return {"complete": self.complete, "problems": [p.as_dict() for p in self.problems]}


@dataclass(frozen=True)
class MlaArticle:
    instrument: str
    article: str
    subject: str
    source: str


@cache
def mla_articles() -> dict[str, MlaArticle]:
    """The article on mutual legal assistance of each instrument, where the reference data
    holds it (data/mla_articles.csv, with sources); an empty article: the instrument has none."""
    with (DATA / "mla_articles.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["instrument_id"]: MlaArticle(
                row["instrument_id"], row["article"], row["subject"], row["source"]
            )
            for row in csv.DictReader(handle)
        }


def _get(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


@dataclass(frozen=True)
class BasisSuggestion:
    instrument: str
    title: str
    article: str | None
    confirmed: bool = True  # False: the treaty records can neither confirm nor refute it
    reason: str = ""  # why it cannot be confirmed (each State's status)


def legal_basis_suggestions(
    requesting: str, requested: str, on: dt.date, *, with_unconfirmed: bool = False
) -> list[BasisSuggestion]:
    """Instruments the treaty module confirms in force for both States on `on` (its one answer,
    `treaties.selectors.bindings_on`), with their article on mutual legal assistance where the
    reference data holds it; with `with_unconfirmed`, also those it can neither confirm nor
    refute, marked so."""
    from ctassist.treaties.selectors import bindings_on

    articles = mla_articles()
    found = []
    for verdict in bindings_on(state_codes=(requesting, requested), on=on):
        if verdict.verdict == "not_bound" or (
            verdict.verdict == "unconfirmed" and not with_unconfirmed
        ):
            continue
        known = articles.get(verdict.instrument)
        if known is not None and not known.article:
            continue  # the instrument has no article on mutual legal assistance
        found.append(
            BasisSuggestion(
                verdict.instrument,
                verdict.title,
                known.article if known else None,
                confirmed=verdict.verdict == "bound",
                reason=verdict.reason,
            )
        )
    return found


def _day(day: dt.date) -> str:
    """A date as the active language writes it."""
    return date_format(day, "DATE_FORMAT")


def _state_name(code: str) -> str:
    """A State's name in the reader's language (the code only if it is unknown)."""
    from ctassist.core.errors import NotFound
    from ctassist.geo.selectors import state_get

    try:
        return str(state_get(code=code).name)
    except NotFound:
        return code


def _instrument_title(code: str) -> str:
    from ctassist.treaties.selectors import treaty_snapshot

    for item in treaty_snapshot().instruments:
        if item.instrument.code == code:
            return str(item.instrument.title)
    return code


def _core(data: dict[str, Any]) -> list[Problem]:
    problems = []
    service_only = bool(data.get("assistance")) and all(
        a.get("type") == "service_of_documents" for a in data.get("assistance", [])
    )
    required: list[tuple[str, str]] = [
        ("reference", _("Give the request's reference (case or file number).")),
        ("date", _("Date the request.")),
        ("language", _("Say in which language the request is written.")),
        ("requesting_state", _("Name the requesting State.")),
        ("requested_state", _("Name the requested State.")),
        ("requesting_authority.name", _("Name the requesting authority.")),
        ("channel", _("Choose the channel of transmission.")),
        ("legal_basis", _("State the legal basis (treaty, convention or reciprocity).")),
        ("proceedings.nature", _("Describe the nature of the proceedings.")),
        ("proceedings.stage", _("Say at which stage the proceedings are.")),
        ("assistance", _("Say what assistance is sought.")),
        ("use_limitation", _("Give the undertaking on the use of the evidence (speciality).")),
        ("signature.name", _("Name the person who signs the request.")),
        ("signature.position", _("Give the signatory's position.")),
        ("signature.place", _("Give the place of signature.")),
    ]
    if not service_only:
        required += [
            ("facts", _("Summarise the facts.")),
            ("offences", _("List the offences, with their text and penalties.")),
            ("persons", _("Identify the persons concerned.")),
        ]
    for path, message in required:
        if _blank(_get(data, path)):
            problems.append(Problem(path, ERROR, message))
    contact = _get(data, "requesting_authority.contact") or {}
    if not (contact.get("email") or contact.get("phone")):
        problems.append(
            Problem(
                "requesting_authority.contact",
                ERROR,
                _("Give a contact (e-mail or telephone) for questions about the request."),
            )
        )
    for index, offence in enumerate(data.get("offences") or []):
        for key, message in (
            ("name", _("Name the offence.")),
            ("text", _("Quote the text of the offence provision.")),
            ("penalty", _("Give the maximum penalty.")),
        ):
            if _blank(offence.get(key)):
                problems.append(Problem(f"offences.{index}.{key}", ERROR, message))
    if data.get("status") == "follow_up" and _blank(data.get("follow_up_of")):
        problems.append(
            Problem("follow_up_of", ERROR, _("Give the reference of the earlier request."))
        )
    if _blank(data.get("confidentiality")):
        problems.append(
            Problem(
                "confidentiality",
                ERROR,
                _("Say whether the request must be kept confidential, and why."),
            )
        )
    urgency = data.get("urgency") or {}
    if urgency.get("urgent"):
        if _blank(urgency.get("deadline")):
            problems.append(
                Problem("urgency.deadline", ERROR, _("An urgent request needs a deadline."))
            )
        if _blank(urgency.get("reason")):
            problems.append(Problem("urgency.reason", ERROR, _("Say why the request is urgent.")))
    return problems


def _double_criminality_rule(requested: Any) -> str:
    """The requested State's rule from its profile ("always", "coercive", "not_required") or
    "unknown" when no profile is held."""
    from ctassist.mla.models import RequestedStateProfile

    profile = RequestedStateProfile.objects.filter(state__code=str(requested or "")).first()
    return profile.double_criminality if profile else "unknown"


def _assistance(data: dict[str, Any]) -> list[Problem]:
    problems = []
    rule = _double_criminality_rule(data.get("requested_state"))
    person_count = len(data.get("persons") or [])
    for index, item in enumerate(data.get("assistance") or []):
        kind = item.get("type", "")
        details = item.get("details") or {}
        if _blank(item.get("purpose")):
            problems.append(
                Problem(
                    f"assistance.{index}.purpose",
                    ERROR,
                    _("Explain why this assistance is needed and how it links to the facts."),
                )
            )
        for key in ESSENTIAL.get(kind, ()):
            if _blank(details.get(key)):
                problems.append(
                    Problem(
                        f"assistance.{index}.details.{key}",
                        ERROR,
                        _("This element is essential for %(type)s: %(element)s.")
                        % {"type": kind.replace("_", " "), "element": key.replace("_", " ")},
                    )
                )
        person = details.get("person")
        if isinstance(person, int) and not 0 <= person < person_count:
            problems.append(
                Problem(
                    f"assistance.{index}.details.person",
                    ERROR,
                    _("This refers to a person who is not in the list of persons."),
                )
            )
        start, end = _date(details.get("period_from")), _date(details.get("period_to"))
        if start and end and start > end:
            problems.append(
                Problem(
                    f"assistance.{index}.details.period_to",
                    ERROR,
                    _("The period ends before it starts."),
                )
            )
        if kind == "stored_data":
            categories = details.get("data_categories") or []
            if "content" in categories and _blank(data.get("preservation_reference")):
                problems.append(
                    Problem(
                        f"assistance.{index}.details.data_categories",
                        WARNING,
                        _(
                            "Content data is asked for but no preservation request is "
                            "referenced: preserve the data first (it may be deleted before "
                            "this request is executed), then give the preservation reference."
                        ),
                    )
                )
        if rule == "always" or (kind in COERCIVE and rule != "not_required"):
            problems.append(
                Problem(
                    f"assistance.{index}.type",
                    WARNING,
                    _(
                        "This is a coercive measure: the requested State may require double "
                        "criminality. Show that the conduct is an offence in both States."
                    ),
                )
            )
    return problems


def _consistency(data: dict[str, Any]) -> list[Problem]:
    from ctassist.geo.models import State

    problems = []
    requesting, requested = data.get("requesting_state"), data.get("requested_state")
    known = set(
        State.objects.filter(code__in=[c for c in (requesting, requested) if c]).values_list(
            "code", flat=True
        )
    )
    for field_name, code in (("requesting_state", requesting), ("requested_state", requested)):
        if code and code not in known:
            problems.append(
                Problem(field_name, ERROR, _("Unknown State code %(code)s.") % {"code": code})
            )
    if requesting and requesting == requested:
        problems.append(
            Problem("requested_state", ERROR, _("The requested State is the requesting State."))
        )
    date = _date(data.get("date"))
    if data.get("date") and date is None:
        problems.append(Problem("date", ERROR, _("This is not a real date.")))
    deadline = _date(_get(data, "urgency.deadline"))
    if date and deadline and deadline < date:
        problems.append(
            Problem("urgency.deadline", ERROR, _("The deadline is before the request's date."))
        )
    return problems


def _advice(data: dict[str, Any]) -> list[Problem]:
    """Legal basis and language, from the treaty data and the authorities directory."""
    from ctassist.library.selectors import authority_directory

    problems: list[Problem] = []
    requesting, requested = data.get("requesting_state"), data.get("requested_state")
    date = _date(data.get("date")) or timezone.localdate()
    if not (requesting and requested and requesting != requested):
        return problems
    every = legal_basis_suggestions(requesting, requested, date, with_unconfirmed=True)
    suggestions = [s for s in every if s.confirmed]
    shared = {s.instrument: s for s in every}
    cited = [b for b in data.get("legal_basis") or [] if b.get("type") == "instrument"]
    for index, basis in enumerate(data.get("legal_basis") or []):
        if basis.get("type") != "instrument":
            continue
        code = basis.get("instrument", "")
        found = shared.get(code)
        if found is not None and not found.confirmed:
            problems.append(
                Problem(
                    f"legal_basis.{index}.instrument",
                    WARNING,
                    _(
                        "That both States were bound by %(title)s on %(date)s cannot be "
                        "confirmed from the treaty records (%(reason)s); check the depositary's "
                        "record before relying on it."
                    )
                    % {"title": found.title, "date": _day(date), "reason": found.reason},
                )
            )
        elif found is None:
            problems.append(
                Problem(
                    f"legal_basis.{index}.instrument",
                    ERROR,
                    _(
                        "The treaty data held does not show both States party to %(code)s on "
                        "%(date)s; choose another basis or check the depositary's record."
                    )
                    % {"code": _instrument_title(code), "date": _day(date)},
                )
            )
        elif found.article and basis.get("article") != found.article:
            problems.append(
                Problem(
                    f"legal_basis.{index}.article",
                    WARNING,
                    _("The article on mutual legal assistance of %(code)s is article %(article)s.")
                    % {"code": found.title, "article": found.article},
                )
            )
    if not data.get("legal_basis") or not cited:
        if suggestions:
            listed = "; ".join(
                f"{s.title}" + (f", art. {s.article}" if s.article else "") for s in suggestions
            )
            problems.append(
                Problem(
                    "legal_basis",
                    INFO,
                    _("Both States are party to: %(list)s (treaty data held on %(date)s).")
                    % {"list": listed, "date": _day(date)},
                )
            )
        else:
            problems.append(
                Problem(
                    "legal_basis",
                    INFO,
                    _(
                        "The treaty data held shows no instrument against terrorism in force "
                        "for both States: consider a bilateral treaty or reciprocity."
                    ),
                )
            )
    authorities = authority_directory(user=None, state_code=requested, function="mla")
    language = data.get("language")
    from ctassist.mla.models import RequestedStateProfile

    profile = RequestedStateProfile.objects.filter(state__code=requested).first()
    accepted = list(profile.accepted_languages) if profile and profile.accepted_languages else []
    if not accepted and authorities:
        accepted = list(authorities[0].languages)
    if language and accepted and language not in accepted:
        problems.append(
            Problem(
                "language",
                WARNING,
                _(
                    "The central authority of %(state)s accepts requests in %(accepted)s: "
                    "translate the request."
                )
                % {
                    "state": _state_name(requested),
                    "accepted": ", ".join(language_name(code) for code in accepted),
                },
            )
        )
    if not authorities:
        problems.append(
            Problem(
                "requested_authority",
                INFO,
                _("No central authority of %(state)s is in the directory: check the address.")
                % {"state": _state_name(requested)},
            )
        )
    return problems


def request_check(data: Any) -> CheckResult:
    """Every problem of a request: shape first (field by field), then completeness,
    consistency and advice."""
    if not isinstance(data, dict):
        return CheckResult([Problem("(request)", ERROR, _("A request is a JSON object."))])
    shape = [
        Problem(".".join(str(p) for p in error.absolute_path) or "(request)", ERROR, error.message)
        for error in sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
    if shape:
        return CheckResult(shape)
    return CheckResult(_core(data) + _assistance(data) + _consistency(data) + _advice(data))
