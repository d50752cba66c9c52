"""What technical assistance adds to shared pages: the home card.

Registered in `AssistanceConfig.ready()`; see `ctassist.core.sections` and `ctassist.core.modules`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctassist.core.modules import Module, module_register


def contributions_register() -> None:
    module_register(
        Module(
            app_label="assistance",
            url_name="assistance:dashboard",
            title=_("Technical assistance"),
            summary=_("Activities, participants, results and the periodic report."),
            order=40,
        )
    )
