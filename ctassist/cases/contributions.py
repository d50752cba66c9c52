"""What cases add to shared pages: the home card.

Registered in `CasesConfig.ready()`; see `ctassist.core.sections` and `ctassist.core.modules`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctassist.core.modules import Module, module_register


def contributions_register() -> None:
    module_register(
        Module(
            app_label="cases",
            url_name="cases:dashboard",
            title=_("Cases"),
            summary=_("Case management and detention follow-up for prosecutors."),
            order=70,
        )
    )
