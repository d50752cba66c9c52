"""Web forms for prisons: they parse and show errors; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.geo.models import State
from ctassist.prisons.models import (
    Assessment,
    Cell,
    Enrolment,
    Incident,
    Instrument,
    Intervention,
    InterventionKind,
    Level,
    Prison,
    Sex,
)


class DateInput(forms.DateInput):
    input_type = "date"


class UserTextSelect(forms.Select):
    """A choice among records (cells, prisons, programmes): their names are data typed by
    users, not the interface, so each option is marked as such (class `user-text`)."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["attrs"]["class"] = "user-text"
        return option


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), initial=timezone.localdate)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name or number"), max_length=200, required=False)


class AdmitForm(forms.Form):
    number = forms.CharField(label=_("Prisoner number"), max_length=40)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput(), required=False)
    nationality = forms.ModelChoiceField(
        label=_("Nationality"),
        queryset=State.objects.filter(kind__in=["member", "observer"]).order_by("code"),
        to_field_name="code",
        required=False,
    )
    admitted_on = _date(_("Admitted on"))


class CellChoiceField(forms.ModelChoiceField[Cell]):
    def label_from_instance(self, obj: Cell) -> str:
        return f"{obj.unit.code}/{obj.code} — {obj.unit.name} ({obj.capacity})"


class HouseForm(forms.Form):
    cell = CellChoiceField(
        label=_("Cell"), queryset=Cell.objects.none(), empty_label=None, widget=UserTextSelect
    )
    on = _date(_("From"))
    reason = forms.CharField(
        label=_("Reason for this housing decision"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, cells: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cell"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = cells


class LeaveForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Movement"), choices=[("transfer", _("transfer")), ("release", _("release"))]
    )
    to = forms.ModelChoiceField(
        label=_("To prison"), queryset=Prison.objects.none(), required=False
    )
    on = _date(_("On"))
    reason = forms.CharField(label=_("Reason"), max_length=1000, required=False)

    def __init__(self, *args: Any, prisons: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = prisons


class IncidentForm(forms.Form):
    occurred_on = _date(_("Occurred on"))
    kind = forms.ChoiceField(label=_("Kind of incident"), choices=Incident.Kind.choices)
    description = forms.CharField(
        label=_("What happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class EnrolForm(forms.Form):
    intervention = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Intervention.objects.none(),
        empty_label=None,
        widget=UserTextSelect,
    )
    enrolled_on = _date(_("Enrolled on"))

    def __init__(self, *args: Any, interventions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["intervention"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = interventions


class AttendanceForm(forms.Form):
    on = _date(_("Session of"))
    present = forms.ChoiceField(
        label=_("Attendance"), choices=[("yes", _("present")), ("no", _("absent"))]
    )


class EnrolmentEndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in Enrolment.Outcome.choices if c[0] != Enrolment.Outcome.ONGOING],
    )
    ended_on = _date(_("Ended on"))
    note = forms.CharField(label=_("Note on the outcome"), max_length=1000, required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("approve")), ("return", _("return to the assessor"))],
    )
    reason = forms.CharField(
        label=_("Reason (required to return)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def rating_field_name(code: str) -> str:
    return "rating_" + code.replace(".", "__")


class AssessmentForm(forms.Form):
    """One select per item (the instrument's scale), with evidence and source; the level the
    assessor decides and the reason where it differs from the suggestion."""

    trigger = forms.ChoiceField(label=_("Why this assessment"), choices=Assessment.Trigger.choices)
    assessed_on = _date(_("Assessed on"))

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items: list[tuple[Any, str]] = []
        for domain in instrument.domains.all():
            for item in domain.items.all():
                code = f"{domain.code}.{item.code}"
                name = rating_field_name(code)
                self.fields[name] = forms.TypedChoiceField(
                    label=item.text,
                    choices=[(v, f"{v} — {label}") for v, label in item.scale.points],
                    coerce=int,
                )
                self.fields[name + "_evidence"] = forms.CharField(
                    label=_("Evidence"), max_length=4000, required=False
                )
                self.fields[name + "_source"] = forms.CharField(
                    label=_("Source"), max_length=300, required=False
                )
                self.items.append((item, code))
        self.fields["level"] = forms.ChoiceField(label=_("Level you decide"), choices=Level.choices)
        self.fields["override_reason"] = forms.CharField(
            label=_("Reason, if your level differs from the suggested one"),
            max_length=4000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields["summary"] = forms.CharField(
            label=_("Summary"), max_length=4000, required=False, widget=forms.Textarea({"rows": 2})
        )
        self.fields["next_review_on"] = forms.DateField(
            label=_("Next review (empty: by the instrument's rule)"),
            widget=DateInput(),
            required=False,
        )
        self.fields["needs"] = forms.MultipleChoiceField(
            label=_("Needs found"),
            choices=InterventionKind.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def domains(self) -> list[tuple[Any, list[tuple[Any, Any, Any]]]]:
        """For the template: each domain with its items' three fields."""
        grouped: dict[Any, list[tuple[Any, Any, Any]]] = {}
        for item, code in self.items:
            name = rating_field_name(code)
            grouped.setdefault(item.domain, []).append(
                (self[name], self[name + "_evidence"], self[name + "_source"])
            )
        return list(grouped.items())
