from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ctassist.geo.models import State
from ctassist.learning.models import Question, Sex


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=State.objects.filter(kind__in=["member", "observer"]).order_by("code"),
        to_field_name="code",
    )
    institution = forms.CharField(label=_("Institution"), max_length=200)
    function = forms.CharField(label=_("Function"), max_length=200)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason (when rejecting)"), max_length=500, required=False)


class GuestForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)


class AttendanceUploadForm(forms.Form):
    file = forms.FileField(label=_("Participant report (CSV or XLSX)"))


class QuizForm(forms.Form):
    """One radio group per question; the choices are course content (user text)."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"question-{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(c.pk, c.text) for c in question.choices.all()],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "user-text"}),
            )

    def answers(self) -> dict[int, int]:
        return {
            int(name.removeprefix("question-")): value for name, value in self.cleaned_data.items()
        }
