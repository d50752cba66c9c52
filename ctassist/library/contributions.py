"""The library's home card and sections on other apps' pages.

Registered in `LibraryConfig.ready()`; see `ctassist.core.sections` and `ctassist.core.modules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ctassist.core.modules import Module, module_register
from ctassist.core.sections import Section, section_register
from ctassist.library.selectors import records_for_country, records_for_instrument


def state_records(request: HttpRequest, code: str) -> Mapping[str, Any] | None:
    """A State's records by type, as far as the reader may see them."""
    grouped = records_for_country(user=request.user, code=code)
    return {"library": grouped} if grouped else None


def instrument_records(request: HttpRequest, code: str) -> Mapping[str, Any] | None:
    """National provisions implementing an instrument and records referring to it."""
    related = records_for_instrument(user=request.user, code=code)
    return {"library": related} if related["implementing"] or related["referring"] else None


def contributions_register() -> None:
    module_register(
        Module(
            app_label="library",
            url_name="library:search",
            title=_("Library"),
            summary=_("Legislation, case law, strategies, bibliography and competent authorities."),
            order=30,
        )
    )
    section_register(
        Section(
            page="state",
            name="library.records",
            order=200,
            template="library/_state_section.html",
            gather=state_records,
        )
    )
    section_register(
        Section(
            page="instrument",
            name="library.records",
            order=200,
            template="library/_instrument_section.html",
            gather=instrument_records,
        )
    )
