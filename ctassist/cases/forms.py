"""Forms of the case pages. They parse and show errors; the rules are in `services.py`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ctassist.cases.models import CaseFile, Charge, Evidence, Person, ReviewItem, Stage, Unit
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument

DATE = forms.DateInput(attrs={"type": "date"})


class CaseOpenForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    title = forms.CharField(label=_("Title"), max_length=300)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices[:-1])
    offence_date = forms.DateField(
        label=_("Date of the alleged offence"), required=False, widget=DATE
    )
    prosecution_ref = forms.CharField(label=_("Prosecution number"), required=False, max_length=80)
    police_ref = forms.CharField(label=_("Police number"), required=False, max_length=80)
    court_ref = forms.CharField(label=_("Court number"), required=False, max_length=80)
    facts = forms.CharField(
        label=_("Facts"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units])


class CaseEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=300)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices[:-1])
    offence_date = forms.DateField(
        label=_("Date of the alleged offence"), required=False, widget=DATE
    )
    prosecution_ref = forms.CharField(label=_("Prosecution number"), required=False, max_length=80)
    police_ref = forms.CharField(label=_("Police number"), required=False, max_length=80)
    court_ref = forms.CharField(label=_("Court number"), required=False, max_length=80)
    facts = forms.CharField(
        label=_("Facts"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    FIELDS = (
        "title",
        "stage",
        "offence_date",
        "prosecution_ref",
        "police_ref",
        "court_ref",
        "facts",
    )

    @classmethod
    def for_case(
        cls, case: CaseFile, data: Any = None, *, prefix: str | None = None
    ) -> CaseEditForm:
        initial = {name: getattr(case, name) for name in cls.FIELDS}
        return cls(data, initial={**initial, "version": case.version}, prefix=prefix)

    def changes(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in self.FIELDS
            if self.cleaned_data[name] != self.initial.get(name)
        }


class CaseCloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Close as"),
        choices=[(CaseFile.Status.CLOSED, _("closed")), (CaseFile.Status.ARCHIVED, _("archived"))],
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class PersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Person.Role.choices)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    sex = forms.ChoiceField(label=_("Sex"), choices=Person.Sex.choices)
    nationality = forms.ModelChoiceField(
        label=_("Nationality"),
        queryset=State.objects.filter(kind__in=["member", "observer", "other"]),
        required=False,
        to_field_name="code",
    )
    protection_measures = forms.BooleanField(label=_("Protection measures"), required=False)
    protection_note = forms.CharField(label=_("Protection note"), required=False, max_length=300)


class CustodyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    detention = forms.ChoiceField(label=_("Detention"), choices=Person.Detention.choices)
    detention_place = forms.CharField(label=_("Place"), required=False, max_length=200)
    custody_start = forms.DateField(label=_("Custody since"), required=False, widget=DATE)
    last_review = forms.DateField(label=_("Last judicial review"), required=False, widget=DATE)


class ChargeForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    offence = forms.CharField(label=_("Offence"), max_length=300)
    instrument = forms.ModelChoiceField(
        label=_("Instrument offence"),
        queryset=Instrument.objects.all(),
        required=False,
        to_field_name="code",
    )


class OutcomeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    disposition = forms.ChoiceField(label=_("Outcome"), choices=Charge.Disposition.choices)
    on = forms.DateField(label=_("Date"), widget=DATE)
    sentence = forms.CharField(label=_("Sentence"), required=False, max_length=300)
    appealed = forms.BooleanField(label=_("Appealed"), required=False)


class HearingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    court = forms.CharField(label=_("Court"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), required=False, max_length=200)


class EvidenceForm(forms.Form):
    number = forms.CharField(label=_("Exhibit number"), max_length=40)
    description = forms.CharField(label=_("Description"), max_length=400)
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    origin = forms.ChoiceField(label=_("Origin"), choices=Evidence.Origin.choices)
    holder = forms.CharField(label=_("Held by"), max_length=200)
    file = forms.FileField(label=_("File"), required=False)
    admissibility_note = forms.CharField(
        label=_("Admissibility note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TransferForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    to_holder = forms.CharField(label=_("Hand over to"), max_length=200)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("To"), required=False, widget=DATE)

    def period(self) -> tuple[Any, Any]:
        """The chosen period; by default the twelve months to today."""
        import datetime as dt

        from django.utils import timezone

        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or end - dt.timedelta(days=365)
        return start, end


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("Finding"), choices=ReviewItem.Outcome.choices)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
