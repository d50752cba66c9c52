from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ctassist.geo.models import State
from ctassist.geo.services import EDITABLE_STATE_FIELDS


class StateNamesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name_ar = forms.CharField(label=_("Name in Arabic"), required=False, max_length=120)
    name_zh = forms.CharField(label=_("Name in Chinese"), required=False, max_length=120)
    name_en = forms.CharField(label=_("Name in English"), max_length=120)
    name_fr = forms.CharField(label=_("Name in French"), required=False, max_length=120)
    name_ru = forms.CharField(label=_("Name in Russian"), required=False, max_length=120)
    name_es = forms.CharField(label=_("Name in Spanish"), required=False, max_length=120)
    official_name_en = forms.CharField(
        label=_("Official name (English)"), required=False, max_length=200
    )

    def __init__(self, data: Any = None, *, instance_values: State) -> None:
        initial = {name: getattr(instance_values, name) for name in EDITABLE_STATE_FIELDS}
        initial["version"] = instance_values.version
        super().__init__(data, initial=initial)

    def changes(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[name]
            for name in EDITABLE_STATE_FIELDS
            if self.cleaned_data[name] != self.initial.get(name)
        }
