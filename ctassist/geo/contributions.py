"""What the States app adds to shared pages: the home card.

Registered in `GeoConfig.ready()`; see `ctassist.core.sections` and `ctassist.core.modules`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctassist.core.modules import Module, module_register


def contributions_register() -> None:
    module_register(
        Module(
            app_label="geo",
            url_name="geo:state_list",
            title=_("States"),
            summary=_("Member States, observers and other treaty participants, by UN region."),
            order=10,
        )
    )
