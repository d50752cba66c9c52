from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TravelConfig(AppConfig):
    name = "ctassist.travel"
    label = "travel"
    verbose_name = _("Travel data (API and PNR)")

    def ready(self) -> None:
        from ctassist.travel.contributions import contributions_register

        contributions_register()
