"""Web forms for screening: they parse and show errors; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ctassist.geo.models import State
from ctassist.screening.matching import DEFAULT_THRESHOLD
from ctassist.screening.models import Hit, SchemaChoice


class CheckForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=500)
    schema = forms.ChoiceField(
        label=_("Person or organisation"),
        choices=[("", _("either")), *SchemaChoice.choices],
        required=False,
    )
    birth_date = forms.RegexField(
        label=_("Date of birth (YYYY, YYYY-MM or YYYY-MM-DD)"),
        regex=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
        required=False,
        max_length=10,
    )
    nationality = forms.ModelChoiceField(
        label=_("Nationality"),
        queryset=State.objects.exclude(iso2="").order_by("name_en"),
        to_field_name="iso2",
        required=False,
        empty_label=_("not known"),
    )
    threshold = forms.FloatField(
        label=_("Threshold (0–1)"), min_value=0.0, max_value=1.0, initial=DEFAULT_THRESHOLD
    )
    country = forms.ModelChoiceField(
        label=_("Screening for"),
        queryset=State.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=None,
    )

    def __init__(self, *args: Any, states: list[State], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = State.objects.filter(pk__in=[s.pk for s in states]).order_by("name_en")
        if not states:
            del self.fields["country"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[c for c in Hit.Decision.choices if c[0]]
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
