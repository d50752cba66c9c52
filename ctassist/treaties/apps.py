from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatiesConfig(AppConfig):
    name = "ctassist.treaties"
    label = "treaties"
    verbose_name = _("Treaties")

    def ready(self) -> None:
        from ctassist.treaties.contributions import contributions_register

        contributions_register()
