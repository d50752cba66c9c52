"""Prison pages for staff: their prisons and a search (with exports), the prison head's
dashboard and admission, a prisoner's file with housing, movements, incidents and enrolments,
an assessment (new, its review, sent again), figures without names, the instruments. Thin:
parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctassist.core.errors import BrokenRule, PermissionDenied
from ctassist.core.exports import table_export
from ctassist.core.posted import date_param, posted_version
from ctassist.prisons import forms, selectors, services
from ctassist.prisons.models import InterventionKind, Prison, Prisoner
from ctassist.prisons.tables import prisoners_table


def _problems(form: Any, error: BrokenRule) -> None:
    """A refused change: each problem beside its field (else above the form)."""
    fields = [p.field for p in error.problems if p.field in form.fields]
    for field in dict.fromkeys(fields):
        form.add_error(field, error.message)
    if not fields:
        form.add_error(None, error.message)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    search = forms.SearchForm(request.GET or None)
    query = search.data.get("q", "") if search.is_valid() else ""
    found = selectors.prisoner_search_for(user=request.user, query=query) if query else []
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        found = selectors.prisoner_search_for(user=request.user, query=query)
        services.prisoners_export_logged(actor=request.user, prisoners=found, fmt=fmt)
        return table_export(**prisoners_table(found, exported_by=request.user), fmt=fmt)
    return render(
        request,
        "prisons/home.html",
        {
            "prisons": selectors.prisons_with_population(
                user=request.user, day=timezone.localdate()
            ),
            "search": search,
            "query": query,
            "found": found,
            "figures": selectors.figures_prisons_for(user=request.user).exists(),
        },
    )


@login_required
@require_GET
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    board = selectors.dashboard_for(user=request.user, code=code, today=timezone.localdate())
    return render(request, "prisons/dashboard.html", {"board": board, "form": forms.AdmitForm()})


@login_required
@require_http_methods(["GET", "POST"])
def admit(request: HttpRequest, code: str) -> HttpResponse:
    prison = selectors.prison_get_for(user=request.user, code=code)
    form = forms.AdmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            prisoner = services.prisoner_admit(
                actor=request.user, prison=prison, **form.cleaned_data
            )
        except BrokenRule as error:
            _problems(form, error)
        else:
            return redirect("prisons:prisoner", prisoner.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "prisons/admit.html", {"prison": prison, "form": form}, status=status)


def _file_context(request: HttpRequest, prisoner_id: int, **given: Any) -> dict[str, Any]:
    record = selectors.prisoner_file_for(user=request.user, prisoner_id=prisoner_id)
    prison: Prison = record.prisoner.prison
    for item in record.enrolments:
        item.attendance_form = forms.AttendanceForm(prefix=f"a{item.pk}")  # type: ignore[attr-defined]
        item.end_form = forms.EnrolmentEndForm(prefix=f"e{item.pk}")  # type: ignore[attr-defined]
    others = selectors.prisons_for(user=request.user).exclude(pk=prison.pk)
    return {
        "record": record,
        "prisoner": record.prisoner,
        "today": timezone.localdate(),
        "house_form": given.get("house_form")
        or forms.HouseForm(cells=selectors.cells_of(prison), prefix="house"),
        "leave_form": given.get("leave_form")
        or forms.LeaveForm(prisons=others.filter(country=prison.country), prefix="leave"),
        "incident_form": given.get("incident_form") or forms.IncidentForm(prefix="incident"),
        "enrol_form": given.get("enrol_form")
        or forms.EnrolForm(interventions=selectors.interventions_of(prison), prefix="enrol"),
    }


@login_required
@require_GET
def prisoner_detail(request: HttpRequest, prisoner_id: int) -> HttpResponse:
    return render(request, "prisons/prisoner.html", _file_context(request, prisoner_id))


def _prisoner_action(
    request: HttpRequest, prisoner_id: int, name: str, form: Any, act: Any
) -> HttpResponse:
    """Run a change posted from the prisoner's file; on a refusal, the file again with the
    form's errors (422)."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except BrokenRule as error:
            _problems(form, error)
        else:
            return redirect("prisons:prisoner", prisoner_id)
    context = _file_context(request, prisoner_id, **{name: form})
    return render(request, "prisons/prisoner.html", context, status=422)


def _prisoner(request: HttpRequest, prisoner_id: int) -> Prisoner:
    return selectors.prisoner_get_for(user=request.user, prisoner_id=prisoner_id)


@login_required
@require_POST
def house(request: HttpRequest, prisoner_id: int) -> HttpResponse:
    prisoner = _prisoner(request, prisoner_id)
    form = forms.HouseForm(request.POST, cells=selectors.cells_of(prisoner.prison), prefix="house")
    return _prisoner_action(
        request,
        prisoner_id,
        "house_form",
        form,
        lambda data: services.prisoner_house(
            actor=request.user,
            prisoner=prisoner,
            expected_version=posted_version(request),
            **data,
        ),
    )


@login_required
@require_POST
def leave(request: HttpRequest, prisoner_id: int) -> HttpResponse:
    prisoner = _prisoner(request, prisoner_id)
    form = forms.LeaveForm(
        request.POST,
        prisons=Prison.objects.filter(country=prisoner.prison.country),
        prefix="leave",
    )

    def act(data: dict[str, Any]) -> None:
        version = posted_version(request)
        if data["action"] == "release":
            services.prisoner_release(
                actor=request.user, prisoner=prisoner, expected_version=version, on=data["on"]
            )
        elif data["to"] is None:
            raise BrokenRule(_("Choose the prison."), problems=[])
        else:
            services.prisoner_transfer(
                actor=request.user,
                prisoner=prisoner,
                expected_version=version,
                to=data["to"],
                on=data["on"],
                reason=data["reason"],
            )

    return _prisoner_action(request, prisoner_id, "leave_form", form, act)


@login_required
@require_POST
def incident(request: HttpRequest, prisoner_id: int) -> HttpResponse:
    prisoner = _prisoner(request, prisoner_id)
    return _prisoner_action(
        request,
        prisoner_id,
        "incident_form",
        forms.IncidentForm(request.POST, prefix="incident"),
        lambda data: services.incident_record(actor=request.user, prisoner=prisoner, **data),
    )


@login_required
@require_POST
def enrol(request: HttpRequest, prisoner_id: int) -> HttpResponse:
    prisoner = _prisoner(request, prisoner_id)
    form = forms.EnrolForm(
        request.POST, interventions=selectors.interventions_of(prisoner.prison), prefix="enrol"
    )
    return _prisoner_action(
        request,
        prisoner_id,
        "enrol_form",
        form,
        lambda data: services.enrolment_create(actor=request.user, prisoner=prisoner, **data),
    )


@login_required
@require_POST
def enrolment(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """Attendance at a session, or the end of the enrolment with its outcome."""
    found = selectors.enrolment_get_for(user=request.user, enrolment_id=enrolment_id)
    if f"e{found.pk}-outcome" in request.POST:
        end = forms.EnrolmentEndForm(request.POST, prefix=f"e{found.pk}")
        if end.is_valid():
            services.enrolment_end(
                actor=request.user,
                enrolment=found,
                expected_version=posted_version(request),
                **end.cleaned_data,
            )
    else:
        sheet = forms.AttendanceForm(request.POST, prefix=f"a{found.pk}")
        if sheet.is_valid():
            services.attendance_record(
                actor=request.user,
                enrolment=found,
                on=sheet.cleaned_data["on"],
                present=sheet.cleaned_data["present"] == "yes",
            )
    return redirect("prisons:prisoner", found.prisoner_id)


def _ratings(form: forms.AssessmentForm) -> list[services.RatingGiven]:
    data = form.cleaned_data
    return [
        services.RatingGiven(
            item=code,
            value=data[forms.rating_field_name(code)],
            evidence=data[forms.rating_field_name(code) + "_evidence"],
            source=data[forms.rating_field_name(code) + "_source"],
        )
        for _item, code in form.items
    ]


@login_required
@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest, prisoner_id: int) -> HttpResponse:
    prisoner = _prisoner(request, prisoner_id)
    instrument = selectors.instrument_current()
    form = forms.AssessmentForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.assessment_submit(
                actor=request.user,
                prisoner=prisoner,
                instrument=instrument,
                trigger=data["trigger"],
                assessed_on=data["assessed_on"],
                ratings=_ratings(form),
                level=data["level"],
                override_reason=data["override_reason"],
                summary=data["summary"],
                needs=data["needs"],
                next_review_on=data["next_review_on"],
                incident=selectors.incident_open(prisoner=prisoner),
            )
        except BrokenRule as error:
            _problems(form, error)
        else:
            return redirect("prisons:assessment", assessment.pk)
    status = 422 if request.method == "POST" else 200
    context = {"prisoner": prisoner, "instrument": instrument, "form": form}
    return render(request, "prisons/assessment_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    found = selectors.assessment_get_for(user=request.user, assessment_id=assessment_id)
    prison = found.prisoner.prison
    review = forms.ReviewForm(request.POST or None)
    if request.method == "POST" and review.is_valid():
        try:
            services.assessment_review(
                actor=request.user,
                assessment=found,
                expected_version=posted_version(request),
                on=timezone.localdate(),
                **review.cleaned_data,
            )
        except BrokenRule as error:
            _problems(review, error)
        else:
            return redirect("prisons:assessment", assessment_id)
    context = {
        "assessment": found,
        "review_form": review,
        "may_review": selectors.may_review(user=request.user, prison=prison)
        and found.assessor_id != request.user.pk,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "prisons/assessment.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_resubmit(request: HttpRequest, assessment_id: int) -> HttpResponse:
    found = selectors.assessment_get_for(user=request.user, assessment_id=assessment_id)
    initial = {
        "trigger": found.trigger,
        "assessed_on": found.assessed_on,
        "level": found.level,
        "override_reason": found.override_reason,
        "summary": found.summary,
        "needs": [n.kind for n in found.needs.all()],
        "next_review_on": found.next_review_on,
    }
    for rating in found.ratings.all():
        name = forms.rating_field_name(f"{rating.item.domain.code}.{rating.item.code}")
        initial |= {name: rating.value, f"{name}_evidence": rating.evidence}
        initial[f"{name}_source"] = rating.source
    form = forms.AssessmentForm(request.POST or None, initial=initial, instrument=found.instrument)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assessment_resubmit(
                actor=request.user,
                assessment=found,
                expected_version=posted_version(request),
                ratings=_ratings(form),
                level=data["level"],
                override_reason=data["override_reason"],
                summary=data["summary"],
                needs=data["needs"],
                next_review_on=data["next_review_on"],
            )
        except BrokenRule as error:
            _problems(form, error)
        else:
            return redirect("prisons:assessment", assessment_id)
    context = {
        "prisoner": found.prisoner,
        "instrument": found.instrument,
        "form": form,
        "assessment": found,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "prisons/assessment_form.html", context, status=status)


@login_required
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    if not selectors.figures_prisons_for(user=request.user).exists():
        raise PermissionDenied(_("Prison figures are for prison staff and analysts."))
    today = timezone.localdate()
    start = date_param(request.GET, "from", today.replace(month=1, day=1))
    end = date_param(request.GET, "to", today)
    figures = selectors.prison_figures_for(user=request.user, start=start, end=end)
    return render(
        request,
        "prisons/statistics.html",
        {
            "figures": figures,
            "start": start,
            "end": end,
            "completed": [
                (label, figures.interventions_completed.get(kind, 0))
                for kind, label in InterventionKind.choices
            ],
        },
    )


@login_required
@require_GET
def instruments(request: HttpRequest) -> HttpResponse:
    found = [selectors.instrument_structure(i) for i in selectors.instruments_active()]
    return render(request, "prisons/instruments.html", {"instruments": found})
