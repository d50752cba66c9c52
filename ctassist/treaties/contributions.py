"""The treaties app's home card and section on the State page.

Registered in `TreatiesConfig.ready()`; see `ctassist.core.sections` and `ctassist.core.modules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.core.errors import NotFound
from ctassist.core.modules import Module, module_register
from ctassist.core.sections import Section, section_register
from ctassist.treaties.selectors import state_profile


def state_summary(request: HttpRequest, code: str) -> Mapping[str, Any] | None:
    """How many of the 19 instruments the State is party to today, by the records held; no
    section for a place that takes no part in treaties (a territory)."""
    try:
        profile = state_profile(code=code, as_of=timezone.localdate(), basis="deposit")
    except NotFound:
        return None
    return {"profile": profile}


def contributions_register() -> None:
    module_register(
        Module(
            app_label="treaties",
            url_name="treaties:instrument_list",
            title=_("Treaties"),
            summary=_("Adherence to the 19 universal instruments against terrorism."),
            order=20,
        )
    )
    section_register(
        Section(
            page="state",
            name="treaties.summary",
            order=100,
            template="treaties/_state_section.html",
            gather=state_summary,
        )
    )
