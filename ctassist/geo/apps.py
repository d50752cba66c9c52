from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "ctassist.geo"
    label = "geo"
    verbose_name = _("States and regions")

    def ready(self) -> None:
        from ctassist.geo.contributions import contributions_register

        contributions_register()
