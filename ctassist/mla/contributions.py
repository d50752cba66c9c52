"""International cooperation's home card and section on the State page.

Registered in `MlaConfig.ready()`; see `ctassist.core.sections` and `ctassist.core.modules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ctassist.core.errors import NotFound
from ctassist.core.modules import Module, module_register
from ctassist.core.sections import Section, section_register
from ctassist.mla.selectors import notice_history, notice_is_current, profile_of


def state_cooperation(request: HttpRequest, code: str) -> Mapping[str, Any] | None:
    """The State's requested-State profile and its central-authority notices in force (both
    published guidance); nothing when neither is recorded."""
    try:
        _, notices = notice_history(state_code=code)
    except NotFound:
        return None
    profile = profile_of(state_code=code)
    current = [notice for notice in notices if notice_is_current(notice)]
    if profile is None and not notices:
        return None
    return {"code": code, "profile": profile, "current_notices": current, "notices": notices}


def contributions_register() -> None:
    module_register(
        Module(
            app_label="mla",
            url_name="mla:home",
            title=_("International cooperation"),
            summary=_(
                "Draft, check and track requests for mutual legal assistance; networks, "
                "central-authority notices and e-evidence requests to providers."
            ),
            order=60,
        )
    )
    section_register(
        Section(
            page="state",
            name="mla.cooperation",
            order=300,
            template="mla/_state_section.html",
            gather=state_cooperation,
        )
    )
