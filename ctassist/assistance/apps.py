from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "ctassist.assistance"
    label = "assistance"
    verbose_name = _("Technical assistance")

    def ready(self) -> None:
        from ctassist.assistance.contributions import contributions_register

        contributions_register()
