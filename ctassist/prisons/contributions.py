"""What prisons adds to shared pages: its home card, and on the State page that State's
prisons with their population and places in use — only for users who may see their figures
(staff of those prisons; analysts in their country scope); `None` for everyone else.

Registered in `PrisonsConfig.ready()`; see `ctassist.core.sections` and `ctassist.core.modules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.core.modules import Module, module_register
from ctassist.core.sections import Section, section_register
from ctassist.prisons.selectors import state_prisons_for


def state_prisons(request: HttpRequest, code: str) -> Mapping[str, Any] | None:
    prisons = state_prisons_for(user=request.user, country_code=code, day=timezone.localdate())
    if prisons is None:
        return None
    return {"prisons": prisons}


def signed_in(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_authenticated", False))


def contributions_register() -> None:
    module_register(
        Module(
            app_label="prisons",
            url_name="prisons:home",
            title=_("Prisons"),
            summary=_(
                "Risk and needs assessment of violent extremist prisoners, classification "
                "reviewed by a second person, housing within capacity and separation rules, "
                "and the interventions that follow."
            ),
            order=85,
        )
    )
    section_register(
        Section(
            page="state",
            name="prisons.population",
            order=370,
            template="prisons/_state_section.html",
            gather=state_prisons,
            visible=signed_in,
        )
    )
