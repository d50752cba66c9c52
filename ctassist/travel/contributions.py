"""What travel adds to shared pages: its home card, and on the State page the flights that the
reader's PIU of that State received in the last 30 days (only for its members; `None` for
everyone else, so the section is not shown).

Registered in `TravelConfig.ready()`; see `ctassist.core.sections` and `ctassist.core.modules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ctassist.core.modules import Module, module_register
from ctassist.core.sections import Section, section_register
from ctassist.travel.selectors import flights_received_count

DAYS = 30


def state_flights(request: HttpRequest, code: str) -> Mapping[str, Any] | None:
    count = flights_received_count(user=request.user, country_code=code, days=DAYS)
    if count is None:
        return None
    return {"flights": count, "days": DAYS}


def signed_in(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_authenticated", False))


def contributions_register() -> None:
    module_register(
        Module(
            app_label="travel",
            url_name="travel:flights",
            title=_("Travel data (API and PNR)"),
            summary=_(
                "Passenger and booking data from airlines checked against the lists and "
                "transparent risk rules; every hit reviewed by an officer, every consultation "
                "logged."
            ),
            order=80,
        )
    )
    section_register(
        Section(
            page="state",
            name="travel.flights",
            order=360,
            template="travel/_state_section.html",
            gather=state_flights,
            visible=signed_in,
        )
    )
