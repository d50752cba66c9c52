from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.access import Role


class User(AbstractUser):
    """A person who signs in. `role` says what they may do; `countries` where (see core.access)."""

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PRACTITIONER)
    countries = models.ManyToManyField(
        "geo.State", blank=True, related_name="users", verbose_name=_("countries in scope")
    )
    organisation = models.CharField(max_length=200, blank=True)

    audit_reads: ClassVar[bool] = True

    class Meta:
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="public"),
                name="accounts_user_role_not_public",
            ),
        ]


class ApiToken(models.Model):
    """An API token. Only its SHA-256 digest is stored; the token itself is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, default="cli")
    prefix = models.CharField(max_length=12, help_text=_("first characters, to recognise it"))
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(help_text=_("after this moment the token is refused"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_why = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"
