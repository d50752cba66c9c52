from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ctassist.library.models import Term
from ctassist.library.services import TERM_FIELDS, term_save


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The editable taxonomy. Saves go through the audited service, with version checks."""

    list_display = ("code", "scheme", "name_en", "name_fr", "name_ar", "version")
    list_filter = ("scheme",)
    search_fields = ("code", "name_en", "name_fr", "name_es", "name_ru", "name_ar", "name_zh")
    fields = ("scheme", "code", *TERM_FIELDS)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # terms are referenced by records: retire them by editing, not deleting

    def save_model(self, request: HttpRequest, obj: Term, form: Any, change: bool) -> None:
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            original = Term.objects.get(pk=obj.pk)
            term_save(
                actor=request.user,
                term=original,
                expected_version=original.version,
                changes=changes,
            )
        else:
            term_save(actor=request.user, term=obj, expected_version=None, changes={})
