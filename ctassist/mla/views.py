"""The request writer: one group of questions per page; a step cannot be passed while an
element it asks for is missing; everything typed is saved first, so nothing is lost; the last
page checks the whole request and gives the document to sign."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctassist.core.access import can_edit_reference_data
from ctassist.core.errors import ConflictError, InvalidInput, PermissionDenied
from ctassist.core.exports import EXPORT_FORMATS, download_named, table_export
from ctassist.core.posted import posted_date, posted_version
from ctassist.geo.models import State
from ctassist.library.selectors import authority_directory
from ctassist.mla import selectors, services
from ctassist.mla.checks import request_check
from ctassist.mla.forms import (
    FacilitationForm,
    FocalPointForm,
    NoticeDateForm,
    NoticeForm,
    PeriodForm,
    ProfileForm,
    StepForm,
    TrackingEventForm,
    TrackingFilterForm,
    TrackingNewForm,
)
from ctassist.mla.models import MlaRequest, Network, TrackedRequest
from ctassist.mla.render import assistance_label, request_docx, request_pdf
from ctassist.mla.request_format import ASSISTANCE_TYPES
from ctassist.mla.steps import STEPS, Step, items_rearrange, next_step, owns, step_named


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "mla/list.html", {"requests": selectors.mla_request_list_for(user=request.user)}
    )


@login_required
@require_POST
def request_new(request: HttpRequest) -> HttpResponse:
    created = services.mla_request_create(actor=request.user)
    return redirect("mla:step", request_id=created.pk, slug=STEPS[0].slug)


@login_required
@require_http_methods(["GET", "POST"])
def request_step(request: HttpRequest, request_id: int, slug: str) -> HttpResponse:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    try:
        step = step_named(slug)
    except KeyError:
        return redirect("mla:step", request_id=item.pk, slug=STEPS[0].slug)
    form = StepForm(step, item.data, item.version, request.POST or None)
    status = 200
    action = request.POST.get("item_action", "")
    if request.method == "POST" and action and form.is_valid():
        return _items_rearrange(request, item, step, form, action)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.mla_request_save(
                actor=request.user,
                request=item,
                expected_version=form.cleaned_data["version"],
                data=form.updated_document(),
            )
        except ConflictError as conflict:
            form.add_error(None, conflict.message)
            return render(request, "mla/step.html", _context(item, step, form), status=409)
        except InvalidInput as refused:
            for issue in refused.problems:
                form.add_error(None, issue.message)
            return render(request, "mla/step.html", _context(item, step, form), status=422)
        missing = [
            gap
            for gap in request_check(item.data).problems
            if gap.severity == "error" and owns(step, gap.field)
        ]
        following = next_step(step.slug)
        if not missing:
            if following is None:
                return redirect("mla:review", request_id=item.pk)
            return redirect("mla:step", request_id=item.pk, slug=following)
        # Saved, but this step still lacks something: stay here and say what, showing what
        # was typed (with the new version, so the next save does not conflict).
        posted = request.POST.copy()
        posted["version"] = str(item.version)
        form = StepForm(step, item.data, item.version, posted)
        form.is_valid()
        for gap in missing:
            form.add_error(form.field_name(gap.field), gap.message)
        status = 422
    return render(request, "mla/step.html", _context(item, step, form), status=status)


def _items_rearrange(
    request: HttpRequest, item: MlaRequest, step: Step, form: StepForm, action: str
) -> HttpResponse:
    """Add, remove or move an offence, person or measure: what was typed is saved first, then
    the list changes, and the step is shown again (no check yet: the user is still writing)."""
    verb, _sep, position = action.partition(":")
    try:
        data = items_rearrange(
            form.updated_document(),
            step=step,
            action=verb,
            index=int(position) if position.isdigit() else None,
        )
        services.mla_request_save(
            actor=request.user,
            request=item,
            expected_version=form.cleaned_data["version"],
            data=data,
        )
    except ValueError:
        form.add_error(None, _("That change to the list is not possible."))
        return render(request, "mla/step.html", _context(item, step, form), status=422)
    except ConflictError as conflict:
        form.add_error(None, conflict.message)
        return render(request, "mla/step.html", _context(item, step, form), status=409)
    url = reverse("mla:step", kwargs={"request_id": item.pk, "slug": step.slug})
    anchor = ""
    if verb == "add":
        anchor = f"#item-{len(data.get(step.repeat or '') or []) - 1}"
    elif verb in ("up", "down") and position.isdigit():
        anchor = f"#item-{int(position) + (-1 if verb == 'up' else 1)}"
    return redirect(url + anchor)


def _context(item: object, step: object, form: StepForm) -> dict[str, object]:
    return {"item": item, "step": step, "steps": STEPS, "form": form}


@login_required
@require_GET
def request_review(request: HttpRequest, request_id: int) -> HttpResponse:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    result = request_check(item.data)
    step_of = {
        p.field: next((s.slug for s in STEPS if owns(s, p.field)), STEPS[0].slug)
        for p in result.problems
    }
    return render(
        request,
        "mla/review.html",
        {
            "item": item,
            "result": result,
            "steps": STEPS,
            "step_of": step_of,
            "step_titles": {step.slug: step.title for step in STEPS},
        },
    )


@login_required
@require_GET
def request_document(request: HttpRequest, request_id: int, fmt: str) -> HttpResponse:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    if not request_check(item.data).complete:
        messages.error(request, _("The request is not complete."))
        return redirect("mla:review", request_id=item.pk)
    content = request_docx(item.data) if fmt == "docx" else request_pdf(item.data)
    kind = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if fmt == "docx"
        else "application/pdf"
    )
    response = HttpResponse(content, content_type=kind)
    name = item.data.get("reference") or f"request-{item.pk}"  # download_named replaces any "/"
    download_named(response, f"{name}.{fmt}")
    return response


@login_required
@require_POST
def request_finalize(request: HttpRequest, request_id: int) -> HttpResponse:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    services.mla_request_finalize(
        actor=request.user, request=item, expected_version=int(request.POST.get("version", 0))
    )
    messages.success(request, _("The request is final and ready for signature."))
    return redirect("mla:review", request_id=item.pk)


@login_required
@require_POST
def request_follow_up(request: HttpRequest, request_id: int) -> HttpResponse:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    follow_up = services.mla_request_follow_up(actor=request.user, request=item)
    return redirect("mla:step", request_id=follow_up.pk, slug=STEPS[0].slug)


# --- Tracking ----------------------------------------------------------------------------------


@login_required
@require_GET
def tracking_list(request: HttpRequest) -> HttpResponse:
    form = TrackingFilterForm(request.GET or None)
    rows = selectors.tracking_list_for(user=request.user, **form.filters())
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        services.tracking_export_logged(actor=request.user, rows=rows, fmt=fmt)
        return table_export(**selectors.tracking_table(rows), fmt=fmt)
    return render(
        request,
        "mla/tracking_list.html",
        {
            "form": form,
            "rows": rows,
            "today": timezone.localdate(),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tracking_new(request: HttpRequest) -> HttpResponse:
    form = TrackingNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tracked = services.tracking_create(actor=request.user, **form.cleaned_data)
            return redirect("mla:tracking_detail", tracked_id=tracked.pk)
        except InvalidInput as refused:
            _add_problems(form, refused)
    status = 422 if request.method == "POST" else 200
    return render(request, "mla/tracking_new.html", {"form": form}, status=status)


@login_required
@require_POST
def request_track(request: HttpRequest, request_id: int) -> HttpResponse:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    existing = selectors.tracking_for_request(user=request.user, request=item)
    if existing is None:
        existing = services.tracking_create(actor=request.user, request=item)
    return redirect("mla:tracking_detail", tracked_id=existing.pk)


def _tracking_page(
    request: HttpRequest, tracked: TrackedRequest, status: int = 200, **forms_: Any
) -> HttpResponse:
    return render(
        request,
        "mla/tracking_detail.html",
        {
            "item": tracked,
            "assistance_labels": [assistance_label(t) for t in tracked.assistance_types],
            "timeline": selectors.tracking_timeline(tracked),
            "is_party": services.tracking_is_party(request.user, tracked),
            "overdue": tracked.is_overdue(timezone.localdate()),
            "event_form": forms_.get("event_form")
            or TrackingEventForm(initial={"version": tracked.version, "on": timezone.localdate()}),
            "facilitation_form": forms_.get("facilitation_form") or FacilitationForm(prefix="help"),
        },
        status=status,
    )


@login_required
@require_GET
def tracking_detail(request: HttpRequest, tracked_id: int) -> HttpResponse:
    return _tracking_page(
        request, selectors.tracking_get_for(user=request.user, tracked_id=tracked_id)
    )


@login_required
@require_POST
def tracking_event(request: HttpRequest, tracked_id: int) -> HttpResponse:
    tracked = selectors.tracking_get_for(user=request.user, tracked_id=tracked_id)
    form = TrackingEventForm(request.POST)
    if form.is_valid():
        try:
            services.tracking_event_record(
                actor=request.user,
                tracked=tracked,
                expected_version=form.cleaned_data["version"],
                kind=form.cleaned_data["kind"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Recorded."))
            return redirect("mla:tracking_detail", tracked_id=tracked.pk)
        except ConflictError as conflict:
            form.add_error(None, conflict.message)
            return _tracking_page(request, tracked, 409, event_form=form)
        except InvalidInput as refused:
            _add_problems(form, refused)
    return _tracking_page(request, tracked, 422, event_form=form)


@login_required
@require_POST
def tracking_settings(request: HttpRequest, tracked_id: int) -> HttpResponse:
    """The parties change the deadline and the urgency (the same service as the API's PATCH)."""
    tracked = selectors.tracking_get_for(user=request.user, tracked_id=tracked_id)
    deadline = request.POST.get("deadline", "")
    services.tracking_update(
        actor=request.user,
        tracked=tracked,
        expected_version=posted_version(request),
        changes={
            "deadline": posted_date(request, "deadline") if deadline else None,
            "urgent": request.POST.get("urgent") == "on",
        },
    )
    messages.success(request, _("Recorded."))
    return redirect("mla:tracking_detail", tracked_id=tracked.pk)


@login_required
@require_POST
def tracking_facilitation(request: HttpRequest, tracked_id: int) -> HttpResponse:
    tracked = selectors.tracking_get_for(user=request.user, tracked_id=tracked_id)
    form = FacilitationForm(request.POST, prefix="help")
    if form.is_valid():
        try:
            services.facilitation_record(actor=request.user, tracked=tracked, **form.cleaned_data)
            messages.success(request, _("Recorded."))
            return redirect("mla:tracking_detail", tracked_id=tracked.pk)
        except InvalidInput as refused:
            _add_problems(form, refused)
    return _tracking_page(request, tracked, 422, facilitation_form=form)


def _add_problems(form: Form, problem: InvalidInput) -> None:
    for item in problem.problems:
        form.add_error(item.field if item.field in form.fields else None, item.message)
    if not problem.problems or not form.errors:
        form.add_error(None, problem.message)


# --- Networks ----------------------------------------------------------------------------------


@login_required
@require_GET
def network_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mla/network_list.html",
        {"networks": selectors.network_list_for(user=request.user)},
    )


def _network_page(
    request: HttpRequest, network: Network, form: FocalPointForm | None = None, status: int = 200
) -> HttpResponse:
    period = PeriodForm(request.GET or None)
    date_from, date_to = period.period(timezone.localdate())
    return render(
        request,
        "mla/network_detail.html",
        {
            "network": network,
            "focal_points": selectors.focal_points_for(user=request.user, network=network),
            "figures": selectors.mla_statistics(
                date_from=date_from, date_to=date_to, network=network
            ),
            "status_labels": dict(TrackedRequest.Status.choices),
            "period": period,
            "may_run": services.network_may_run(request.user, network),
            "focal_point_form": form or FocalPointForm(),
            "editor": can_edit_reference_data(request.user),
            "secretariat": list(network.secretariat.order_by("username")),
        },
        status=status,
    )


@login_required
@require_GET
def network_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _network_page(request, selectors.network_get_for(user=request.user, code=code))


@login_required
@require_POST
def focal_point_hand_over(request: HttpRequest, code: str) -> HttpResponse:
    network = selectors.network_get_for(user=request.user, code=code)
    form = FocalPointForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.focal_point_hand_over(
                actor=request.user, network=network, state_code=data.pop("state"), **data
            )
            messages.success(request, _("Recorded."))
            return redirect("mla:network_detail", code=network.code)
        except InvalidInput as refused:
            _add_problems(form, refused)
    return _network_page(request, network, form, 422)


@login_required
@require_POST
def network_secretariat(request: HttpRequest, code: str) -> HttpResponse:
    """Editors name a user of the network's secretariat (by user name)."""
    network = selectors.network_get_for(user=request.user, code=code)
    services.network_secretariat_add(
        actor=request.user, network=network, username=request.POST.get("username", "")
    )
    messages.success(request, _("Recorded."))
    return redirect("mla:network_detail", code=network.code)


# --- Central-authority notices (published: no sign-in needed) ----------------------------------


@require_GET
def notice_table(request: HttpRequest) -> HttpResponse:
    form = NoticeDateForm(request.GET or None)
    on = form.cleaned_data.get("on") if form.is_valid() else None
    return render(
        request,
        "mla/notices.html",
        {"form": form, "comparison": selectors.notice_comparison(on=on)},
    )


def _notice_page(
    request: HttpRequest, state_code: str, form: NoticeForm | None = None, status: int = 200
) -> HttpResponse:
    state, notices = selectors.notice_history(state_code=state_code)
    today = timezone.localdate()
    rows = [(n, selectors.notice_is_current(n, today)) for n in notices]
    return render(
        request,
        "mla/notice_state.html",
        {
            "state": state,
            "rows": rows,
            "may_edit": can_edit_reference_data(request.user),
            "form": form or NoticeForm(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def notice_state(request: HttpRequest, state_code: str) -> HttpResponse:
    if request.method == "GET":
        return _notice_page(request, state_code)
    form = NoticeForm(request.POST)
    if form.is_valid():
        try:
            services.notice_publish(actor=request.user, state_code=state_code, **form.cleaned_data)
            messages.success(request, _("Recorded."))
            return redirect("mla:notice_state", state_code=state_code)
        except InvalidInput as refused:
            _add_problems(form, refused)
    return _notice_page(request, state_code, form, 422)


@require_GET
def profile_list(request: HttpRequest) -> HttpResponse:
    """Requested-State profiles: what each State needs in a request it receives."""
    chosen = State.objects.filter(code=request.GET.get("state", "").upper()).first()
    if chosen is not None:
        return redirect("mla:profile", state_code=chosen.code)
    return render(
        request,
        "mla/profiles.html",
        {
            "profiles": selectors.profiles_list(),
            "editor": can_edit_reference_data(request.user),
            "states": State.objects.order_by("name_en")
            if can_edit_reference_data(request.user)
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
def profile_detail(request: HttpRequest, state_code: str) -> HttpResponse:
    """One State's profile with its central authority (from the library's directory) and its
    current notices; editors change it here (audited; a stale version conflicts)."""
    state = State.objects.filter(code=state_code.upper()).first()
    if state is None:
        raise Http404
    profile = selectors.profile_of(state_code=state.code)
    types = [(kind, assistance_label(kind)) for kind in ASSISTANCE_TYPES]
    editor = can_edit_reference_data(request.user)
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial=ProfileForm.initial_from(profile),
        types=types,
    )
    status = 200
    if request.method == "POST":
        if not editor:
            raise PermissionDenied(_("Only editors maintain requested-State profiles."))
        if form.is_valid():
            services.profile_save(
                actor=request.user,
                state_code=state.code,
                expected_version=posted_version(request) if profile else None,
                changes=form.changes(),
            )
            messages.success(request, _("Profile saved."))
            return redirect("mla:profile", state_code=state.code)
        status = 422
    _state, notices = selectors.notice_history(state_code=state.code)
    return render(
        request,
        "mla/profile.html",
        {
            "state": state,
            "profile": profile,
            "requirements": [
                (label, (profile.special_requirements or {}).get(kind))
                for kind, label in types
                if profile and (profile.special_requirements or {}).get(kind)
            ],
            "authorities": authority_directory(
                user=request.user, state_code=state.code, function="mla"
            ),
            "notices": [n for n in notices if selectors.notice_is_current(n)],
            "form": form if editor else None,
        },
        status=status,
    )
