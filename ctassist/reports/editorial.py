"""UN editorial rules for numbers in prose: whole numbers under ten in words, thousands with a
comma (English) or the language's separator, "per cent", and rounded figures said as "more
than 150" rather than a false precision. Pure functions, tested with hypothesis."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

_WORDS = {
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    "fr": ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
    "es": ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"),
}


def _locale() -> str:
    return (get_language() or "en").replace("-", "_").split("_")[0]


def _grouping_locale() -> str:
    from ctassist.treaties.paragraph import babel_locale

    return babel_locale()


def number_text(value: int) -> str:
    """A whole number as the UN writes it in running text: under ten in words (where the
    language's words are known), otherwise digits with the language's grouping."""
    language = _locale()
    if 0 <= value < 10 and language in _WORDS:
        return _WORDS[language][value]
    return format_decimal(value, locale=_grouping_locale())


def rounded_down(value: int) -> int:
    """The round number just below `value` for "more than …": tens under 100, fifties under
    1,000, hundreds under 10,000, thousands above."""
    if value < 10:
        return value
    step = 10 if value < 100 else 50 if value < 1_000 else 100 if value < 10_000 else 1_000
    return (value - 1) // step * step


def more_than(value: int) -> str:
    """ "more than 150" for 163; the exact number when it is small or already round."""
    floor = rounded_down(value)
    if value < 10 or floor == 0:
        return number_text(value)
    return pgettext("figure", "more than %(number)s") % {"number": number_text(floor)}


def per_cent(share: float) -> str:
    """ "27 per cent" (the UN writes "per cent", in words); a half rounds up (26.5 is 27, where
    Python's `round` would give the even 26)."""
    whole = int(Decimal(str(share)).quantize(Decimal(1), ROUND_HALF_UP))
    return _("%(number)s per cent") % {"number": number_text(whole)}
