"""Web forms for travel: they parse and show errors; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ctassist.travel.models import Hit, Unit


class PurposeForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose of this consultation (logged)"),
        max_length=300,
        help_text=_("For example: pre-arrival check of a referred traveller."),
    )


class ReceiveForm(forms.Form):
    file = forms.FileField(label=_("Message file (PAXLST, PNRGOV, JSON or CSV)"))
    unit = forms.ModelChoiceField(
        label=_("Received by"), queryset=Unit.objects.none(), to_field_name="code", empty_label=None
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[c for c in Hit.Decision.choices if c[0]]
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    departure_airports = forms.CharField(
        label=_("Journey starts at (airport codes)"), required=False, max_length=400
    )
    arrival_airports = forms.CharField(
        label=_("Journey ends at (airport codes)"), required=False, max_length=400
    )
    via_airports = forms.CharField(
        label=_("Passes through (airport codes)"), required=False, max_length=400
    )
    booked_within_hours = forms.IntegerField(
        label=_("Booked at most this many hours before departure"),
        required=False,
        min_value=1,
        max_value=24 * 365,
    )
    payment_kinds = forms.CharField(
        label=_("Form of payment (codes: CA cash, CC card, MS other)"),
        required=False,
        max_length=100,
    )
    one_way = forms.TypedChoiceField(
        label=_("One-way booking"),
        choices=[("", _("either")), ("yes", _("yes")), ("no", _("no"))],
        required=False,
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def criteria(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "departure_airports": data["departure_airports"],
            "arrival_airports": data["arrival_airports"],
            "via_airports": data["via_airports"],
            "booked_within_hours": data["booked_within_hours"],
            "payment_kinds": data["payment_kinds"],
            "one_way": data["one_way"],
        }


class RequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the identity is needed (the authority and the case)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
    )


class RequestDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("approve")), ("no", _("refuse"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
