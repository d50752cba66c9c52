"""What screening adds to shared pages: its home card, and on the State page how many people
of that nationality the current public lists designate.

Registered in `ScreeningConfig.ready()`; see `ctassist.core.sections` and `ctassist.core.modules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ctassist.core.modules import Module, module_register
from ctassist.core.sections import Section, section_register
from ctassist.geo.selectors import state_get
from ctassist.screening.selectors import designations_by_nationality


def state_designations(request: HttpRequest, code: str) -> Mapping[str, Any] | None:
    state = state_get(code=code)
    if not state.iso2:
        return None
    counts = designations_by_nationality(iso2=state.iso2)
    if not counts:
        return None
    return {"state": state, "counts": sorted(counts.items())}


def contributions_register() -> None:
    module_register(
        Module(
            app_label="screening",
            url_name="screening:search",
            title=_("Sanctions screening"),
            summary=_(
                "Names checked against the UN Security Council Consolidated List and national "
                "watchlists, with every score explained and every hit reviewed."
            ),
            order=75,
        )
    )
    section_register(
        Section(
            page="state",
            name="screening.designations",
            order=350,
            template="screening/_state_section.html",
            gather=state_designations,
        )
    )
