from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrisonsConfig(AppConfig):
    name = "ctassist.prisons"
    label = "prisons"
    verbose_name = _("Prisons")

    def ready(self) -> None:
        from ctassist.prisons.contributions import contributions_register

        contributions_register()
