"""Units and their members in Django's admin. Membership changes go through the same audited
service as the unit head's page and `ctassist cases members`."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ctassist.cases.memberships import membership_remove, membership_save
from ctassist.cases.models import Membership, Unit


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    fields = ("user", "is_head", "juvenile_access")
    readonly_fields = ("user", "is_head", "juvenile_access")
    can_delete = False
    show_change_link = True


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name", "kind", "country", "illustrative")
    search_fields = ("code", "name")
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "unit", "is_head", "juvenile_access")
    list_filter = ("unit", "is_head", "juvenile_access")
    search_fields = ("user__username", "unit__code")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("unit", "user") if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        saved = membership_save(
            actor=request.user,
            unit=obj.unit,
            username=obj.user.username,
            is_head=obj.is_head,
            juvenile_access=obj.juvenile_access,
        ).membership
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        membership_remove(actor=request.user, unit=obj.unit, username=obj.user.username)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and super().has_delete_permission(request, obj)
