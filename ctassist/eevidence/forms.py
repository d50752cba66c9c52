"""Web forms for e-evidence: they parse and show errors; the rules live in services/checks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ctassist.eevidence.models import DataCategory, DataRequest, ServiceProvider
from ctassist.eevidence.services import PROVIDER_FIELDS
from ctassist.geo.models import State


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=DataRequest.Kind.choices)
    requesting_state = forms.ModelChoiceField(
        label=_("Requesting State"), queryset=State.objects.none(), to_field_name="code"
    )
    provider = forms.ModelChoiceField(
        label=_("Service provider"), queryset=ServiceProvider.objects.order_by("name")
    )
    reference = forms.CharField(label=_("Reference"), max_length=80)
    requesting_authority = forms.CharField(label=_("Requesting authority"), required=False)
    identifiers = forms.CharField(
        label=_("Accounts or identifiers"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    categories = forms.MultipleChoiceField(
        label=_("Data sought"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    period_from = forms.DateField(
        label=_("Period from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_to = forms.DateField(
        label=_("Period to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    offence = forms.CharField(label=_("Offence under investigation"), required=False)
    facts = forms.CharField(
        label=_("Summary of the facts"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    emergency_reason = forms.CharField(
        label=_("The emergency (for an emergency disclosure)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, states: list[State], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["requesting_state"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = State.objects.filter(pk__in=[s.pk for s in states]).order_by("name_en")

    def request_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "reference",
                "requesting_authority",
                "identifiers",
                "categories",
                "period_from",
                "period_to",
                "offence",
                "facts",
                "emergency_reason",
            )
        }


class ProviderForm(forms.ModelForm):  # type: ignore[type-arg]
    portal_url = forms.URLField(
        label=_("Law-enforcement portal"), required=False, assume_scheme="https"
    )
    voluntary_categories = forms.MultipleChoiceField(
        label=_("Disclosed voluntarily, without MLA"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    verified_on = forms.DateField(
        label=_("Verified at the source on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = ServiceProvider
        fields = list(PROVIDER_FIELDS)
