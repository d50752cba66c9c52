from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ctassist.accounts.models import ApiToken, User


@admin.register(User)
class PlatformUserAdmin(UserAdmin):  # type: ignore[type-arg]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("ctassist", {"fields": ("role", "countries", "organisation")}),
    )  # type: ignore[misc]
    list_display = ("username", "role", "is_active")
    filter_horizontal = ("countries",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("prefix", "name", "user", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")
