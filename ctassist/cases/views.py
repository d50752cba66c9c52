"""Case pages: the dashboard, the case list and export, a case with its people, custody,
charges, hearings and evidence, and the forms that change them. Every read and write goes
through selectors and services; a case outside the user's scope is "not found"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctassist.cases import forms as case_forms
from ctassist.cases import selectors, services
from ctassist.cases.detention import custody_status, rules_loaded
from ctassist.cases.models import CaseFile
from ctassist.cases.tables import cases_table, hearings_table
from ctassist.core.errors import ConflictError, IntegrityFailure, InvalidInput, NotFound
from ctassist.core.exports import download_named, table_export
from ctassist.core.posted import date_param
from ctassist.core.stored_files import stored_chunks


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    stage = request.GET.get("stage") or None
    query = request.GET.get("q", "").strip()
    cases = selectors.case_list_for(user=request.user, status=status, stage=stage, query=query)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        services.case_export_logged(actor=request.user, cases=cases, fmt=fmt)
        return table_export(**cases_table(cases, exported_by=request.user), fmt=fmt)
    return render(
        request,
        "cases/dashboard.html",
        {
            "board": selectors.dashboard_for(user=request.user),
            "cases": cases,
            "units": selectors.units_for(user=request.user),
            "headed": selectors.units_headed_by(user=request.user),
            "campaigns": selectors.campaigns_for(user=request.user),
            "filters": {"status": status, "stage": stage, "q": query},
            "stages": CaseFile._meta.get_field("stage").choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_open(request: HttpRequest) -> HttpResponse:
    units = selectors.units_for(user=request.user)
    form = case_forms.CaseOpenForm(request.POST or None, units=units)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Case opened."))
            return redirect("cases:detail", case_id=case.pk)
        except InvalidInput as problem:
            _add_problems(form, problem)
            status = 422
    return render(request, "cases/open.html", {"form": form, "units": units}, status=status)


# Several forms share the case page: each gets a prefix so field ids stay unique.
PREFIXES = {
    "edit_form": "edit",
    "close_form": "close",
    "person_form": "person",
    "hearing_form": "hearing",
    "evidence_form": "evidence",
    "task_form": "task",
}


def _page(
    request: HttpRequest,
    case: CaseFile,
    status: int = 200,
    *,
    conflict: Any = None,
    **forms_: Any,
) -> HttpResponse:
    rules = rules_loaded()
    today = timezone.localdate()
    persons = list(case.persons.all())
    custody = {
        p.pk: custody_status(p, rules=rules, today=today)
        for p in persons
        if p.detention == p.Detention.IN_CUSTODY
    }
    context = {
        "case": case,
        "persons": persons,
        "custody": custody,
        "edit_form": forms_.get("edit_form")
        or case_forms.CaseEditForm.for_case(case, prefix=PREFIXES["edit_form"]),
        "close_form": forms_.get("close_form")
        or case_forms.CaseCloseForm(initial={"version": case.version}, prefix="close"),
        "person_form": forms_.get("person_form") or case_forms.PersonForm(prefix="person"),
        "hearing_form": forms_.get("hearing_form") or case_forms.HearingForm(prefix="hearing"),
        "evidence_form": forms_.get("evidence_form") or case_forms.EvidenceForm(prefix="evidence"),
        "task_form": forms_.get("task_form") or case_forms.TaskForm(prefix="task"),
        "timeline": selectors.case_timeline(case),
        "today": today,
        "failed": forms_,
        "conflict": conflict,
    }
    return render(request, "cases/detail.html", context, status=status)


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _page(request, selectors.case_get_for(user=request.user, case_id=case_id))


def _add_problems(form: forms.Form, problem: InvalidInput) -> None:
    for item in problem.problems:
        form.add_error(item.field if item.field in form.fields else None, item.message)
    if not problem.problems:
        form.add_error(None, problem.message)


def _case_action(
    request: HttpRequest,
    case_id: int,
    form_class: type[forms.Form],
    form_key: str,
    action: Callable[[CaseFile, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Validate a form posted on a case page, run the service, or show the page again with the
    user's input kept: 422 for invalid input, 409 when someone saved the record meanwhile."""
    case = selectors.case_get_for(user=request.user, case_id=case_id)
    form = form_class(request.POST, request.FILES, prefix=PREFIXES.get(form_key))
    if form.is_valid():
        try:
            action(case, form.cleaned_data)
            messages.success(request, done)
            return redirect("cases:detail", case_id=case.pk)
        except ConflictError as conflict:
            form.add_error(None, conflict.message)
            data = request.POST.copy()
            data[form.add_prefix("version")] = str(conflict.current_version or "")
            form.data = data
            case = selectors.case_get_for(user=request.user, case_id=case_id)
            return _page(
                request, case, 409, conflict=_conflict(conflict, form, case), **{form_key: form}
            )
        except InvalidInput as problem:
            _add_problems(form, problem)
    return _page(request, case, 422, **{form_key: form})


def _conflict(conflict: ConflictError, form: forms.Form, case: CaseFile) -> dict[str, Any]:
    """What the conflict panel shows first on the page: the message, and each field the user
    changed beside the version saved meanwhile (for the case's own fields)."""
    rows = []
    if isinstance(form, case_forms.CaseEditForm):
        saved = case_forms.CaseEditForm.for_case(case).initial
        for name in case_forms.CaseEditForm.FIELDS:
            field = form[name]
            yours, theirs = str(field.value() or ""), str(saved.get(name) or "")
            if yours != theirs:
                rows.append({"label": field.label, "yours": yours, "saved": theirs})
    return {"message": conflict.message, "rows": rows, "form_id": f"{form.prefix}-form"}


def _person(case: CaseFile, person_id: int) -> Any:
    for person in case.persons.all():
        if person.pk == person_id:
            return person
    raise NotFound(_("No such person in this case."))


def _charge(case: CaseFile, charge_id: int) -> Any:
    for person in case.persons.all():
        for charge in person.charges.all():
            if charge.pk == charge_id:
                return charge
    raise NotFound(_("No such charge in this case."))


def _evidence(case: CaseFile, evidence_id: int) -> Any:
    for item in case.evidence.all():
        if item.pk == evidence_id:
            return item
    raise NotFound(_("No such exhibit in this case."))


@login_required
@require_POST
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    def run(case: CaseFile, data: dict[str, Any]) -> object:
        form = case_forms.CaseEditForm.for_case(case, request.POST, prefix=PREFIXES["edit_form"])
        form.is_valid()
        return services.case_update(
            actor=request.user, case=case, expected_version=data["version"], changes=form.changes()
        )

    return _case_action(
        request, case_id, case_forms.CaseEditForm, "edit_form", run, _("Case saved.")
    )


@login_required
@require_POST
def case_close(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        case_forms.CaseCloseForm,
        "close_form",
        lambda case, d: services.case_close(
            actor=request.user,
            case=case,
            expected_version=d["version"],
            status=d["status"],
            reason=d["reason"],
        ),
        _("Case closed."),
    )


@login_required
@require_POST
def person_add(request: HttpRequest, case_id: int) -> HttpResponse:
    def run(case: CaseFile, data: dict[str, Any]) -> object:
        nationality = data.pop("nationality")
        return services.person_add(actor=request.user, case=case, nationality=nationality, **data)

    return _case_action(
        request, case_id, case_forms.PersonForm, "person_form", run, _("Person added.")
    )


@login_required
@require_POST
def custody_record(request: HttpRequest, case_id: int, person_id: int) -> HttpResponse:
    def run(case: CaseFile, data: dict[str, Any]) -> object:
        version = data.pop("version")
        return services.person_update(
            actor=request.user,
            person=_person(case, person_id),
            expected_version=version,
            changes=data,
        )

    return _case_action(
        request, case_id, case_forms.CustodyForm, "custody_form", run, _("Custody recorded.")
    )


@login_required
@require_POST
def charge_add(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        case_forms.ChargeForm,
        "charge_form",
        lambda case, d: services.charge_add(
            actor=request.user,
            person=_person(case, d["person"]),
            offence=d["offence"],
            instrument=d["instrument"].code if d["instrument"] else None,
        ),
        _("Charge added."),
    )


@login_required
@require_POST
def charge_outcome(request: HttpRequest, case_id: int, charge_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        case_forms.OutcomeForm,
        "outcome_form",
        lambda case, d: services.charge_dispose(
            actor=request.user,
            charge=_charge(case, charge_id),
            expected_version=d["version"],
            disposition=d["disposition"],
            on=d["on"],
            sentence=d["sentence"],
            appealed=d["appealed"],
        ),
        _("Outcome recorded."),
    )


@login_required
@require_POST
def hearing_add(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        case_forms.HearingForm,
        "hearing_form",
        lambda case, d: services.hearing_schedule(actor=request.user, case=case, **d),
        _("Hearing scheduled."),
    )


@login_required
@require_POST
def evidence_add(request: HttpRequest, case_id: int) -> HttpResponse:
    def run(case: CaseFile, data: dict[str, Any]) -> object:
        upload = data.pop("file")
        return services.evidence_add(
            actor=request.user,
            case=case,
            content=upload,
            filename=upload.name if upload else "",
            **data,
        )

    return _case_action(
        request, case_id, case_forms.EvidenceForm, "evidence_form", run, _("Exhibit registered.")
    )


@login_required
@require_POST
def evidence_transfer(request: HttpRequest, case_id: int, evidence_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        case_forms.TransferForm,
        "transfer_form",
        lambda case, d: services.evidence_transfer(
            actor=request.user,
            evidence=_evidence(case, evidence_id),
            expected_version=d["version"],
            to_holder=d["to_holder"],
            note=d["note"],
        ),
        _("Hand-over recorded."),
    )


@login_required
@require_GET
def evidence_download(
    request: HttpRequest, case_id: int, evidence_id: int
) -> StreamingHttpResponse:
    """The stored file, refused if its SHA-256 no longer matches the one taken on upload."""
    item = selectors.evidence_get_for(user=request.user, case_id=case_id, evidence_id=evidence_id)
    if not item.file:
        raise NotFound(_("This exhibit has no file."))
    chunks = stored_chunks(item.file, item.sha256)  # checked, then streamed: memory bounded
    if chunks is None:
        raise IntegrityFailure(_("The stored file no longer matches its SHA-256: do not use it."))
    response = StreamingHttpResponse(chunks, content_type="application/octet-stream")
    response["Content-Length"] = str(item.file.size)
    download_named(response, item.filename)
    response["X-Content-SHA256"] = item.sha256
    response["X-Hash-Verified"] = "true"
    return response


@login_required
@require_GET
def monitoring(request: HttpRequest) -> HttpResponse:
    form = case_forms.PeriodForm(request.GET or None)
    start, end = form.period()
    figures = selectors.case_figures_for(user=request.user, start=start, end=end)
    return render(request, "cases/monitoring.html", {"form": form, "figures": figures})


@login_required
@require_GET
def review_campaign(request: HttpRequest, campaign_id: int) -> HttpResponse:
    progress = selectors.campaign_progress_for(user=request.user, campaign_id=campaign_id)
    return render(request, "cases/review.html", {"progress": progress})


@login_required
@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest) -> HttpResponse:
    """Start a review of a unit's open files, shared out among the chosen members."""
    units = selectors.units_for(user=request.user)
    members = selectors.unit_members(user=request.user, units=units)
    status = 200
    if request.method == "POST":
        unit = next((u for u in units if str(u.pk) == request.POST.get("unit")), None)
        if unit is None:
            raise NotFound(_("No such unit."))
        chosen = set(request.POST.getlist("reviewers"))
        try:
            campaign = services.review_campaign_start(
                actor=request.user,
                unit=unit,
                name=request.POST.get("name", ""),
                description=request.POST.get("description", ""),
                reviewers=[m for m in members.get(unit.pk, []) if str(m.pk) in chosen],
            )
        except InvalidInput as problem:
            messages.error(request, problem.message)
            status = 422
        else:
            messages.success(request, _("Review started."))
            return redirect("cases:review", campaign_id=campaign.pk)
    return render(
        request,
        "cases/review_new.html",
        {"units": [(u, members.get(u.pk, [])) for u in units], "posted": request.POST},
        status=status,
    )


@login_required
@require_POST
def review_record(request: HttpRequest, campaign_id: int, item_id: int) -> HttpResponse:
    progress = selectors.campaign_progress_for(user=request.user, campaign_id=campaign_id)
    item = next((i for i in progress.mine if i.pk == item_id), None)
    if item is None:
        raise NotFound(_("No such file in your share of this review."))
    form = case_forms.ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_record(
                actor=request.user,
                item=item,
                expected_version=form.cleaned_data["version"],
                outcome=form.cleaned_data["outcome"],
                reasons=form.cleaned_data["reasons"],
            )
            messages.success(request, _("Finding recorded."))
            return redirect("cases:review", campaign_id=campaign_id)
        except (InvalidInput, ConflictError) as problem:
            form.add_error(None, problem.message)
    status = 409 if form.errors and "version" in request.POST else 422
    return render(
        request, "cases/review.html", {"progress": progress, "failed": form}, status=status
    )


@login_required
@require_POST
def task_add(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        case_forms.TaskForm,
        "task_form",
        lambda case, d: services.task_add(actor=request.user, case=case, **d),
        _("Task added."),
    )


@login_required
@require_POST
def task_done(request: HttpRequest, case_id: int, task_id: int) -> HttpResponse:
    def run(case: CaseFile, data: dict[str, Any]) -> object:
        task = next((t for t in case.tasks.all() if t.pk == task_id), None)
        if task is None:
            raise NotFound(_("No such task in this case."))
        return services.task_done(actor=request.user, task=task, expected_version=data["version"])

    return _case_action(
        request, case_id, case_forms.VersionForm, "task_done_form", run, _("Task done.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def prison_visits(request: HttpRequest) -> HttpResponse:
    """Visits to places of detention: the list, and a form to log one with the detainees met."""
    units = selectors.units_for(user=request.user)
    unit = units[0] if units else None
    if request.method == "POST":
        unit = next((u for u in units if str(u.pk) == request.POST.get("unit", "")), None)
        if unit is None:
            raise NotFound(_("No such unit."))
    detainees = selectors.detainees_for(user=request.user, unit=unit) if unit else []
    status = 200
    if request.method == "POST" and unit is not None:
        chosen = [p for p in detainees if str(p.pk) in request.POST.getlist("detainees")]
        try:
            services.prison_visit_record(
                actor=request.user,
                unit=unit,
                visited_on=dt.date.fromisoformat(request.POST.get("visited_on", "")),
                place=request.POST.get("place", ""),
                detainees=chosen,
                follow_up=request.POST.get("follow_up", ""),
            )
            messages.success(request, _("Visit recorded."))
            return redirect("cases:visits")
        except ValueError:
            messages.error(request, _("Give the date of the visit."))
            status = 422
        except InvalidInput as problem:
            messages.error(request, problem.message)
            status = 422
    return render(
        request,
        "cases/visits.html",
        {
            "visits": selectors.visits_for(user=request.user),
            "units": units,
            "unit": unit,
            "detainees": detainees,
            "posted": request.POST,
        },
        status=status,
    )


@login_required
@require_GET
def hearings(request: HttpRequest) -> HttpResponse:
    """The hearings calendar across the cases the user may see (default: the next 30 days)."""
    today = timezone.localdate()
    start = date_param(request.GET, "from", today)
    end = date_param(request.GET, "to", today + dt.timedelta(days=30))
    found = selectors.hearings_for(user=request.user, start=start, end=end)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        services.hearings_export_logged(actor=request.user, hearings=found, fmt=fmt)
        return table_export(**hearings_table(found, exported_by=request.user), fmt=fmt)
    days: dict[dt.date, list[Any]] = {}
    for hearing in found:
        days.setdefault(timezone.localtime(hearing.starts_at).date(), []).append(hearing)
    return render(
        request, "cases/hearings.html", {"days": sorted(days.items()), "start": start, "end": end}
    )
