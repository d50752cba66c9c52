from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "ctassist.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from ctassist.cases.contributions import contributions_register

        contributions_register()
