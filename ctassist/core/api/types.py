"""Input types every API schema uses, so that the OpenAPI says exactly what is accepted."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from django.db.models import Choices
from pydantic import BeforeValidator, Field, WithJsonSchema

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    """A date is written YYYY-MM-DD; a number (which pydantic would read as seconds since
    1970) or any other spelling is refused."""
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("a date written YYYY-MM-DD")


IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date_only),
    WithJsonSchema({"type": "string", "format": "date"}),
]

# Patterns are written so that every engine reads them alike: the schema's readers (ECMA-262),
# pydantic (Rust) and Python disagree on what `\s` covers (U+0085, U+001C-U+001F, U+FEFF...), so
# spaces are listed.
SPACES = r"\s\x1c-\x1f\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# Text that must say something: at least one character that is not a space.
FilledText = Annotated[str, Field(min_length=1, pattern=f"[^{SPACES}]")]
# An http(s) address without spaces (non-ASCII allowed: real sources cite IRIs).
WebAddress = Annotated[
    str, Field(pattern=f"^https?://[^{SPACES}]+$", examples=["https://treaties.un.org/"])
]
# A State or participant by its code: ISO 3166 alpha-3 (`NGA`) or a longer code (`EURATOM`).
StateCode = Annotated[str, Field(pattern=r"^[A-Za-z]{3,12}$", examples=["NGA"])]
# A UN M49 area code (region, sub-region or intermediate region), three digits.
M49Code = Annotated[str, Field(pattern=r"^[0-9]{3}$", examples=["002"])]


def choice_of(choices: type[Choices]) -> Any:
    """A model's choices as an inline enum: as an Enum class, two `Kind`s or `Status`es of
    different models would share one component name in the OpenAPI, and one would be lost.
    Use it as a type alias: `StateKind = choice_of(State.Kind)`."""
    return Literal[tuple(choices.values)]
