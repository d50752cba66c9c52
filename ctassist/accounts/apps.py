from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ctassist.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from ctassist.accounts.models import User
        from ctassist.accounts.services import tokens_follow_the_account

        pre_save.connect(tokens_follow_the_account, sender=User, dispatch_uid="tokens-follow")
