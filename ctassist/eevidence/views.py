"""E-evidence pages: the user's requests to providers, a request with its check, next step,
extension and MLA follow-up; provider profiles (editors keep them). Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctassist.core.access import can_edit_reference_data, country_scope
from ctassist.core.errors import FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.exports import download_named
from ctassist.core.posted import posted_date, posted_version
from ctassist.eevidence import selectors, services
from ctassist.eevidence.checks import can_send, request_problems
from ctassist.eevidence.forms import DataRequestForm, ProviderForm
from ctassist.eevidence.models import DataRequest
from ctassist.eevidence.render import request_docx, request_pdf
from ctassist.geo.models import State
from ctassist.mla.selectors import mla_request_list_for


def _states_for(user: Any) -> list[State]:
    scope = country_scope(user)
    found = State.objects.all() if scope is None else State.objects.filter(code__in=scope)
    return list(found.order_by("name_en"))


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "eevidence/home.html",
        {"requests": selectors.data_requests_for(user=request.user), "today": today},
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    form = DataRequestForm(request.POST or None, states=_states_for(request.user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            created = services.data_request_create(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                requesting_state=form.cleaned_data["requesting_state"],
                provider=form.cleaned_data["provider"],
                fields=form.request_fields(),
            )
            messages.success(request, _("Draft saved."))
            return redirect("eevidence:request", request_id=created.pk)
        status = 422
    return render(request, "eevidence/request_new.html", {"form": form}, status=status)


@login_required
@require_GET
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    item = selectors.data_request_get_for(user=request.user, request_id=request_id)
    today = timezone.localdate()
    problems = request_problems(item, today=today)
    return render(
        request,
        "eevidence/request_detail.html",
        {
            "item": item,
            "problems": problems,
            "sendable": can_send(problems),
            "next": services.TRANSITIONS.get(item.status, ()),
            "statuses": dict(DataRequest.Status.choices),
            "today": today,
            "mla_requests": [
                r
                for r in mla_request_list_for(user=request.user)
                if r.requesting_state_id == item.requesting_state_id
            ]
            if item.kind == DataRequest.Kind.PRESERVATION
            and item.status == DataRequest.Status.CONFIRMED
            and item.follow_up_id is None
            else [],
        },
    )


@login_required
@require_POST
def request_move(request: HttpRequest, request_id: int) -> HttpResponse:
    item = selectors.data_request_get_for(user=request.user, request_id=request_id)
    until = request.POST.get("preserved_until")
    services.data_request_move(
        actor=request.user,
        request=item,
        expected_version=posted_version(request),
        to=request.POST.get("to", ""),
        on=posted_date(request, "on"),
        reason=request.POST.get("reason", ""),
        provider_reference=request.POST.get("provider_reference", ""),
        preserved_until=posted_date(request, "preserved_until") if until else None,
    )
    messages.success(request, _("Recorded."))
    return redirect("eevidence:request", request_id=item.pk)


@login_required
@require_POST
def request_extend(request: HttpRequest, request_id: int) -> HttpResponse:
    item = selectors.data_request_get_for(user=request.user, request_id=request_id)
    services.preservation_extend(
        actor=request.user,
        request=item,
        expected_version=posted_version(request),
        on=posted_date(request, "on"),
    )
    messages.success(request, _("Preservation extended."))
    return redirect("eevidence:request", request_id=item.pk)


@login_required
@require_POST
def request_follow_up(request: HttpRequest, request_id: int) -> HttpResponse:
    item = selectors.data_request_get_for(user=request.user, request_id=request_id)
    chosen = next(
        (
            r
            for r in mla_request_list_for(user=request.user)
            if str(r.pk) == request.POST.get("mla_request")
        ),
        None,
    )
    if chosen is None:
        raise InvalidInput(
            _("Choose one of your MLA requests."), problems=[FieldProblem("mla_request", "")]
        )
    services.follow_up_link(
        actor=request.user,
        request=item,
        expected_version=posted_version(request),
        mla_request=chosen,
    )
    messages.success(request, _("MLA request recorded."))
    return redirect("eevidence:request", request_id=item.pk)


@login_required
@require_GET
def request_document(request: HttpRequest, request_id: int, fmt: str) -> HttpResponse:
    item = selectors.data_request_get_for(user=request.user, request_id=request_id)
    if fmt not in ("docx", "pdf"):
        raise Http404
    content = request_docx(item) if fmt == "docx" else request_pdf(item)
    kind = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if fmt == "docx"
        else "application/pdf"
    )
    response = HttpResponse(content, content_type=kind)
    name = item.reference or f"request-{item.pk}"  # download_named replaces any "/"
    download_named(response, f"{name}.{fmt}")
    return response


@login_required
@require_GET
def provider_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "eevidence/providers.html",
        {
            "providers": selectors.providers_for(user=request.user),
            "today": timezone.localdate(),
            "editor": can_edit_reference_data(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def provider_edit(request: HttpRequest, provider_id: int | None = None) -> HttpResponse:
    if not can_edit_reference_data(request.user):
        raise PermissionDenied(_("Only editors maintain provider profiles."))
    provider = (
        selectors.provider_get_for(user=request.user, provider_id=provider_id)
        if provider_id
        else None
    )
    form = ProviderForm(request.POST or None, instance=provider)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != "verified_on"}
            saved = services.provider_save(
                actor=request.user,
                provider=provider,
                fields=fields,
                verified_on=form.cleaned_data.get("verified_on"),
                expected_version=posted_version(request) if provider else None,
            )
            messages.success(request, _("Provider profile saved."))
            return redirect("eevidence:provider", provider_id=saved.pk)
        status = 422
    return render(
        request,
        "eevidence/provider_edit.html",
        {"form": form, "provider": provider},
        status=status,
    )


@login_required
@require_GET
def provider_detail(request: HttpRequest, provider_id: int) -> HttpResponse:
    return render(
        request,
        "eevidence/provider_detail.html",
        {
            "provider": selectors.provider_get_for(user=request.user, provider_id=provider_id),
            "editor": can_edit_reference_data(request.user),
        },
    )
