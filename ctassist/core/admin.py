from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ctassist.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: audit entries cannot be added, changed or deleted here."""

    list_display = ("at", "actor_label", "action", "model", "object_pk")
    list_filter = ("action", "model")
    search_fields = ("actor_label", "object_pk")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
