from django.contrib import admin

from ctassist.geo.models import Region, State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name_en", "kind", "region", "subregion")
    list_filter = ("kind", "region")
    search_fields = ("code", "name_en", "aliases__alias")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("m49", "name_en", "level", "parent")
