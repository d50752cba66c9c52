from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "ctassist.screening"
    label = "screening"
    verbose_name = _("Sanctions screening")

    def ready(self) -> None:
        from ctassist.screening.contributions import contributions_register

        contributions_register()
