from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EevidenceConfig(AppConfig):
    name = "ctassist.eevidence"
    label = "eevidence"
    verbose_name = _("Electronic evidence")
