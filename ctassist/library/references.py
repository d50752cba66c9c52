"""Recognising references to the 19 instruments in free text.

A law or judgment names a convention by its full title ("International Convention for the
Suppression of the Financing of Terrorism"), by a short name ("Terrorist Financing Convention"),
or by year and kind ("the 1999 Convention", "la Convention de 1999"). The names come from the
treaties reference data and the translation catalogues, in the six languages; a year form is
recognised only where the year and the kind (convention, protocol, amendment) point to exactly
one instrument — "the 1988 Protocol" is ambiguous (Airports and Fixed Platforms) and is left alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class InstrumentName:
    code: str
    short_name: str
    full_title: str
    year: int


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    code: str


# How "<year> <kind>" is written in the languages where the year form is common.
_YEAR_FORMS: dict[str, tuple[str, ...]] = {
    "convention": (
        "{year} Convention",
        "Convention of {year}",
        "Convention de {year}",
        "Convenio de {year}",
        "Convención de {year}",
        "Конвенция {year} года",
        "Конвенции {year} года",
        "{year}年公约",
        "اتفاقية عام {year}",
        "اتفاقية {year}",
    ),
    "protocol": (
        "{year} Protocol",
        "Protocol of {year}",
        "Protocole de {year}",
        "Protocolo de {year}",
        "Протокол {year} года",
        "{year}年议定书",
        "بروتوكول عام {year}",
        "بروتوكول {year}",
    ),
}


def _kind(short_name: str) -> str:
    lowered = short_name.lower()
    if "amendment" in lowered:
        return "amendment"
    if "protocol" in lowered:
        return "protocol"
    return "convention"


def _names_for(instrument: InstrumentName) -> set[str]:
    names = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for text in (
                translation.gettext(instrument.full_title),
                translation.gettext(instrument.short_name),
            ):
                names.add(text)
                without_year = re.sub(rf"\s*{instrument.year}\s*(年)?$", "", text).strip()
                if len(without_year) > 12:  # "CPPNM" alone is too short to be safe
                    names.add(without_year)
    return {n for n in names if len(n) >= 8}


# Words one of which nearly every name of an instrument contains; a text with none of them (or of
# the names that lack them) cannot mention an instrument, which spares the full pattern.
_ANCHORS = (
    "convention",
    "convenio",
    "convención",
    "protocol",
    "amendment",
    "amendement",
    "enmienda",
    "конвенц",
    "протокол",
    "поправк",
    "公约",
    "议定书",
    "修正",
    "اتفاقية",
    "بروتوكول",
    "تعديل",
)


@lru_cache(maxsize=8)
def _anchors(instruments: tuple[InstrumentName, ...]) -> tuple[str, ...]:
    _pattern, by_name = _matcher(instruments)
    extra = {name for name in by_name if not any(anchor in name for anchor in _ANCHORS)}
    return _ANCHORS + tuple(sorted(extra))


@lru_cache(maxsize=8)
def _matcher(instruments: tuple[InstrumentName, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    by_name: dict[str, str] = {}
    for instrument in instruments:
        for name in _names_for(instrument):
            by_name.setdefault(_key(name), instrument.code)
    by_year_kind: dict[tuple[int, str], list[str]] = defaultdict(list)
    for instrument in instruments:
        by_year_kind[(instrument.year, _kind(instrument.short_name))].append(instrument.code)
    for (year, kind), codes in by_year_kind.items():
        if len(codes) != 1:
            continue
        for form in _YEAR_FORMS.get(kind, ()):
            by_name.setdefault(_key(form.format(year=year)), codes[0])
    alternatives = sorted(by_name, key=len, reverse=True)
    if not alternatives:
        return re.compile(r"(?!x)x"), by_name  # nothing to recognise: never matches
    pattern = "|".join(
        r"\s+".join(re.escape(word).replace("'", "['’]") for word in n.split(" "))
        for n in alternatives
    )
    # A name is a whole phrase where words have spaces: not glued to a Latin or Cyrillic letter
    # or a digit. Arabic proclitics (و، ل، ب) and Chinese, which has no spaces, may touch it.
    edge = "A-Za-z0-9\u00c0-\u024f\u0400-\u04ff"
    return re.compile(rf"(?<![{edge}])(?:{pattern})(?![{edge}])", re.IGNORECASE), by_name


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


def instrument_names() -> tuple[InstrumentName, ...]:
    from ctassist.treaties.models import Instrument

    return tuple(
        InstrumentName(i.code, i.short_name, i.full_title, i.adoption_date.year)
        for i in Instrument.objects.order_by("seq")
    )


def instrument_mentions(
    text: str, instruments: tuple[InstrumentName, ...] | None = None
) -> list[Mention]:
    """Every recognised reference to an instrument in `text`, left to right, longest name first
    where names overlap."""
    if not text:
        return []
    chosen = instruments if instruments is not None else instrument_names()
    folded = text.replace("’", "'").casefold()
    if not any(anchor in folded for anchor in _anchors(chosen)):
        return []
    pattern, by_name = _matcher(chosen)
    return [Mention(m.start(), m.end(), by_name[_key(m.group(0))]) for m in pattern.finditer(text)]


def mentioned_codes(texts: Iterable[str], instruments: tuple[InstrumentName, ...]) -> list[str]:
    found: dict[str, None] = {}
    for text in texts:
        for mention in instrument_mentions(text, instruments):
            found.setdefault(mention.code)
    return list(found)


def text_with_instrument_links(text: str, url_for: dict[str, str]) -> SafeString:
    """HTML of `text` (escaped, paragraphs kept) with each recognised instrument reference
    linked to its page; `url_for` maps instrument code to URL."""
    parts: list[str] = []
    position = 0
    for mention in instrument_mentions(text):
        url = url_for.get(mention.code)
        if url is None:
            continue
        parts.append(escape(text[position : mention.start]))
        parts.append(
            f'<a href="{escape(url)}" class="instrument-ref" data-instrument="{mention.code}">'
            f"{escape(text[mention.start : mention.end])}</a>"
        )
        position = mention.end
    parts.append(escape(text[position:]))
    html = "".join(parts)
    paragraphs = [p.replace("\n", "<br>") for p in re.split(r"\n{2,}", html) if p.strip()]
    return mark_safe("".join(f"<p>{p}</p>" for p in paragraphs))  # noqa: S308 - escaped above
