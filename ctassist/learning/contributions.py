"""What learning adds to shared pages: its home card, and on the State page how many of that
State's practitioners registered on the platform and how many were trained — counts only, no
names (`None` when it has none).

Registered in `LearningConfig.ready()`; see `ctassist.core.sections` and `ctassist.core.modules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ctassist.core.modules import Module, module_register
from ctassist.core.sections import Section, everyone, section_register
from ctassist.learning.selectors import state_learning


def state_learning_section(request: HttpRequest, code: str) -> Mapping[str, Any] | None:
    found = state_learning(country_code=code)
    if found is None:
        return None
    return {"learning": found}


def contributions_register() -> None:
    module_register(
        Module(
            app_label="learning",
            url_name="learning:catalogue",
            title=_("Learning"),
            summary=_(
                "Online courses in the six languages with certificates, and webinars with "
                "their attendance, for practitioners who register."
            ),
            order=90,
        )
    )
    section_register(
        Section(
            page="state",
            name="learning.practitioners",
            order=380,
            template="learning/_state_section.html",
            gather=state_learning_section,
            visible=everyone,
        )
    )
