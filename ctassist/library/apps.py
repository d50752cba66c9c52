from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "ctassist.library"
    label = "library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from ctassist.library.contributions import contributions_register

        contributions_register()
