"""What evaluations add to shared pages: the home card.

Registered in `EvaluationsConfig.ready()`; see `ctassist.core.sections` and `ctassist.core.modules`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctassist.core.modules import Module, module_register


def contributions_register() -> None:
    module_register(
        Module(
            app_label="evaluations",
            url_name="evaluations:list",
            title=_("Evaluations"),
            summary=_("Independent evaluations and follow-up of their recommendations."),
            order=50,
        )
    )
