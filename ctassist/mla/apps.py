from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MlaConfig(AppConfig):
    name = "ctassist.mla"
    label = "mla"
    verbose_name = _("International cooperation")

    def ready(self) -> None:
        from ctassist.mla.contributions import contributions_register

        contributions_register()
