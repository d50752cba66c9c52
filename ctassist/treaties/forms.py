from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctassist.treaties.models import Instrument, ParticipationAction


class ActionForm(forms.Form):
    instrument_id = forms.ModelChoiceField(
        queryset=Instrument.objects.order_by("seq"), to_field_name="code", label=_("Instrument")
    )
    participant = forms.CharField(label=_("State (name or ISO code)"), max_length=200)
    action = forms.ChoiceField(choices=ParticipationAction.Kind.choices, label=_("Action"))
    date = forms.DateField(
        label=_("Date of signature or deposit"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    effective_date = forms.DateField(
        label=_("Date it took effect for the State"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    source_url = forms.URLField(
        label=_("Source (depositary notification)"), max_length=600, assume_scheme="https"
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def as_row(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "instrument_id": data["instrument_id"].code,
            "participant": data["participant"],
            "action": data["action"],
            "date": data["date"].isoformat() if data["date"] else "",
            "effective_date": data["effective_date"].isoformat() if data["effective_date"] else "",
            "source_url": data["source_url"],
            "status_as_at": "",
            "note": data["note"],
        }
