from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "ctassist.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        from ctassist.learning.contributions import contributions_register

        contributions_register()
