"""The writer's forms, built from a step's field list; they read from and write into the
request document. Rules about what is missing live in `checks.py`, not here."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from ctassist.geo.models import State
from ctassist.mla.checks import legal_basis_suggestions
from ctassist.mla.models import (
    CHANNEL_LABELS,
    CentralAuthorityNotice,
    Facilitation,
    FocalPoint,
    Network,
    TrackedRequest,
    TrackingEvent,
)
from ctassist.mla.render import assistance_label
from ctassist.mla.request_format import ASSISTANCE_TYPES
from ctassist.mla.steps import (
    FieldSpec,
    Step,
    item_count,
    item_of,
    step_fields,
    value_at,
    value_set,
)
from ctassist.treaties.selectors import records_as_at


def _name(path: str) -> str:
    return path.replace(".", "__")


def _state_choices() -> list[tuple[str, str]]:
    states = State.objects.filter(kind__in=["member", "observer", "other"])
    return [("", "—"), *sorted(((s.code, s.name) for s in states), key=lambda c: c[1])]


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, step: Step, data: dict[str, Any], version: int, post: Any = None) -> None:
        super().__init__(post)
        self.step = step
        self.document = data
        self.specs = step_fields(step, data)
        self.initial["version"] = version
        persons = [
            (str(i), p.get("name") or f"#{i + 1}") for i, p in enumerate(data.get("persons") or [])
        ]
        for spec in self.specs:
            self.fields[_name(spec.path)] = self._field(spec, persons, data)
            self.initial[_name(spec.path)] = self._initial(spec, data)

    def _field(
        self, spec: FieldSpec, persons: list[tuple[str, str]], data: dict[str, Any]
    ) -> forms.Field:
        common: dict[str, Any] = {"label": spec.label, "required": False, "help_text": spec.help}
        if spec.kind == "textarea":
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
        if spec.kind == "lines":
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
        if spec.kind == "date":
            return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        if spec.kind == "bool":
            return forms.BooleanField(**common)
        if spec.kind == "select":
            return forms.ChoiceField(choices=[("", "—"), *spec.choices], **common)
        if spec.kind == "state":
            return forms.ChoiceField(choices=_state_choices(), **common)
        if spec.kind == "person":
            return forms.ChoiceField(choices=[("", "—"), *persons], **common)
        if spec.kind == "basis":
            return forms.MultipleChoiceField(
                choices=self._basis_choices(data),
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        return forms.CharField(**common)

    def _basis_choices(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        """The instruments the treaty module confirms in force for both States on the request
        date, then those it can neither confirm nor refute (marked, with the reason), then
        reciprocity; an instrument already cited stays offered."""
        choices: list[tuple[str, str]] = []
        requesting, requested = data.get("requesting_state"), data.get("requested_state")
        on = self._request_date(data)
        if requesting and requested:
            for s in legal_basis_suggestions(requesting, requested, on, with_unconfirmed=True):
                article = f", art. {s.article}" if s.article else ""
                label = f"{s.title}{article}"
                if not s.confirmed:
                    label += " — " + str(
                        _("cannot be confirmed from the treaty records: %(reason)s")
                        % {"reason": s.reason}
                    )
                choices.append((f"instrument:{s.instrument}:{s.article or ''}", label))
        for basis in data.get("legal_basis") or []:
            if basis.get("type") == "instrument":
                key = f"instrument:{basis.get('instrument')}:{basis.get('article', '')}"
                if key not in dict(choices):
                    choices.append((key, f"{basis.get('instrument')} {basis.get('article', '')}"))
        choices.append(("reciprocity", str(_("Reciprocity"))))
        return choices

    @staticmethod
    def _request_date(data: dict[str, Any]) -> dt.date:
        try:
            return dt.date.fromisoformat(data.get("date", ""))
        except ValueError:
            return dt.date.today()  # noqa: DTZ011 - a legal date, not a moment

    def basis_note(self) -> str:
        """Where the legal-basis options come from, on the basis step (empty elsewhere)."""
        if self.step.slug != "basis":
            return ""
        data = self.document
        if not (data.get("requesting_state") and data.get("requested_state")):
            return str(_("Name both States first: the options come from the treaty records."))
        on = date_format(self._request_date(data), "DATE_FORMAT")
        as_at = records_as_at()
        source = (
            _(
                "Instruments both States were party to on %(date)s, from the depositary records "
                "as at %(as_at)s."
            )
            % {"date": on, "as_at": date_format(as_at, "DATE_FORMAT")}
            if as_at
            else _("Instruments both States were party to on %(date)s, from the treaty records.")
            % {"date": on}
        )
        if not any(key.startswith("instrument:") for key, _label in self._basis_choices(data)):
            source += " " + str(_("No record shows an instrument in force for both States."))
        return str(source)

    def _initial(self, spec: FieldSpec, data: dict[str, Any]) -> Any:
        value = value_at(data, spec.path)
        if spec.kind == "lines":
            return "\n".join(value) if isinstance(value, list) else value
        if spec.kind == "person":
            return "" if value is None else str(value)
        if spec.kind == "basis":
            keys = []
            for basis in value or []:
                if basis.get("type") == "instrument":
                    keys.append(f"instrument:{basis.get('instrument')}:{basis.get('article', '')}")
                elif basis.get("type") == "reciprocity":
                    keys.append("reciprocity")
            return keys
        return value

    def updated_document(self) -> dict[str, Any]:
        """The request with this step's answers written in (the rest unchanged)."""
        document = copy.deepcopy(self.document)
        for spec in self.specs:
            raw = self.cleaned_data.get(_name(spec.path))
            if spec.kind == "lines":
                value: Any = [line.strip() for line in (raw or "").splitlines() if line.strip()]
            elif spec.kind == "date":
                value = raw.isoformat() if raw else None
            elif spec.kind == "person":
                value = int(raw) if raw not in (None, "") else None
            elif spec.kind == "basis":
                kept = [
                    b
                    for b in document.get("legal_basis") or []
                    if b.get("type") not in ("instrument", "reciprocity")
                ]
                for key in raw or []:
                    if key == "reciprocity":
                        kept.append({"type": "reciprocity"})
                    else:
                        _kind, code, article = key.split(":", 2)
                        kept.append(
                            {
                                "type": "instrument",
                                "instrument": code,
                                **({"article": article} if article else {}),
                            }
                        )
                value = kept
            elif spec.kind == "bool":
                value = bool(raw)
            else:
                value = (raw or "").strip() if isinstance(raw, str) or raw is None else raw
            value_set(document, spec.path, value)
        return document

    def field_name(self, path: str) -> str | None:
        name = _name(path)
        return name if name in self.fields else None

    def groups(self) -> list[dict[str, Any]]:
        """The fields as the page shows them: one group per item of a repeated step (offence,
        person, measure), with its legend, position and how many there are."""
        if self.step.repeat is None:
            return [{"legend": "", "index": None, "fields": list(self.visible_fields())}]
        count = item_count(self.step, self.document)
        groups: list[dict[str, Any]] = [
            {
                "legend": str(self.step.item_label) % {"n": index + 1},
                "index": index,
                "first": index == 0,
                "last": index == count - 1,
                "fields": [],
            }
            for index in range(count)
        ]
        for spec in self.specs:
            index = item_of(self.step, spec.path)
            if index is not None and index < count:
                groups[index]["fields"].append(self[_name(spec.path)])
        return groups


# --- Tracking, networks, notices -------------------------------------------------------------


class TrackingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *TrackedRequest.Status.choices]
    )
    state = forms.ChoiceField(label=_("State"), required=False, choices=_state_choices)
    overdue = forms.ChoiceField(
        label=_("Overdue"),
        required=False,
        choices=[("", "—"), ("yes", _("overdue only")), ("no", _("not overdue"))],
    )

    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[("", "—"), ("outgoing", _("outgoing")), ("incoming", _("incoming"))],
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        overdue = {"yes": True, "no": False}.get(self.cleaned_data["overdue"])
        return {
            "status": self.cleaned_data["status"] or None,
            "state": self.cleaned_data["state"] or None,
            "overdue": overdue,
            "direction": self.cleaned_data["direction"] or None,
        }


class TrackingNewForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=100)
    requesting_state = forms.ChoiceField(label=_("Requesting State"), choices=_state_choices)
    requested_state = forms.ChoiceField(label=_("Requested State"), choices=_state_choices)
    assistance_types = forms.MultipleChoiceField(
        label=_("Type of assistance"),
        required=False,
        choices=[(t, lazy(assistance_label, str)(t)) for t in ASSISTANCE_TYPES],
    )
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    sent_on = forms.DateField(
        label=_("Sent on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    facilitating_network = forms.ModelChoiceField(
        label=_("Facilitating network"),
        required=False,
        queryset=Network.objects.all(),
        to_field_name="code",
    )


class TrackingEventForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("What happened"), choices=TrackingEvent.Kind.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Note (the reason, for a refusal)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FacilitationForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Network"), queryset=Network.objects.all(), to_field_name="code"
    )
    action = forms.ChoiceField(label=_("What the network did"), choices=Facilitation.Action.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        cleaned = self.cleaned_data if self.is_valid() else {}
        return (cleaned.get("date_from") or dt.date(2000, 1, 1), cleaned.get("date_to") or today)


class NoticeDateForm(forms.Form):
    on = forms.DateField(
        label=_("Notices in force on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class FocalPointForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=_state_choices)
    function = forms.ChoiceField(label=_("Function"), choices=FocalPoint.Function.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))


class NoticeForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=CentralAuthorityNotice.Topic.choices)
    answer = forms.ChoiceField(label=_("Answer"), choices=CentralAuthorityNotice.Answer.choices)
    text = forms.CharField(
        label=_("Text of the notice"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    valid_from = forms.DateField(
        label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ProfileForm(forms.Form):
    """A requested-State profile as editors keep it (rules in services.profile_save)."""

    accepted_languages = forms.CharField(
        label=_("Accepted languages"),
        required=False,
        help_text=_("language codes separated by commas, e.g. fr, en"),
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(CHANNEL_LABELS.items()),
    )
    electronic_transmission = forms.NullBooleanField(
        label=_("Electronic transmission accepted"), required=False
    )
    double_criminality = forms.ChoiceField(label=_("Double criminality"), choices=[])
    use_limitations = forms.CharField(
        label=_("Use limitations"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, types: list[tuple[str, str]], **kwargs: Any) -> None:
        from ctassist.mla.models import RequestedStateProfile

        super().__init__(*args, **kwargs)
        field = self.fields["double_criminality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = RequestedStateProfile.DoubleCriminality.choices
        for kind, label in types:
            self.fields[f"requirement__{kind}"] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    @staticmethod
    def initial_from(profile: Any) -> dict[str, Any]:
        if profile is None:
            return {"double_criminality": "unknown"}
        return {
            "accepted_languages": ", ".join(profile.accepted_languages),
            "channels": profile.channels,
            "electronic_transmission": profile.electronic_transmission,
            "double_criminality": profile.double_criminality,
            "use_limitations": profile.use_limitations,
            **{f"requirement__{k}": v for k, v in (profile.special_requirements or {}).items()},
        }

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "accepted_languages": [
                code.strip().lower()
                for code in data["accepted_languages"].split(",")
                if code.strip()
            ],
            "channels": data["channels"],
            "electronic_transmission": data["electronic_transmission"],
            "double_criminality": data["double_criminality"],
            "use_limitations": data["use_limitations"].strip(),
            "special_requirements": {
                name.removeprefix("requirement__"): value.strip()
                for name, value in data.items()
                if name.startswith("requirement__") and value.strip()
            },
        }
