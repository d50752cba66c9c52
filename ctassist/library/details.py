"""A record's type-specific details as a reader sees them: each known field under a translated
label, coded values (a verdict, a stage, a crime type, an instrument) in words, free text kept as
written (in the record's language)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ctassist.core.languages import language_name

LABELS: dict[str, str | Promise] = {
    "court": _("Court"),
    "ecli": _("ECLI"),
    "stage": _("Stage"),
    "defendants_count": _("Number of defendants"),
    "charges": _("Charges"),
    "facts": _("Facts"),
    "commentary": _("Commentary"),
    "legislation": _("Legislation applied"),
    "official_number": _("Official number"),
    "adopted_by": _("Adopted by"),
    "period_start": _("Period from"),
    "period_end": _("Period to"),
    "creator": _("Authors"),
    "publisher": _("Publisher"),
    "subject": _("Subjects"),
    "format": _("Format"),
    "identifier": _("Identifier"),
    "rights": _("Rights"),
    "research_method": _("Research method"),
    "sections": _("Sections"),
    "function": _("Function"),
    "body": _("Body"),
    "languages": _("Languages"),
    "channels": _("Channels"),
    "contacts": _("Contacts"),
    "last_verified": _("Last verified"),
}
VALUES: dict[str, dict[str, str | Promise]] = {
    "stage": {
        "investigation": _("investigation"),
        "pre_trial": _("pre-trial"),
        "first_instance": _("first instance"),
        "appeal": _("appeal"),
        "cassation": _("cassation"),
        "other": _("other"),
    },
    "channels": {
        "central_authority": _("central authority"),
        "diplomatic": _("diplomatic channels"),
        "direct": _("direct transmission"),
        "interpol": _("INTERPOL"),
    },
    "verdict": {
        "convicted": _("convicted"),
        "acquitted": _("acquitted"),
        "dismissed": _("dismissed"),
        "discharged": _("discharged"),
        "pending": _("pending"),
    },
}
CONTACT_KINDS: dict[str, str | Promise] = {
    "email": _("e-mail"),
    "phone": _("telephone"),
    "fax": _("fax"),
    "address": _("address"),
    "web": _("website"),
}
# Free text the record's author wrote: shown in the record's language.
TEXT_FIELDS = {"facts", "commentary", "court", "publisher", "rights", "research_method"}


@dataclass(frozen=True)
class DetailRow:
    label: str
    value: str
    authored: bool  # written by the record's author, in the record's language


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_text(v) for v in value.values())
    return "" if value is None else str(value)


def _charge(charge: dict[str, Any], terms: dict[str, str], instruments: dict[str, str]) -> str:
    parts = [str(charge.get("offence", ""))]
    verdict = charge.get("verdict")
    if verdict:
        parts.append(str(VALUES["verdict"].get(verdict, verdict)))
    if charge.get("crime_type"):
        parts.append(terms.get(charge["crime_type"], charge["crime_type"]))
    if charge.get("instrument"):
        parts.append(instruments.get(charge["instrument"], charge["instrument"]))
    if charge.get("sentence"):
        parts.append(str(charge["sentence"]))
    return " — ".join(part for part in parts if part)


def detail_rows(details: dict[str, Any]) -> list[DetailRow]:
    from ctassist.library.models import Term
    from ctassist.treaties.models import Instrument

    terms = {t.code: str(t.name) for t in Term.objects.all()}
    instruments = {i.code: str(i.title) for i in Instrument.objects.all()}
    rows = []
    for key, value in (details or {}).items():
        label = str(LABELS.get(key, key.replace("_", " ").capitalize()))
        if key == "charges" and isinstance(value, list):
            text = "; ".join(_charge(c, terms, instruments) for c in value if isinstance(c, dict))
        elif key == "sections" and isinstance(value, list):
            text = "; ".join(str(s.get("title", "")) for s in value if isinstance(s, dict))
        elif key in VALUES and isinstance(value, str):
            text = str(VALUES[key].get(value, value))
        elif key in VALUES and isinstance(value, list):
            text = "; ".join(str(VALUES[key].get(v, v)) for v in value)
        elif key == "languages" and isinstance(value, list):
            text = ", ".join(language_name(str(code)) for code in value)
        elif key == "contacts" and isinstance(value, list):
            text = "; ".join(
                f"{CONTACT_KINDS.get(c.get('kind', ''), c.get('kind', ''))}: {c.get('value', '')}"
                for c in value
                if isinstance(c, dict)
            )
        else:
            text = _text(value)
        rows.append(DetailRow(label, text, key in TEXT_FIELDS or key == "charges"))
    return rows
