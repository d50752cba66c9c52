"""A request, merged into a document ready for signature: DOCX (python-docx) or PDF
(WeasyPrint from the same sections as HTML), headings in the request's language."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ctassist.core.documents import docx_bytes, docx_document, pdf_from_html

Block = tuple[str, Any]  # ("p", text) | ("dl", [(label, value)]) | ("ul", [text])


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)


def _state_name(code: str | None) -> str:
    from ctassist.geo.models import State

    state = State.objects.filter(code=code).first() if code else None
    return state.name if state else (code or "")


def _instrument_title(code: str) -> str:
    from ctassist.treaties.models import Instrument

    found = Instrument.objects.filter(code=code).first()
    return found.full_title_translated if found else code


def assistance_label(kind: str) -> str:
    labels = {
        "witness_statement": _("Taking a witness statement"),
        "suspect_statement": _("Hearing a suspect"),
        "service_of_documents": _("Service of documents"),
        "search_and_seizure": _("Search and seizure"),
        "banking_records": _("Banking and business records"),
        "freezing": _("Freezing of assets"),
        "confiscation": _("Confiscation and asset sharing"),
        "stored_data": _("Stored electronic data"),
        "real_time_collection": _("Real-time collection of data"),
        "videoconference": _("Hearing by videoconference"),
        "temporary_transfer": _("Temporary transfer of a detained person"),
        "transfer_of_proceedings": _("Transfer of proceedings"),
        "joint_investigation_team": _("Joint investigation team"),
        "controlled_delivery": _("Controlled delivery"),
    }
    return labels.get(kind, kind)


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def date_text(value: Any) -> str:
    """A date of the request (ISO in the JSON) as the request's language writes it: "12 mars
    2020", "12 March 2020", "2020年3月12日"; anything else as it is (call inside
    translation.override)."""
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return "" if value is None else str(value)


def _value(value: Any, persons: list[dict[str, Any]]) -> str:
    if isinstance(value, str):
        return date_text(value)
    if isinstance(value, list):
        return "; ".join(_value(v, persons) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v, persons)}" for k, v in value.items())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def request_sections(data: dict[str, Any]) -> list[Section]:
    """The request as numbered sections, in the active language (call inside
    translation.override)."""
    persons = data.get("persons") or []
    authority = data.get("requesting_authority") or {}
    contact = authority.get("contact") or {}
    sections = [
        Section(
            _("Requesting authority"),
            [
                (
                    "dl",
                    [
                        (_("Authority"), authority.get("name", "")),
                        (_("Address"), authority.get("address", "")),
                        (_("Case reference"), authority.get("case_reference", "")),
                        (
                            _("Contact"),
                            ", ".join(
                                v
                                for v in (
                                    contact.get("name"),
                                    contact.get("position"),
                                    contact.get("email"),
                                    contact.get("phone"),
                                    contact.get("office_hours"),
                                    contact.get("time_zone"),
                                )
                                if v
                            ),
                        ),
                    ],
                )
            ],
        ),
        Section(
            _("Requested authority and channel"),
            [
                (
                    "dl",
                    [
                        (_("Requested authority"), data.get("requested_authority", "")),
                        (_("Channel"), str(data.get("channel", "")).replace("_", " ")),
                    ],
                )
            ],
        ),
    ]
    bases = []
    for basis in data.get("legal_basis") or []:
        if basis.get("type") == "instrument":
            article = f", {_('article')} {basis['article']}" if basis.get("article") else ""
            bases.append(_instrument_title(basis.get("instrument", "")) + article)
        elif basis.get("type") == "reciprocity":
            bases.append(_("Reciprocity") + (f": {basis['text']}" if basis.get("text") else ""))
        else:
            bases.append(basis.get("text", ""))
    sections.append(Section(_("Legal basis"), [("ul", bases)]))
    proceedings = data.get("proceedings") or {}
    sections.append(
        Section(
            _("Nature and stage of the proceedings"),
            [
                (
                    "dl",
                    [
                        (_("Nature"), proceedings.get("nature", "")),
                        (_("Stage"), proceedings.get("stage", "")),
                        (_("Conducted by"), proceedings.get("conducted_by", "")),
                    ],
                )
            ],
        )
    )
    if data.get("facts"):
        sections.append(Section(_("Summary of the facts"), [("p", data["facts"])]))
    offences: list[Block] = []
    for offence in data.get("offences") or []:
        offences.append(
            (
                "dl",
                [
                    (_("Offence"), offence.get("name", "")),
                    (_("Provision"), offence.get("provision", "")),
                    (_("Text"), offence.get("text", "")),
                    (_("Maximum penalty"), offence.get("penalty", "")),
                ],
            )
        )
    if offences:
        sections.append(Section(_("Offences"), offences))
    people: list[Block] = []
    for person in persons:
        people.append(
            (
                "dl",
                [
                    (_("Role"), person.get("role", "")),
                    (_("Name"), person.get("name", "")),
                    (_("Date of birth"), date_text(person.get("date_of_birth", ""))),
                    (_("Nationality"), _state_name(person.get("nationality"))),
                    (_("Address"), person.get("address", "")),
                    (_("Identifiers"), person.get("identifiers", "")),
                ],
            )
        )
    if people:
        sections.append(Section(_("Persons concerned"), people))
    sought: list[Block] = []
    for item in data.get("assistance") or []:
        details = dict(item.get("details") or {})
        for key in ("person", "account_holder"):
            index = details.get(key)
            if isinstance(index, int) and 0 <= index < len(persons):
                details[key] = persons[index].get("name", "")
        sought.append(("p", assistance_label(item.get("type", ""))))
        sought.append(
            (
                "dl",
                [(_("Purpose and link to the facts"), item.get("purpose", ""))]
                + [(k.replace("_", " "), _value(v, persons)) for k, v in details.items()],
            )
        )
    sections.append(Section(_("Assistance requested"), sought))
    if data.get("procedures"):
        sections.append(Section(_("Procedures to be followed"), [("p", data["procedures"])]))
    confidentiality = data.get("confidentiality") or {}
    sections.append(
        Section(
            _("Confidentiality"),
            [
                (
                    "p",
                    (
                        _("Confidentiality is requested.")
                        if confidentiality.get("required")
                        else _("No confidentiality is requested.")
                    )
                    + (f" {confidentiality['reason']}" if confidentiality.get("reason") else ""),
                )
            ],
        )
    )
    urgency = data.get("urgency") or {}
    if urgency.get("urgent"):
        sections.append(
            Section(
                _("Urgency"),
                [
                    (
                        "dl",
                        [
                            (_("Deadline"), urgency.get("deadline", "")),
                            (_("Reason"), urgency.get("reason", "")),
                        ],
                    )
                ],
            )
        )
    sections.append(Section(_("Use of the evidence"), [("p", data.get("use_limitation", ""))]))
    signature = data.get("signature") or {}
    sections.append(
        Section(
            _("Signature"),
            [
                (
                    "dl",
                    [
                        (_("Name"), signature.get("name", "")),
                        (_("Position"), signature.get("position", "")),
                        (
                            _("Place and date"),
                            f"{signature.get('place', '')}, {date_text(signature.get('date', ''))}",
                        ),
                    ],
                ),
                ("p", "\n\n______________________________"),
            ],
        )
    )
    if data.get("attachments"):
        sections.append(Section(_("Attachments"), [("ul", list(data["attachments"]))]))
    return sections


def _title_lines(data: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    status = (
        _("Follow-up to request %(ref)s") % {"ref": data.get("follow_up_of", "")}
        if data.get("status") == "follow_up"
        else _("New request")
    )
    return _("Request for mutual legal assistance in criminal matters"), [
        (_("Reference"), data.get("reference", "")),
        (_("Date"), date_text(data.get("date", ""))),
        (_("Status"), status),
        (_("From"), _state_name(data.get("requesting_state"))),
        (_("To"), _state_name(data.get("requested_state"))),
    ]


def request_docx(data: dict[str, Any]) -> bytes:
    language = data.get("language") or "en"
    with translation.override(language):
        document = docx_document(language=language)
        title, header = _title_lines(data)
        document.add_heading(title, level=0)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in header:
            row = table.add_row().cells
            row[0].text, row[1].text = label, str(value)
        for number, section in enumerate(request_sections(data), start=1):
            document.add_heading(f"{number}. {section.heading}", level=1)
            for kind, content in section.blocks:
                if kind == "p":
                    document.add_paragraph(content)
                elif kind == "ul":
                    for item in content:
                        document.add_paragraph(item, style="List Bullet")
                else:
                    for label, value in content:
                        if value:
                            paragraph = document.add_paragraph()
                            paragraph.add_run(f"{label}: ").bold = True
                            paragraph.add_run(str(value))
        return docx_bytes(document)


def request_html(data: dict[str, Any]) -> str:
    language = data.get("language") or "en"
    with translation.override(language):
        title, header = _title_lines(data)
        return render_to_string(
            "mla/request_document.html",
            {
                "language": language,
                "rtl": translation.get_language_bidi(),
                "title": title,
                "header": header,
                "sections": request_sections(data),
            },
        )


def request_pdf(data: dict[str, Any]) -> bytes:
    return pdf_from_html(request_html(data))
